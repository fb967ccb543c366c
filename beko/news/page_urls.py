"""Top-level public pages of the news app: audience pages, "Über uns", site-wide search."""

from django.urls import path, re_path

from . import views

app_name = "pages"

urlpatterns = [
    re_path(
        r"^(?P<slug>fuer-ehrenamtliche|fuer-unternehmen|fuer-beratungsstellen|fuer-vereine"
        r"|fuer-beratungsstellen-und-vereine)/$",
        views.audience_page,
        name="audience",
    ),
    path("ueber-uns/", views.about, name="about"),
    path("suche/", views.site_search, name="search"),
]
