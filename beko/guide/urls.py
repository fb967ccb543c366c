from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("", views.start, name="start"),
    path("ergebnis/", views.result, name="result"),
    path("ergebnis/drucken/", views.result_print, name="result_print"),
]
