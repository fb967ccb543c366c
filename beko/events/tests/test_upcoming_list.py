"""The upcoming list is one query with a limit; recurring series keep a materialised next date."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beko.events import selectors, services
from beko.events.models import Event

pytestmark = pytest.mark.django_db


def _weekly(make_event: Any, *, slug: str, days_ago: int) -> Event:
    start = (timezone.now() - timedelta(days=days_ago)).replace(second=0, microsecond=0)
    event = make_event(slug=slug, starts_at=start, ends_at=start + timedelta(hours=2),
                       recurrence="FREQ=WEEKLY;COUNT=20")  # fmt: skip
    event.series_ends_at = start + timedelta(weeks=19, hours=2)
    event.save()
    return event


def test_recurring_series_sort_by_their_next_occurrence_and_the_limit_holds(
    make_event: Any,
) -> None:
    soon = make_event(slug="bald", starts_at=timezone.now() + timedelta(days=2))
    later = make_event(slug="spaeter", starts_at=timezone.now() + timedelta(days=20))
    series = _weekly(make_event, slug="woechentlich", days_ago=10)  # next: in about 4 days
    services.events_refresh_next_dates()
    series.refresh_from_db()
    assert series.next_start is not None and series.next_start > timezone.now()
    found = selectors.events_upcoming()
    assert [e.slug for e in found] == ["bald", "woechentlich", "spaeter"]
    assert found[1].next_start == series.next_start
    assert [e.slug for e in selectors.events_upcoming(limit=2)] == ["bald", "woechentlich"]
    assert soon.pk and later.pk


def test_a_series_whose_stored_date_has_passed_is_still_listed_correctly(make_event: Any) -> None:
    series = _weekly(make_event, slug="woechentlich", days_ago=10)
    past = timezone.now() - timedelta(days=3)
    Event.objects.filter(pk=series.pk).update(next_start=past, next_end=past + timedelta(hours=2))
    found = selectors.events_upcoming()
    assert [e.slug for e in found] == ["woechentlich"]
    assert found[0].next_start > timezone.now()
    assert services.events_refresh_next_dates() == 1
    series.refresh_from_db()
    assert series.next_start == found[0].next_start
    assert services.events_refresh_next_dates() == 0  # nothing left to move on


def test_saving_through_the_service_sets_the_next_date(staff_user: Any, venue: Any) -> None:
    start = (timezone.now() - timedelta(days=1)).replace(second=0, microsecond=0)
    event = services.event_save(
        event=None,
        data={"title": "Sprachcafé", "category": Event.Category.MEET_EAT, "venue": venue,
              "starts_at": start, "ends_at": start + timedelta(hours=1),
              "recurrence": "FREQ=DAILY;COUNT=5", "publish": True},
        by=staff_user,
    )  # fmt: skip
    event.refresh_from_db()
    assert event.next_start == start + timedelta(days=1)
    assert event.next_end == start + timedelta(days=1, hours=1)


@pytest.mark.parametrize("count", [2, 20])
def test_events_api_uses_a_constant_number_of_queries(
    anon_client: Any, make_event: Any, settings: Any, count: int
) -> None:
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0  # measure the view, not the cache
    for number in range(count):
        make_event(slug=f"termin-{number}", starts_at=timezone.now() + timedelta(days=number + 1))
    _weekly(make_event, slug="serie", days_ago=3)
    services.events_refresh_next_dates()
    for url in ("/api/v1/events?limit=100", "/veranstaltungen/"):
        with CaptureQueriesContext(connection) as context:
            response = anon_client.get(url)
        assert response.status_code == 200
        assert len(context.captured_queries) <= 8, (
            url,
            [q["sql"][:90] for q in context.captured_queries],
        )
    assert len(anon_client.get("/api/v1/events?limit=100").json()) == count + 1
