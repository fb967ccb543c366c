from django.urls import path

from . import views

app_name = "inquiries"

urlpatterns = [
    path("", views.contact, name="contact"),
    path("vorschlaege/", views.suggestions, name="suggestions"),
    path("status/<str:token>/", views.status, name="status"),
]
