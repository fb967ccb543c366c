"""iCalendar (RFC 5545) output: the public feed, one event, the confirmation attachment."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Timezone, vRecur
from icalendar import Event as VEvent

from .models import Event

PRODID = "-//BeKo Wuppertal//Veranstaltungen//DE"


@lru_cache(maxsize=16)
def _local_timezone(first_year: int, last_year: int) -> Timezone:
    """VTIMEZONE for our zone covering the given years, built once per range.

    Computing (and printing) transitions is the slow part of a calendar, so the block only
    spans the years the calendar's events touch.
    """
    return Timezone.from_tzinfo(
        ZoneInfo(settings.TIME_ZONE),
        first_date=date(first_year, 1, 1),
        last_date=date(last_year + 1, 1, 1),
    )


def _uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "beko.invalid"
    return f"event-{event.pk}@{host}"


def _location(event: Event) -> str:
    venue = event.venue
    if venue is None:
        return event.online_url or ""
    return f"{venue.name}, {venue.street}, {venue.postcode} {venue.city}"


def _vevent(event: Event) -> VEvent:
    zone = ZoneInfo(settings.TIME_ZONE)
    item = VEvent()
    item.add("uid", _uid(event))
    item.add("dtstamp", (event.updated_at or timezone.now()).astimezone(ZoneInfo("UTC")))
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    item.add("summary", str(event.title))
    description = str(event.summary or "") or strip_tags(str(event.description or ""))[:1000]
    url = settings.SITE_URL + event.get_absolute_url()
    item.add("description", f"{description}\n\n{url}".strip())
    item.add("url", url)
    location = _location(event)
    if location:
        item.add("location", location)
    item.add("categories", [event.get_category_display()])
    item.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    if event.recurrence:
        item.add("rrule", vRecur.from_ical(event.recurrence.removeprefix("RRULE:")))
    return item


def calendar_for(events: Iterable[Event], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    years = []
    for event in events:
        calendar.add_component(_vevent(event))
        if event.series_ends_at:
            last_year = event.series_ends_at.year
        else:
            # An open-ended series: cover a few years ahead.
            last_year = event.ends_at.year + (5 if event.recurrence else 0)
        years += [event.starts_at.year, last_year]
    # A VTIMEZONE block for the TZID used, so clients without the Olson database agree.
    if years:
        calendar.add_component(_local_timezone(min(years), max(years)))
    return calendar.to_ical()


def event_calendar(event: Event) -> bytes:
    return calendar_for([event], name=str(event.title))
