from __future__ import annotations

import io

import pytest

from beko.events import demo, selectors
from beko.events.models import Event, ProgrammeItem, Registration

pytestmark = pytest.mark.django_db


def test_demo_data_has_the_three_formats_and_loads_only_once(anon_client):
    from beko.core import demo as core_demo

    core_demo.load(stdout=io.StringIO())  # the demo logins; `manage.py demo` runs it first
    demo.load(stdout=io.StringIO())
    meeting = Event.objects.get(slug__startswith="stadtgespraeche-")
    assert meeting.programme.filter(kind=ProgrammeItem.Kind.SESSION).count() == 4
    assert meeting.stands.count() >= 4
    cafe = Event.objects.get(slug="sprachcafe-oberbarmen")
    assert cafe.recurrence.startswith("FREQ=WEEKLY")
    assert Event.objects.filter(category=Event.Category.MEET_EAT).count() == 3
    # Seats of the demo never exceed the capacity.
    for event in Event.objects.exclude(capacity=None):
        assert selectors.event_occupancy(event=event).confirmed <= event.capacity
    count = Registration.objects.count()
    demo.load(stdout=io.StringIO())
    assert Registration.objects.count() == count
    assert anon_client.get(meeting.get_absolute_url()).status_code == 200
    assert anon_client.get(cafe.get_absolute_url()).status_code == 200
