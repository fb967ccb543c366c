"""Writes of events: save (with translations, audiences, recurrence), review, unpublish, cancel."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beko.accounts import permissions
from beko.core.lib.sanitize import sanitize_html
from beko.core.lib.slugs import unique_slug
from beko.core.services import content_changed

from .. import recurrence
from ..models import (
    Event,
    EventAudience,
    EventLanguageTag,
    Registration,
)
from .registrations import _fill_waiting_list, _lock_event, _mail, participants_mail

if TYPE_CHECKING:
    from beko.accounts.models import User

logger = logging.getLogger(__name__)

# --- events ---------------------------------------------------------------------------------

EVENT_FIELDS = (
    "category", "organisation", "venue", "online_url", "starts_at", "ends_at", "recurrence",
    "registration_required", "capacity", "registration_deadline", "ask_dietary",
    "ask_questions", "contact_email",
)  # fmt: skip
TRANSLATED_EVENT_FIELDS = ("title", "summary", "description")


def _unique_slug(title: str, *, exclude_pk: int | None) -> str:
    return unique_slug(
        title,
        queryset=Event.objects.all(),
        fallback="veranstaltung",
        max_length=200,
        exclude_pk=exclude_pk,
    )


def event_save(*, event: Event | None, data: dict[str, Any], by: User) -> Event:
    """Create or update an event from cleaned form data.

    Staff publish directly (or keep a draft); a partner editor's event is always a proposal
    for their own organisation and goes live only after staff approval.
    """
    with transaction.atomic():
        event, promoted = _event_save_locked(event=event, data=data, by=by)
    for registration in promoted:
        _mail(registration, "promoted")
    return event


def _event_save_locked(
    *, event: Event | None, data: dict[str, Any], by: User
) -> tuple[Event, list[Registration]]:
    if event is None:
        event = Event(created_by=by)
    elif event.pk:
        event = _lock_event(event.pk)
    for field in TRANSLATED_EVENT_FIELDS:
        if field in data:
            value = data[field] or ""
            if field == "description":
                value = sanitize_html(value)
            setattr(event, f"{field}_de", value)
    for field in EVENT_FIELDS:
        if field in data:
            setattr(event, field, data[field])
    if permissions.needs_approval(by):
        # A partner proposes for one of their own organisations, never for somebody else's.
        own = permissions.partner_organisation_ids(by)
        if event.organisation_id not in own:
            asked = data.get("organisation_id")
            event.organisation_id = asked if asked in own else by.organisation_id
        event.status = Event.Status.PROPOSED
    elif "publish" in data:
        # The form's checkbox is the whole truth for staff: unticking it takes an event offline.
        if data["publish"]:
            event.status = Event.Status.PUBLISHED
        elif event.status == Event.Status.PUBLISHED:
            event.status = Event.Status.DRAFT
    if event.status == Event.Status.PUBLISHED and event.published_at is None:
        event.published_at = timezone.now()
    if not event.slug:
        event.slug = _unique_slug(event.title_de, exclude_pk=event.pk)  # type: ignore[attr-defined]  # modeltranslation adds title_de at run time
    event.series_ends_at = recurrence.series_end(event)
    _set_next_dates(event, now=timezone.now())
    event.save()
    if "audiences" in data:
        event.audiences.exclude(audience__in=data["audiences"]).delete()
        for code in data["audiences"]:
            EventAudience.objects.get_or_create(event=event, audience=code)
    if "languages" in data:
        event.languages.exclude(language__in=data["languages"]).delete()
        for code in data["languages"]:
            EventLanguageTag.objects.get_or_create(event=event, language=code)
    content_changed()
    # A larger capacity frees seats: the waiting list moves up at once.
    return event, _fill_waiting_list(event)


def _set_next_dates(event: Event, *, now: datetime) -> None:
    following = recurrence.next_occurrence(event, after=now)
    event.next_start, event.next_end = following if following else (None, None)


def events_refresh_next_dates(*, now: datetime | None = None) -> int:
    """Move recurring series whose next occurrence has ended on to the following one.

    Run every few minutes (task `refresh_next_dates`, or `manage.py events_next_dates`); the
    list stays right in between (selectors.events_upcoming expands the few stale series).
    Returns the number of series moved on.
    """
    now = now or timezone.now()
    stale = Event.objects.exclude(recurrence="").filter(
        models.Q(next_end__lt=now) | models.Q(next_end__isnull=True),
        models.Q(series_ends_at__isnull=True) | models.Q(series_ends_at__gte=now),
    )
    moved = 0
    for event in stale.iterator():
        before = (event.next_start, event.next_end)
        _set_next_dates(event, now=now)
        if (event.next_start, event.next_end) != before:
            event.save(update_fields=["next_start", "next_end"])
            moved += 1
    if moved:
        content_changed()
    return moved


@transaction.atomic
def event_review(*, event: Event, approve: bool, note: str, by: User) -> Event:
    """Staff decide on a partner's proposal."""
    event = _lock_event(event.pk)
    event.status = Event.Status.PUBLISHED if approve else Event.Status.REJECTED
    event.review_note = note
    event.reviewed_by = by
    if approve and event.published_at is None:
        event.published_at = timezone.now()
    event.save(update_fields=["status", "review_note", "reviewed_by", "published_at", "updated_at"])
    content_changed()
    return event


@transaction.atomic
def event_unpublish(*, event: Event, by: User) -> Event:
    event = _lock_event(event.pk)
    event.status = Event.Status.DRAFT
    event.save(update_fields=["status", "updated_at"])
    content_changed()
    return event


def event_cancel(*, event: Event, message: str, by: User) -> int:
    """Call an event off and tell everybody registered. Returns the number of mails sent."""
    with transaction.atomic():
        event = _lock_event(event.pk)
        event.status = Event.Status.CANCELLED
        event.save(update_fields=["status", "updated_at"])
        content_changed()
    subject = _("Abgesagt: %(title)s") % {"title": event.title_de}  # type: ignore[attr-defined]  # modeltranslation adds title_de at run time
    return participants_mail(
        event=event, subject=subject, body=message, include_waiting=True, by=by
    )
