from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from icalendar import Calendar

from beko.events.models import Event, ProgrammeItem

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")

# The shape of a schema.org Event as Google's and schema.org's validators expect it:
# required name/startDate/location, ISO 8601 dates, enumerations as schema.org URLs.
EVENT_SCHEMA = {
    "type": "object",
    "required": ["@context", "@type", "name", "startDate", "endDate", "location", "eventStatus",
                 "eventAttendanceMode", "url", "organizer"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "Event"},
        "name": {"type": "string", "minLength": 1},
        "startDate": {"type": "string", "format": "date-time"},
        "endDate": {"type": "string", "format": "date-time"},
        "eventStatus": {"enum": ["https://schema.org/EventScheduled", "https://schema.org/EventCancelled",
                                 "https://schema.org/EventPostponed", "https://schema.org/EventRescheduled"]},
        "eventAttendanceMode": {"pattern": "^https://schema.org/(Offline|Online|Mixed)EventAttendanceMode$"},
        "url": {"type": "string", "format": "uri"},
        "location": {
            "type": "object",
            "required": ["@type"],
            "properties": {
                "@type": {"enum": ["Place", "VirtualLocation"]},
                "address": {
                    "type": "object",
                    "required": ["@type", "streetAddress", "postalCode", "addressLocality"],
                    "properties": {"@type": {"const": "PostalAddress"}},
                },
            },
        },
        "organizer": {"type": "object", "required": ["@type", "name"]},
        "offers": {
            "type": "object",
            "required": ["@type", "price", "priceCurrency", "availability"],
            "properties": {"@type": {"const": "Offer"}},
        },
    },
}  # fmt: skip


def _json_ld(html: str) -> dict:
    match = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
    )
    assert match, "JSON-LD block with nonce missing"
    return json.loads(match.group(1))


def test_event_detail_json_ld_validates_as_schema_org_event(anon_client, event):
    response = anon_client.get(f"/veranstaltungen/{event.slug}/")
    data = _json_ld(response.content.decode())
    jsonschema.validate(data, EVENT_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert data["name"] == "Meet & Eat: Aufenthalt und Arbeit"
    assert datetime.fromisoformat(data["startDate"]) == event.starts_at
    assert data["location"]["address"]["postalCode"] == "42103"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_json_ld_cannot_be_broken_out_of_by_a_title(anon_client, make_event):
    event = make_event(title_de="</script><script>alert(1)</script>", slug="boese")
    html = anon_client.get(f"/veranstaltungen/{event.slug}/").content.decode()
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_cancelled_event_json_ld_says_so(anon_client, make_event):
    event = make_event(status=Event.Status.CANCELLED, slug="abgesagt")
    data = _json_ld(anon_client.get(f"/veranstaltungen/{event.slug}/").content.decode())
    jsonschema.validate(data, EVENT_SCHEMA)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_calendar_feed_round_trips_through_icalendar(anon_client, event, make_event):
    make_event(status=Event.Status.DRAFT, slug="entwurf", title_de="Geheimer Entwurf")
    for url in ("/veranstaltungen/feed.ics", "/events/feed.ics", "/en/veranstaltungen/feed.ics"):
        response = anon_client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(response.content)
        assert calendar["VERSION"] == "2.0"
        assert calendar["PRODID"]
        events = calendar.walk("VEVENT")
        assert [str(e["SUMMARY"]) for e in events] == ["Meet & Eat: Aufenthalt und Arbeit"]
        vevent = events[0]
        assert vevent["DTSTART"].dt == event.starts_at
        assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert str(vevent["UID"]).startswith(f"event-{event.pk}@")
        assert "Haus der Integration" in str(vevent["LOCATION"])
        assert calendar.walk("VTIMEZONE"), "VTIMEZONE for Europe/Berlin missing"
        # Serialising the parsed calendar again gives the same calendar (client round trip).
        again = Calendar.from_ical(calendar.to_ical())
        assert again.walk("VEVENT")[0]["UID"] == vevent["UID"]
        assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


def test_per_event_ics_download(anon_client, event):
    response = anon_client.get(f"/veranstaltungen/{event.slug}.ics")
    assert response.status_code == 200
    assert 'filename="meet-eat.ics"' in response["Content-Disposition"]
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1


def test_weekly_language_cafe_is_published_with_rrule_and_keeps_local_time(anon_client, make_event):
    start = datetime(2026, 3, 3, 18, 0, tzinfo=BERLIN)  # a Tuesday, before summer time
    event = make_event(
        slug="sprachcafe",
        category=Event.Category.LANGUAGE_CAFE,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20351231T230000Z",
        registration_required=False,
        capacity=None,
    )
    from beko.events import recurrence

    event.series_ends_at = recurrence.series_end(event)
    event.save()
    response = anon_client.get(f"/veranstaltungen/{event.slug}.ics")
    vevent = Calendar.from_ical(response.content).walk("VEVENT")[0]
    rule = vevent["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    # Expanding the rule from the parsed calendar: 18:00 local before and after the DST switch.
    from dateutil.rrule import rrulestr

    dates = list(rrulestr(rule.to_ical().decode(), dtstart=vevent["DTSTART"].dt))
    assert {d.astimezone(BERLIN).hour for d in dates[:10]} == {18}
    assert {d.weekday() for d in dates[:10]} == {1}
    # The public list shows the series with its next date, although the first date is past.
    html = anon_client.get("/veranstaltungen/").content.decode()
    assert "/veranstaltungen/sprachcafe/" in html
    assert "regelmäßig" in html


def test_event_detail_shows_programme_parallel_sessions_and_stands(
    anon_client, event, add_session, organisation
):
    ProgrammeItem.objects.create(
        event=event, kind=ProgrammeItem.Kind.KEYNOTE, starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(minutes=30), title_de="Impuls: Arbeit ab Tag eins",
        speakers="Dr. Beispiel", room="Saal",
    )  # fmt: skip
    add_session(event, "Bezirk Barmen", 20)
    add_session(event, "Bezirk Elberfeld", 20)
    event.stands.create(number="A1", organisation=organisation, topic_de="Sprachkurse")
    event.stands.create(number="A2", exhibitor_name="Jobcenter", topic_de="Arbeit")
    html = anon_client.get(f"/veranstaltungen/{event.slug}/").content.decode()
    assert "Impuls: Arbeit ab Tag eins" in html and "Dr. Beispiel" in html
    assert "parallel – bitte eine Sitzung wählen" in html
    assert "Bezirk Barmen" in html and "Bezirk Elberfeld" in html
    assert "Verein Brücke e. V." in html and "Jobcenter" in html
    assert "Stufenlos erreichbar" in html
    assert 'name="session"' in html
