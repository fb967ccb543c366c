from django.urls import path

from . import staff_views

app_name = "faq_staff"

urlpatterns = [
    path("", staff_views.entry_list, name="entry_list"),
    path("neu/", staff_views.entry_create, name="entry_create"),
    path("<int:pk>/", staff_views.entry_edit, name="entry_edit"),
]
