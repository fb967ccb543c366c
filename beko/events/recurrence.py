"""Recurring events (e.g. a weekly language café) as an iCalendar RRULE on the first date.

Rules are expanded in local time (Europe/Berlin), so "every Tuesday 18:00" stays 18:00 across
the change to and from summer time – as calendar clients do with RRULE + TZID.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.conf import settings
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import Event

ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY"}
# Open-ended rules are expanded this far at most (list pages, "next dates").
MAX_OCCURRENCES = 500


class RecurrenceError(ValueError):
    pass


def _local(value: datetime) -> datetime:
    return value.astimezone(ZoneInfo(settings.TIME_ZONE))


def parse(rule: str, *, starts_at: datetime) -> rrule:
    """Parse and check an RRULE; raise RecurrenceError with a German message if unusable."""
    text = rule.strip().removeprefix("RRULE:")
    parts = dict(part.split("=", 1) for part in text.split(";") if "=" in part)
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise RecurrenceError(_("Erlaubt sind FREQ=DAILY, FREQ=WEEKLY oder FREQ=MONTHLY."))
    if "UNTIL" in parts and not parts["UNTIL"].endswith("Z"):
        raise RecurrenceError(_("UNTIL muss in UTC angegeben werden (endet auf Z)."))
    try:
        parsed = rrulestr(text, dtstart=_local(starts_at))
    except (ValueError, TypeError) as exc:
        raise RecurrenceError(_("Die Wiederholungsregel ist ungültig.")) from exc
    if not isinstance(parsed, rrule):
        raise RecurrenceError(_("Bitte genau eine Regel angeben."))
    return parsed


def occurrences(event: Event, *, after: datetime, limit: int = 10) -> list[datetime]:
    """Start times of the next occurrences ending after `after` (the single date if none)."""
    duration = event.ends_at - event.starts_at
    if not event.recurrence:
        return [event.starts_at] if event.ends_at >= after else []
    try:
        rule = parse(event.recurrence, starts_at=event.starts_at)
    except RecurrenceError:
        return []
    result: list[datetime] = []
    for index, start in enumerate(rule):
        if index >= MAX_OCCURRENCES or len(result) >= limit:
            break
        if start + duration >= after:
            result.append(start)
    return result


def series_end(event: Event) -> datetime | None:
    """End of the last occurrence; None for an open-ended series; the end of a single date."""
    if not event.recurrence:
        return event.ends_at
    rule = parse(event.recurrence, starts_at=event.starts_at)
    parts = event.recurrence.upper()
    if "UNTIL=" not in parts and "COUNT=" not in parts:
        return None
    last = None
    for index, start in enumerate(rule):
        last = start
        if index >= MAX_OCCURRENCES:
            return None
    return (last + (event.ends_at - event.starts_at)) if last else event.ends_at


def next_occurrence(event: Event, *, after: datetime) -> tuple[datetime, datetime] | None:
    """Start and end of the first occurrence ending at or after `after`, or None."""
    upcoming = occurrences(event, after=after, limit=1)
    if not upcoming:
        return None
    return upcoming[0], upcoming[0] + (event.ends_at - event.starts_at)
