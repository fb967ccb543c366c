"""Language-neutral addresses calendar clients subscribe to (mounted at /events/).

A subscription URL must not change with the visitor's language, so the feed also lives
outside i18n_patterns.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("feed.ics", views.calendar_feed, name="events_feed"),
]
