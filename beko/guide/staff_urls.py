from django.urls import path

from . import staff_views

app_name = "guide_staff"

urlpatterns = [
    path("", staff_views.rule_list, name="rule_list"),
    path("aenderungen/", staff_views.rule_changes_page, name="rule_changes"),
    path("regel/<str:rule_id>/", staff_views.rule_detail, name="rule_detail"),
]
