from django.urls import path
from django.utils.translation import gettext_lazy as _

from beko.core.views import placeholder

app_name = "events"

urlpatterns = [
    path("", placeholder, {"title": _("Veranstaltungen und Netzwerk")}, name="event_list"),
]
