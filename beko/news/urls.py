from django.urls import path
from django.utils.translation import gettext_lazy as _

from beko.core.views import placeholder

app_name = "news"

urlpatterns = [
    path("", placeholder, {"title": _("Aktuelles und Seiten")}, name="news_list"),
]
