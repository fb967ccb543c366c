from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.offer_list, name="offer_list"),
    path("<int:pk>/", views.offer_detail, name="offer_detail"),
    path("<int:pk>/drucken/", views.offer_print, name="offer_print"),
    path("<int:pk>/hinweis/", views.offer_report, name="offer_report"),
    path("organisationen/", views.organisation_list, name="organisation_list"),
    path("organisationen/<slug:slug>/logo/", views.organisation_logo, name="organisation_logo"),
    path("organisationen/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("bestaetigen/<str:token>/", views.offer_verify_link, name="offer_verify_link"),
]
