"""What the events app gives the staff reports and "BeKo in Zahlen"."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from beko.events.models import Event
from beko.events.selectors import events_in_year_count

pytestmark = pytest.mark.django_db


def _event(slug: str, start: datetime, **fields: object) -> Event:
    return Event.objects.create(
        title=slug, slug=slug, category="info", status=fields.pop("status", "published"),
        starts_at=start, ends_at=start + timedelta(hours=2), **fields,
    )  # fmt: skip


def test_events_in_a_year_count_public_events_and_a_running_series_once():
    tz = timezone.get_current_timezone()
    _event("im-jahr", datetime(2026, 5, 4, 18, tzinfo=tz))
    _event("abgesagt", datetime(2026, 6, 4, 18, tzinfo=tz), status="cancelled")
    _event("entwurf", datetime(2026, 6, 5, 18, tzinfo=tz), status="draft")
    _event("vorjahr", datetime(2025, 6, 5, 18, tzinfo=tz))
    _event("serie", datetime(2025, 11, 5, 18, tzinfo=tz), recurrence="FREQ=WEEKLY;BYDAY=WE")
    _event("serie-vorbei", datetime(2025, 1, 5, 18, tzinfo=tz), recurrence="FREQ=WEEKLY;BYDAY=SU",
           series_ends_at=datetime(2025, 3, 1, tzinfo=tz))  # fmt: skip
    # Published and cancelled (a cancellation stays public), plus the running series.
    assert events_in_year_count(year=2026) == 3
    assert events_in_year_count(year=2025) == 3  # vorjahr, serie, serie-vorbei
