"""GET /api/v1/events – the public calendar as JSON (read-only; registration is the form)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from beko.core.lib.problem import ProblemError
from beko.core.lib.response_cache import cache_public_response
from beko.core.vocabulary import AUDIENCE_ALIASES

from . import selectors
from .models import Audience, District, Event, EventLanguage

router = Router(tags=["events"])


class EventQuery(Schema):
    # The shared audience codes; the former "organisations" (counselling services and
    # associations) is still understood, old links keep working.
    audience: Literal[(*Audience.values, *AUDIENCE_ALIASES)] | None = Field(  # type: ignore[valid-type]  # the codes are built at import time
        None, description="volunteers, employers, counselling, associations, refugees"
    )
    district: District | None = Field(None, description="Stadtbezirk of the venue")
    category: Event.Category | None = None
    language: EventLanguage | None = None
    limit: int = Field(20, ge=1, le=100)


class VenueOut(Schema):
    name: str
    street: str
    postcode: str
    city: str
    district: str
    step_free: bool
    accessible_toilet: bool


class EventOut(Schema):
    slug: str
    title: str
    summary: str
    category: str
    status: str
    starts_at: datetime
    ends_at: datetime
    next_start: datetime | None
    recurrence: str
    venue: VenueOut | None
    organisation: str | None
    url: str
    ics_url: str
    registration_required: bool


class ProgrammeItemOut(Schema):
    kind: str
    starts_at: datetime
    ends_at: datetime
    title: str
    speakers: str
    room: str


class StandOut(Schema):
    number: str
    organisation: str
    topic: str


class EventDetailOut(EventOut):
    description_html: str
    programme: list[ProgrammeItemOut]
    stands: list[StandOut]
    seats_free: int | None


def _event_out(event: Event) -> dict:
    venue = event.venue
    return {
        "slug": event.slug,
        "title": str(event.title),
        "summary": str(event.summary or ""),
        "category": event.category,
        "status": event.status,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "next_start": getattr(event, "next_start", None),
        "recurrence": event.recurrence,
        "venue": None
        if venue is None
        else {
            field: getattr(venue, field)
            for field in (
                "name",
                "street",
                "postcode",
                "city",
                "district",
                "step_free",
                "accessible_toilet",
            )
        },
        "organisation": event.organisation.name if event.organisation else None,
        "url": settings.SITE_URL + event.get_absolute_url(),
        "ics_url": settings.SITE_URL + reverse("events:event_ics", kwargs={"slug": event.slug}),
        "registration_required": event.registration_required,
    }


@router.get("", response=list[EventOut], summary="Kommende öffentliche Veranstaltungen")
@decorate_view(cache_public_response)
def event_list(request: HttpRequest, query: Query[EventQuery]) -> list[dict]:
    filters = selectors.EventFilters(
        audience=query.audience or "",
        district=query.district or "",
        category=query.category or "",
        language=query.language or "",
    )
    return [_event_out(e) for e in selectors.events_upcoming(filters=filters, limit=query.limit)]


@router.get("/{slug}", response=EventDetailOut, summary="Eine Veranstaltung mit Programm")
@decorate_view(cache_public_response)
def event_detail(request: HttpRequest, slug: str) -> dict:
    event = selectors.event_public_detail(slug=slug[:220])
    if event is None:
        raise ProblemError(
            404, "Keine öffentliche Veranstaltung unter dieser Adresse.", param="slug"
        )
    occupancy = selectors.event_occupancy(event=event)
    return {
        **_event_out(event),
        # Sanitised on save (beko.core.lib.sanitize).
        "description_html": str(event.description or ""),
        "programme": [
            {
                "kind": i.kind,
                "starts_at": i.starts_at,
                "ends_at": i.ends_at,
                "title": str(i.title),
                "speakers": i.speakers,
                "room": i.room,
            }
            for i in event.programme.all()
        ],
        "stands": [
            {"number": s.number, "organisation": s.display_name, "topic": str(s.topic)}
            for s in event.stands.all()
        ],
        "seats_free": occupancy.free if event.registration_required else None,
    }
