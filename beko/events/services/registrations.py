"""Registrations, the waiting list and check-in.

Concurrency: every write that changes who holds a seat first locks the event row
(`_lock_event`, SELECT … FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE transaction mode
already serialises writers). Occupancy is then counted inside the same transaction, so two
parallel requests can never both see "one seat left"."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beko.core.lib.raw_rows import RawColumns
from beko.core.services import content_changed

from .. import tasks
from ..models import (
    Event,
    ProgrammeItem,
    Registration,
)
from ._common import ACTIVE, TOKEN_SALT, RegistrationError, log_staff_action

if TYPE_CHECKING:
    from beko.accounts.models import User
    from beko.directory.models import Organisation

logger = logging.getLogger(__name__)

# --- registrations --------------------------------------------------------------------------


def _lock_event(pk: int) -> Event:
    return Event.objects.select_for_update().get(pk=pk)


def registration_window_error(event: Event, *, now: datetime | None = None) -> str | None:
    """Why nobody can register for `event` right now, or None when registration is open."""
    now = now or timezone.now()
    if event.status != Event.Status.PUBLISHED:
        return _("Diese Veranstaltung ist nicht (mehr) veröffentlicht.")
    if not event.registration_required:
        return _("Für diese Veranstaltung ist keine Anmeldung nötig.")
    if event.starts_at <= now:
        return _("Diese Veranstaltung hat bereits begonnen oder ist vorbei.")
    if event.effective_deadline < now:
        return _("Der Anmeldeschluss ist vorbei.")
    return None


# What registration needs of the locked event row: reading only these keeps the lock query
# small (the translated texts in seven languages are not needed to sell a seat).
_LOCK_FIELDS = (
    "status", "registration_required", "starts_at", "registration_deadline", "capacity",
    "ask_dietary", "ask_questions",
)  # fmt: skip


_LOCKED_EVENT = RawColumns(Event, _LOCK_FIELDS, alias="e")
# Only quoted names from the model go into the braces; the value is a parameter.
_LOCK_SQL = "SELECT {columns} FROM {table} e WHERE e.id = %s"


def _lock_for_registration(pk: int) -> Event:
    """The event row, locked, with the fields of `_LOCK_FIELDS`: written out, as the seat
    check, because the ORM needs more CPU to build it than the database to answer it."""
    table = connection.ops.quote_name(Event._meta.db_table)
    sql = _LOCK_SQL.format(columns=_LOCKED_EVENT.sql(), table=table)
    if connection.features.has_select_for_update:
        sql += " FOR UPDATE"  # SQLite: the IMMEDIATE transaction already serialises writers
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        raise Event.DoesNotExist
    return _LOCKED_EVENT.instance(row)  # type: ignore[return-value]  # RawColumns(Event, …)


@dataclass(frozen=True)
class _SeatCheck:
    confirmed: int
    in_session: int
    duplicate: bool


# One statement, written out: the ORM needs more CPU to build this aggregate than the
# database needs to answer it, and it runs while every other registration waits.
# Three counts, each with its own index condition: the confirmed rows (index event, status,
# session; at most the capacity) and the address's own active row (the partial unique index,
# whose predicate the last WHERE repeats so the planner can use it). One WHERE with an OR
# made PostgreSQL scan every registration of the event, the waiting list included, and the
# registrations got slower the longer the waiting list grew.
_SEAT_SQL = """
SELECT (SELECT COUNT(*) FROM {table}
        WHERE event_id = %(event)s AND status = %(confirmed)s),
       (SELECT COUNT(*) FROM {table}
        WHERE event_id = %(event)s AND status = %(confirmed)s AND session_id = %(session)s),
       (SELECT COUNT(*) FROM {table}
        WHERE event_id = %(event)s AND email = %(email)s
          AND status IN (%(confirmed)s, %(waiting)s) AND NOT email = %(no_email)s)
"""


def _seat_check(event_id: int, *, session_id: int | None, email: str) -> _SeatCheck:
    """Seats taken (event and session) and whether `email` is registered: one query.

    Call with the event locked. Each count reads only its index range (see `_SEAT_SQL`), so
    the waiting list and cancellations do not make it slower.
    """
    sql = _SEAT_SQL.format(table=connection.ops.quote_name(Registration._meta.db_table))
    params: dict[str, int | str] = {
        "event": event_id,
        "session": session_id or 0,
        "email": email,
        "confirmed": Registration.Status.CONFIRMED.value,
        "waiting": Registration.Status.WAITING.value,
        "no_email": "",
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        confirmed, in_session, duplicate = cursor.fetchone()
    return _SeatCheck(int(confirmed), int(in_session), int(duplicate) > 0)


@dataclass(frozen=True)
class RegistrationInput:
    name: str
    email: str
    organisation_name: str = ""
    session_id: int | None = None
    accessibility_needs: str = ""
    dietary_wishes: str = ""
    questions: str = ""


def registration_create(
    *,
    event: Event,
    data: RegistrationInput,
    language: str,
    sessions: Iterable[ProgrammeItem] | None = None,
) -> Registration:
    """Register one person: a seat when there is one, else a place on the waiting list.

    Raises RegistrationError (with a German message for the visitor) when registration is
    closed, the session is not one of this event's, or the address is already registered.
    `sessions` are the event's parallel sessions when the caller has loaded them already.

    The event row lock is held only for the seat: the lock, one query for the seats taken
    and a duplicate, the insert, the commit. Each of them is a round trip to the database
    while every other registration for this event waits, so everything else happens before
    the lock (organisation match, the sessions and their capacities – staff change those
    without the event lock anyway) or after the commit (the content version, the mail).
    """
    email = data.email.strip().lower()
    organisation = _matching_organisation(data.organisation_name)
    if sessions is None:
        sessions = ProgrammeItem.objects.filter(event_id=event.pk, kind=ProgrammeItem.Kind.SESSION)
    capacities = {item.pk: item.capacity for item in sessions if item.event_id == event.pk}
    session_id = None
    if capacities:
        session_id = data.session_id if data.session_id in capacities else None
        if session_id is None:
            raise RegistrationError(
                _("Bitte wählen Sie eine der parallelen Sitzungen."), field="session"
            )
    session_capacity = capacities.get(session_id) if session_id else None
    try:
        with transaction.atomic():
            locked = _lock_for_registration(event.pk)
            error = registration_window_error(locked)
            if error:
                raise RegistrationError(error)
            seats = _seat_check(locked.pk, session_id=session_id, email=email)
            if seats.duplicate:
                raise RegistrationError(_duplicate_message(), field="email")
            has_seat = (locked.capacity is None or seats.confirmed < locked.capacity) and (
                session_capacity is None or seats.in_session < session_capacity
            )
            status = Registration.Status.CONFIRMED if has_seat else Registration.Status.WAITING
            registration = Registration.objects.create(
                event=event,
                session_id=session_id,
                status=status,
                name=data.name.strip(),
                email=email,
                organisation_name=data.organisation_name.strip(),
                organisation=organisation,
                accessibility_needs=data.accessibility_needs.strip(),
                dietary_wishes=data.dietary_wishes.strip() if locked.ask_dietary else "",
                questions=data.questions.strip() if locked.ask_questions else "",
                language=language,
                consent_at=timezone.now(),
            )
    except IntegrityError as exc:
        # The partial unique index caught a duplicate the lock did not (should not happen).
        raise RegistrationError(_duplicate_message(), field="email") from exc
    content_changed()  # after the commit: the free seats are public
    logger.info(
        "registration created",
        extra={"event": event.pk, "registration": registration.pk, "status": status},
    )
    _mail(registration, "confirmation")
    return registration


def _duplicate_message() -> str:
    return _(
        "Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung für diese Veranstaltung. "
        "Die Bestätigung mit dem Abmelde-Link finden Sie in Ihrem Postfach."
    )


def _matching_organisation(name: str) -> Organisation | None:
    """Link the free-text organisation to the directory entry when the name matches exactly."""
    from .. import selectors

    name = name.strip()
    if not name:
        return None
    return selectors.organisations().filter(name__iexact=name).first()


def registration_cancel(
    *, registration: Registration, by: User | None = None
) -> list[Registration]:
    """Cancel a registration; a freed seat goes to the first fitting person on the waiting list.

    Idempotent: cancelling twice (double click, two tabs) promotes nobody the second time,
    because the status is re-read under the event lock. Returns the promoted registrations.
    """
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            registration.status = current.status
            return []
        if by is None and event.starts_at <= timezone.now():
            raise RegistrationError(_("Die Veranstaltung hat bereits begonnen."))
        held_seat = current.status == Registration.Status.CONFIRMED
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        content_changed()  # the free seats are public
        promoted = _fill_waiting_list(event) if held_seat else []
        if by is not None:
            log_staff_action(
                current, "events.registration_cancelled", by=by, data={"event": event.pk}
            )
    registration.status = current.status
    registration.cancelled_at = current.cancelled_at
    _mail(current, "cancelled")
    for person in promoted:
        _mail(person, "promoted")
    return promoted


def _fill_waiting_list(event: Event) -> list[Registration]:
    """Give free seats to waiting people in order of registration. Call with the event locked.

    Someone waiting for a full session is skipped (not dropped) when only another session has
    room, so the next person who fits moves up.
    """
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    taken = confirmed.count()
    per_session = Counter(confirmed.exclude(session=None).values_list("session_id", flat=True))
    capacities = dict(
        event.programme.filter(kind=ProgrammeItem.Kind.SESSION).values_list("pk", "capacity")
    )
    promoted = []
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING)
    for person in waiting.order_by("created_at", "pk"):
        if event.capacity is not None and taken >= event.capacity:
            break
        session_id = person.session_id or 0
        limit = capacities.get(session_id) if session_id else None
        if limit is not None and per_session[session_id] >= limit:
            continue
        person.status = Registration.Status.CONFIRMED
        person.promoted_at = timezone.now()
        person.save(update_fields=["status", "promoted_at"])
        taken += 1
        if session_id:
            per_session[session_id] += 1
        promoted.append(person)
    return promoted


def session_capacity_changed(*, event: Event) -> list[Registration]:
    """Re-run the waiting list after staff changed programme capacities."""
    with transaction.atomic():
        promoted = _fill_waiting_list(_lock_event(event.pk))
        content_changed()  # programme items and seats are public
    for registration in promoted:
        _mail(registration, "promoted")
    return promoted


def registration_token(registration: Registration) -> str:
    """The signed, unguessable key of the confirmation page and the cancel link."""
    return signing.dumps([registration.pk, registration.ticket_code], salt=TOKEN_SALT)


def registration_from_token(token: str) -> Registration | None:
    try:
        pk, code = signing.loads(token, salt=TOKEN_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (
        Registration.objects.select_related("event", "session")
        .filter(pk=pk, ticket_code=code, anonymised_at=None)
        .first()
    )


@transaction.atomic
def registration_check_in(*, registration: Registration, by: User) -> bool:
    """Mark a confirmed participant as present. Returns False when already checked in."""
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status != Registration.Status.CONFIRMED:
        raise RegistrationError(
            _("Diese Anmeldung ist nicht bestätigt (Warteliste oder storniert).")
        )
    if current.checked_in_at:
        return False
    current.checked_in_at = timezone.now()
    current.checked_in_by = by
    current.save(update_fields=["checked_in_at", "checked_in_by"])
    registration.checked_in_at = current.checked_in_at
    log_staff_action(current, "events.checked_in", by=by, data={"event": current.event_id})
    return True


@transaction.atomic
def registration_undo_check_in(*, registration: Registration, by: User) -> None:
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=None, checked_in_by=None)
    registration.checked_in_at = None
    log_staff_action(
        registration, "events.check_in_undone", by=by, data={"event": registration.event_id}
    )


def participants_mail(
    *, event: Event, subject: str, body: str, include_waiting: bool, by: User
) -> int:
    """Send one message to everyone registered (e.g. a change of room). Returns the count."""
    statuses = list(ACTIVE) if include_waiting else [Registration.Status.CONFIRMED]
    ids = list(
        Registration.objects.filter(event=event, status__in=statuses, anonymised_at=None)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        tasks.participant_message.enqueue(registration_id=pk, subject=subject, body=body)
    log_staff_action(event, "events.participants_mailed", by=by, data={"recipients": len(ids)})
    return len(ids)


def _mail(registration: Registration, kind: str) -> None:
    """Queue the mail (rendered with .ics and QR ticket by the task) once the seat is committed:
    the row lock is held for the seat alone, and a rolled-back registration sends nothing."""
    registration_id = registration.pk
    transaction.on_commit(
        lambda: tasks.registration_mail.enqueue(registration_id=registration_id, kind=kind)
    )
