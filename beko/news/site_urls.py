"""Addresses outside the language prefixes: robots.txt and sitemap.xml."""

from django.urls import path

from . import site_views

app_name = "site"

urlpatterns = [
    path("robots.txt", site_views.robots_txt, name="robots"),
    path("sitemap.xml", site_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", site_views.sitemap_section, name="sitemap_section"),
]
