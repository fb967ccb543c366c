"""Fixtures for the events tests: a venue, events in various states, a quick registrar."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from beko.events import services
from beko.events.models import Event, ProgrammeItem, Venue


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """The rate limiter counts in the cache, which outlives a test; start each test at zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def venue(db: Any) -> Venue:
    return Venue.objects.create(
        name="Haus der Integration",
        street="Musterstraße 1",
        postcode="42103",
        district="elberfeld",
        step_free=True,
        accessible_toilet=True,
    )


@pytest.fixture
def make_event(db: Any, venue: Venue) -> Any:
    def _make(**fields: Any) -> Event:
        start = fields.pop(
            "starts_at", (timezone.now() + timedelta(days=14)).replace(second=0, microsecond=0)
        )
        defaults: dict[str, Any] = {
            "title_de": "Meet & Eat: Aufenthalt und Arbeit",
            "summary_de": "Fachleute beantworten Fragen.",
            "category": Event.Category.MEET_EAT,
            "status": Event.Status.PUBLISHED,
            "venue": venue,
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "registration_required": True,
            "capacity": 10,
            "ask_dietary": True,
            "ask_questions": True,
        }
        defaults.update(fields)
        if "slug" not in defaults:
            defaults["slug"] = f"event-{Event.objects.count() + 1}-{timezone.now().timestamp():.0f}"
        return Event.objects.create(**defaults)

    return _make


@pytest.fixture
def event(make_event: Any) -> Event:
    return make_event(slug="meet-eat")


@pytest.fixture
def add_session() -> Any:
    def _add(event: Event, title: str, capacity: int | None) -> ProgrammeItem:
        return ProgrammeItem.objects.create(
            event=event,
            kind=ProgrammeItem.Kind.SESSION,
            starts_at=event.starts_at + timedelta(minutes=45),
            ends_at=event.starts_at + timedelta(minutes=90),
            title_de=title,
            room=f"Raum {title[-1]}",
            capacity=capacity,
        )

    return _add


@pytest.fixture
def register() -> Any:
    def _register(
        event: Event, email: str, *, session: Any = None, name: str = "Test Person"
    ) -> Any:
        return services.registration_create(
            event=event,
            data=services.RegistrationInput(
                name=name, email=email, session_id=session.pk if session else None
            ),
            language="de",
        )

    return _register


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Amina Yusuf",
        "email": "amina@example.org",
        "organisation_name": "",
        "accessibility_needs": "",
        "dietary_wishes": "vegetarisch",
        "questions": "Darf eine Person mit Duldung eine Ausbildung beginnen?",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data
