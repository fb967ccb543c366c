from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("archiv/", views.event_archive, name="event_archive"),
    path("feed.ics", views.calendar_feed, name="feed"),
    path("anmeldung/<str:token>/", views.registration_detail, name="registration_detail"),
    path("anmeldung/<str:token>/ticket.svg", views.registration_ticket_svg, name="ticket_svg"),
    path("anmeldung/<str:token>/abmelden/", views.registration_cancel, name="registration_cancel"),
    path("<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/", views.event_detail, name="event_detail"),
    path("<slug:slug>/fotos/<int:pk>/", views.event_photo, name="event_photo"),
    path("<slug:slug>/anmelden/", views.event_register, name="event_register"),
]
