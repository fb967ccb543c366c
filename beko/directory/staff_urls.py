from django.urls import path

from . import staff_views as views

app_name = "directory_staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("angebote/", views.offer_list, name="offer_list"),
    path("angebote/neu/", views.offer_create, name="offer_create"),
    path("angebote/<int:pk>/", views.offer_edit, name="offer_edit"),
    path("angebote/<int:pk>/vorschau/", views.offer_preview, name="offer_preview"),
    path("angebote/<int:pk>/bestaetigen/", views.offer_verify, name="offer_verify"),
    path("angebote/<int:pk>/status/", views.offer_status, name="offer_status"),
    path("freigaben/", views.review_list, name="review_list"),
    path("freigaben/<int:pk>/", views.review_detail, name="review_detail"),
    path("freigaben/orte/<int:pk>/", views.location_review, name="location_review"),
    path("hinweise/<int:pk>/erledigt/", views.report_close, name="report_close"),
    path("orte/", views.location_list, name="location_list"),
    path("orte/neu/", views.location_edit, name="location_create"),
    path("orte/<int:pk>/", views.location_edit, name="location_edit"),
    path("organisationen/neu/", views.organisation_edit, name="organisation_create"),
    path("organisationen/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_status, name="import_status"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
]
