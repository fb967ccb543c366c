"""events 0004: the events' own audience codes become the shared ones (issue 19)."""

from datetime import timedelta

import pytest
from django.utils import timezone

# Schema changes cannot run inside the test's transaction on SQLite.
pytestmark = pytest.mark.django_db(transaction=True)

OLD = ("events", "0004_registration_seats_index")
NEW = ("events", "0005_shared_audience_codes")


def _event(apps, slug):
    Event = apps.get_model("events", "Event")
    starts = timezone.now() + timedelta(days=3)
    return Event.objects.create(
        title=slug, title_de=slug, slug=slug, category="info", starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )  # fmt: skip


def _audiences(apps):
    EventAudience = apps.get_model("events", "EventAudience")
    result = {}
    for slug, code in EventAudience.objects.values_list("event__slug", "audience"):
        result.setdefault(slug, set()).add(code)
    return result


def test_organisations_become_counselling_and_associations_and_back(migrator):
    old = migrator.migrate(OLD)
    EventAudience = old.get_model("events", "EventAudience")
    joint, mixed, plain = _event(old, "joint"), _event(old, "mixed"), _event(old, "plain")
    for event, code in ((joint, "organisations"), (joint, "volunteers"), (mixed, "organisations"),
                        (plain, "refugees"), (plain, "employers")):  # fmt: skip
        EventAudience.objects.create(event_id=event.pk, audience=code)

    new = migrator.migrate(NEW)
    assert _audiences(new) == {
        "joint": {"counselling", "associations", "volunteers"},
        "mixed": {"counselling", "associations"},
        "plain": {"refugees", "employers"},
    }

    back = migrator.migrate(OLD)
    assert _audiences(back) == {
        "joint": {"organisations", "volunteers"},
        "mixed": {"organisations"},
        "plain": {"refugees", "employers"},
    }


def test_an_event_already_tagged_with_a_shared_code_gets_no_duplicate(migrator):
    old = migrator.migrate(OLD)
    EventAudience = old.get_model("events", "EventAudience")
    event = _event(old, "both")
    EventAudience.objects.create(event_id=event.pk, audience="organisations")
    # Not an old code, but a row the unique constraint would refuse twice.
    EventAudience.objects.create(event_id=event.pk, audience="counselling")

    new = migrator.migrate(NEW)
    assert _audiences(new) == {"both": {"counselling", "associations"}}
