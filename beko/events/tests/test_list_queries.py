"""Every list of the events app needs as many SQL queries for 12 items as for 2 (no N+1).

Each test measures a list with 2 items, adds 10 more and measures again; the counts must be
equal, not below a magic number, so one query per row fails the test. The response cache is
off (measure the view); each address is measured cold (caches emptied) and warm.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from beko.core.tests.query_counts import counts as _counts
from beko.core.tests.query_counts import queries as _queries
from beko.directory.models import Organisation
from beko.events import services
from beko.events.models import (
    Event,
    EventAudience,
    EventLanguageTag,
    MarketStand,
    ProgrammeItem,
    Registration,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_response_cache(settings: Any) -> None:
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0


def _events(make_event: Any, start: int, stop: int, *, days: int) -> list[Event]:
    """Events with everything a list may show: organisation, audiences, languages, programme."""
    made = []
    for number in range(start, stop):
        org = Organisation.objects.create(name=f"Träger {number:02d}", slug=f"traeger-{number:02d}")
        begin = (timezone.now() + timedelta(days=days + number)).replace(second=0, microsecond=0)
        event = make_event(
            slug=f"{'kommend' if days > 0 else 'vergangen'}-{number:02d}",
            title_de=f"Sprachcafé {number:02d}",
            starts_at=begin,
            ends_at=begin + timedelta(hours=2),
            organisation=org,
            registration_deadline=None,
        )
        EventAudience.objects.create(event=event, audience="volunteers")
        EventLanguageTag.objects.create(event=event, language="en")
        ProgrammeItem.objects.create(
            event=event, kind=ProgrammeItem.Kind.SESSION, title_de="Workshop", capacity=5,
            starts_at=begin + timedelta(minutes=30), ends_at=begin + timedelta(minutes=90),
        )  # fmt: skip
        MarketStand.objects.create(event=event, number=str(number), organisation=org, topic="Jobs")
        made.append(event)
    return made


PUBLIC = [
    "/veranstaltungen/",
    "/veranstaltungen/?audience=volunteers",
    "/en/veranstaltungen/",
    "/veranstaltungen/feed.ics",
    "/events/feed.ics",
    "/api/v1/events?limit=100",
]


def test_public_event_lists_and_feeds_need_the_same_queries_for_2_and_12_events(
    anon_client: Any, make_event: Any
) -> None:
    _events(make_event, 0, 2, days=3)
    small = _counts(anon_client, PUBLIC)
    _events(make_event, 2, 12, days=3)
    large = _counts(anon_client, PUBLIC)
    assert large == small
    assert len(anon_client.get("/api/v1/events?limit=100").json()) == 12
    assert anon_client.get("/events/feed.ics").content.count(b"BEGIN:VEVENT") >= 12


def test_event_archive_needs_the_same_queries_for_2_and_12_past_events(
    anon_client: Any, make_event: Any
) -> None:
    _events(make_event, 0, 2, days=-40)
    small, _ = _queries(anon_client, "/veranstaltungen/archiv/")
    _events(make_event, 2, 12, days=-40)
    large, response = _queries(anon_client, "/veranstaltungen/archiv/")
    assert response.context["page_obj"].paginator.count == 12
    assert large == small


def _register(event: Event, start: int, stop: int) -> None:
    sessions = list(event.programme.order_by("pk"))
    for number in range(start, stop):
        registration = services.registration_create(
            event=event,
            data=services.RegistrationInput(
                name=f"Person {number:02d}", email=f"p{number}@example.org",
                session_id=sessions[number % len(sessions)].pk,
            ),
            language="de",
        )  # fmt: skip
        if number % 3 == 0:
            Registration.objects.filter(pk=registration.pk).update(organisation=event.organisation)


def test_staff_event_lists_need_the_same_queries_for_2_and_12_items(
    staff_client: Any, staff_user: Any, make_event: Any
) -> None:
    event = make_event(slug="gross", capacity=100)
    for title in ("Workshop A", "Workshop B"):
        ProgrammeItem.objects.create(
            event=event, kind=ProgrammeItem.Kind.SESSION, title_de=title, capacity=50,
            starts_at=event.starts_at, ends_at=event.starts_at + timedelta(hours=1),
        )  # fmt: skip
    _events(make_event, 0, 2, days=3)
    _register(event, 0, 2)
    _contacts(staff_user, 0, 2)
    urls = [
        "/intern/events/",
        "/intern/events/?status=published",
        f"/intern/events/{event.pk}/teilnehmende/",
        f"/intern/events/{event.pk}/teilnehmende/druck/",
        f"/intern/events/{event.pk}/teilnehmende/export.csv",
        f"/intern/events/{event.pk}/einlass/?q=Person",
        "/intern/events/kontakte/",
    ]
    small = _counts(staff_client, urls)
    _events(make_event, 2, 12, days=3)
    _register(event, 2, 12)
    _contacts(staff_user, 2, 12)
    large = _counts(staff_client, urls)
    assert large == small
    _, response = _queries(staff_client, f"/intern/events/{event.pk}/teilnehmende/")
    assert response.context["page_obj"].paginator.count == 12
    _, response = _queries(staff_client, "/intern/events/kontakte/")
    assert response.context["page_obj"].paginator.count == 12


def _contacts(staff_user: Any, start: int, stop: int) -> None:
    for number in range(start, stop):
        org, _ = Organisation.objects.get_or_create(
            slug=f"netz-{number:02d}", defaults={"name": f"Netz {number:02d}"}
        )
        services.network_contact_save(
            contact=None,
            data={
                "organisation": org, "name": f"Kontakt {number:02d}", "role": "Koordination",
                "email": f"k{number}@example.org", "phone": "", "topics": "Sprache",
                "districts": ["barmen"], "legal_basis": "consent", "consent_to_listing": True,
                "consent_note": "per E-Mail",
            },
            by=staff_user,
        )  # fmt: skip


def test_organisation_network_needs_the_same_queries_for_2_and_12_events(
    staff_client: Any, staff_user: Any, make_event: Any
) -> None:
    network, _ = Organisation.objects.get_or_create(slug="netz-00", defaults={"name": "Netz 00"})

    def grow(start: int, stop: int) -> None:
        _contacts(staff_user, start, stop)  # the first one belongs to `network`
        for event in _events(make_event, start, stop, days=3):
            MarketStand.objects.create(event=event, number="A", organisation=network, topic="Netz")
            registration = services.registration_create(
                event=event,
                data=services.RegistrationInput(
                    name="Person", email=f"n{event.pk}@example.org",
                    session_id=event.programme.get().pk,
                ),
                language="de",
            )  # fmt: skip
            Registration.objects.filter(pk=registration.pk).update(organisation=network)

    url = f"/intern/events/organisationen/{network.pk}/"
    grow(0, 2)
    small, _ = _queries(staff_client, url)
    grow(2, 12)
    large, response = _queries(staff_client, url)
    assert large == small
    assert len(response.context["network"].attended) == 12  # the lists really grew
    assert len(response.context["network"].stands) == 12


def test_event_page_lists_need_the_same_queries_for_2_and_12_items(
    anon_client: Any, make_event: Any
) -> None:
    """Programme (sessions with their occupancy), market stands and photos of one event."""
    from beko.events.models import EventPhoto

    event = make_event(slug="markt", capacity=200)

    def grow(start: int, stop: int) -> None:
        for number in range(start, stop):
            org = Organisation.objects.create(
                name=f"Stand {number:02d}", slug=f"stand-{number:02d}"
            )
            ProgrammeItem.objects.create(
                event=event, kind=ProgrammeItem.Kind.SESSION, title_de=f"Workshop {number:02d}",
                capacity=10, room=f"Raum {number}",
                starts_at=event.starts_at, ends_at=event.starts_at + timedelta(hours=1),
            )  # fmt: skip
            MarketStand.objects.create(
                event=event, number=str(number), organisation=org, topic="Job"
            )
            EventPhoto.objects.create(
                event=event, image=f"events/foto-{number}.jpg", alt_text=f"Foto {number}",
                credit="Stadt", position=number,
            )  # fmt: skip
        _register(event, start, stop)

    url = f"/veranstaltungen/{event.slug}/"
    grow(0, 2)
    small, _ = _queries(anon_client, url)
    grow(2, 12)
    large, response = _queries(anon_client, url)
    html = response.content.decode()
    assert "Workshop 11" in html and "Stand 11" in html and "Foto 11" in html  # they grew
    assert large == small


def test_partner_event_lists_need_the_same_queries_for_2_and_12_events(
    partner_client: Any, organisation: Any, make_event: Any
) -> None:
    """A partner's events on the partner home and in the back-office list."""

    def grow(start: int, stop: int) -> None:
        for event in _events(make_event, start, stop, days=3):
            event.organisation = organisation
            event.status = Event.Status.PROPOSED if event.pk % 2 else Event.Status.PUBLISHED
            event.save()

    urls = ["/konto/", "/intern/events/"]
    grow(0, 2)
    small = _counts(partner_client, urls)
    grow(2, 12)
    large = _counts(partner_client, urls)
    assert large == small
    _, response = _queries(partner_client, "/intern/events/")
    assert response.context["page_obj"].paginator.count == 12  # the lists really grew
