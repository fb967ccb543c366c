from django.urls import path

from . import staff_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("seite/<slug:slug>/", views.page_detail, name="page"),
    path("sprache/", views.set_language, name="set_language"),
    path("intern/", views.staff_home, name="staff_home"),
    path("intern/e-mails/", staff_views.mail_list, name="staff_mails"),
    path("intern/e-mails/<str:name>/", staff_views.mail_detail, name="staff_mail"),
    path("intern/protokoll/", staff_views.audit_log, name="staff_audit_log"),
    path("intern/berichte/", staff_views.report_overview, name="staff_reports"),
    path("intern/berichte/<slug:slug>.csv", staff_views.report_csv, name="staff_report_csv"),
    path("intern/seiten/", staff_views.page_list, name="staff_pages"),
    path("intern/seiten/<int:pk>/", staff_views.page_edit, name="staff_page_edit"),
    path("intern/rechtliches/", staff_views.legal_edit, name="staff_legal"),
    path("intern/rechtliches/dgs-videos/", staff_views.sign_videos, name="staff_sign_videos"),
    path(
        "intern/rechtliches/dgs-videos/<int:pk>/loeschen/",
        staff_views.sign_video_delete,
        name="staff_sign_video_delete",
    ),
    path("intern/uebersetzungen/", staff_views.translations_overview, name="staff_translations"),
    path(
        "intern/uebersetzungen/pruefung/",
        staff_views.translation_review_create,
        name="staff_translation_review",
    ),
    path(
        "intern/uebersetzungen/<str:app_label>/<str:model_name>/<str:language>/",
        staff_views.translation_list,
        name="staff_translation_list",
    ),
    path(
        "intern/uebersetzung/<str:app_label>/<str:model_name>/<int:pk>/<str:language>/",
        staff_views.translation_edit,
        name="staff_translation_edit",
    ),
]
