from django.urls import path

from . import staff_views

app_name = "events_staff"

urlpatterns = [
    path("", staff_views.event_list, name="event_list"),
    path("neu/", staff_views.event_edit, name="event_create"),
    path("<int:pk>/", staff_views.event_edit, name="event_edit"),
    path("<int:pk>/freigabe/", staff_views.event_review, name="event_review"),
    path("<int:pk>/absagen/", staff_views.event_cancel, name="event_cancel"),
    path("<int:pk>/zurueckziehen/", staff_views.event_unpublish, name="event_unpublish"),
    path("<int:pk>/teilnehmende/", staff_views.participants, name="participants"),
    path(
        "<int:pk>/teilnehmende/export.<str:fmt>",
        staff_views.participants_export,
        name="participants_export",
    ),
    path("<int:pk>/teilnehmende/druck/", staff_views.participants_print, name="participants_print"),
    path(
        "<int:pk>/teilnehmende/rundmail/", staff_views.participants_mail, name="participants_mail"
    ),
    path(
        "<int:pk>/teilnehmende/<int:registration_pk>/stornieren/",
        staff_views.participant_cancel,
        name="participant_cancel",
    ),
    path("<int:pk>/einlass/", staff_views.check_in, name="check_in"),
    path("kontakte/", staff_views.contact_list, name="contact_list"),
    path("kontakte/neu/", staff_views.contact_edit, name="contact_create"),
    path("kontakte/export.csv", staff_views.contact_export, name="contact_export"),
    path("kontakte/<int:pk>/", staff_views.contact_edit, name="contact_edit"),
    path("kontakte/<int:pk>/loeschen/", staff_views.contact_delete, name="contact_delete"),
    path(
        "organisationen/<int:organisation_pk>/",
        staff_views.organisation_network,
        name="organisation_network",
    ),
]
