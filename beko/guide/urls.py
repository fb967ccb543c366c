from django.urls import path
from django.utils.translation import gettext_lazy as _

from beko.core.views import placeholder

app_name = "guide"

urlpatterns = [
    path("", placeholder, {"title": _("Wege in Arbeit")}, name="start"),
]
