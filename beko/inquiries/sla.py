"""Service level: an inquiry should get a first answer within N working days (Mon–Fri).

Pure functions on datetimes, no ORM, so the calendar logic is tested on its own.
Public holidays are not counted out; the SLA is a reminder for the team, not a legal deadline.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone


def working_days_before(moment: datetime, days: int) -> datetime:
    """The moment `days` working days (Mon–Fri) before `moment`, in local time."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    remaining = days
    while remaining > 0:
        local -= timedelta(days=1)
        if local.weekday() < 5:
            remaining -= 1
    return local


def is_overdue(
    *, created_at: datetime, answered: bool, is_open: bool, now: datetime, days: int
) -> bool:
    """Unanswered, still open, and received more than `days` working days ago."""
    return is_open and not answered and created_at < working_days_before(now, days)


def working_days_between(start: datetime, end: datetime) -> int:
    """Working days (Mon–Fri) from `start` to `end`, local calendar days: an answer on the
    same day takes 0, one on the next working day 1 (weekends do not count)."""
    first = timezone.localtime(start).date() if timezone.is_aware(start) else start.date()
    last = timezone.localtime(end).date() if timezone.is_aware(end) else end.date()
    days = 0
    current = first
    while current < last:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days
