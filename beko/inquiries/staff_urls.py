from django.urls import path

from . import staff_views as v

app_name = "inquiries_staff"

urlpatterns = [
    path("", v.queue, name="queue"),
    path("telefon/", v.phone_create, name="phone_create"),
    path("<int:pk>/", v.detail, name="detail"),
    path("<int:pk>/uebernehmen/", v.claim, name="claim"),
    path("<int:pk>/zuweisen/", v.assign, name="assign"),
    path("<int:pk>/status/", v.transition, name="transition"),
    path("<int:pk>/notiz/", v.note_add, name="note_add"),
    path("<int:pk>/antworten/", v.reply, name="reply"),
    path("<int:pk>/zusammenfuehren/", v.merge, name="merge"),
    path("<int:pk>/faq/", v.faq_create, name="faq_create"),
    path("<int:pk>/anhang/<int:attachment_pk>/", v.attachment_download, name="attachment"),
    path("vorlagen/", v.template_list, name="template_list"),
    path("vorlagen/neu/", v.template_edit, name="template_create"),
    path("vorlagen/<int:pk>/", v.template_edit, name="template_edit"),
    path("vorlagen/<int:pk>/loeschen/", v.template_delete, name="template_delete"),
    path("zahlen/", v.stats, name="stats"),
    path("zahlen.csv", v.stats_csv, name="stats_csv"),
    path("auskunft/", v.subject_access, name="subject_access"),
]
