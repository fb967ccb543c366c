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
from django.db import IntegrityError, connection, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beko.core.lib.raw_rows import RawColumns, insert_values
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


# The seat decision and the insert as one statement, written out, while the event is locked:
# every round trip under the lock is one every other registration for this event waits for.
# Each count reads only its index range: the confirmed rows (index event, status, session; at
# most the capacity) and the address's own active row (the partial unique index, whose
# predicate the NOT EXISTS repeats so the planner can use it). One WHERE with an OR made
# PostgreSQL scan every registration of the event, the waiting list included. The statement
# runs after the lock statement, so on PostgreSQL (READ COMMITTED) it sees every registration
# committed before the lock was granted; in one statement with the lock it would count with a
# snapshot taken before the wait.
_INSERT_SQL = """
INSERT INTO {table} ({columns}, {status})
SELECT {values}, CASE WHEN {has_seat} THEN %s ELSE %s END
WHERE NOT EXISTS (SELECT 1 FROM {table}
                  WHERE event_id = %s AND email = %s
                    AND status IN (%s, %s) AND NOT email = %s)
RETURNING {pk}, {status}
"""
_CONFIRMED_COUNT = "(SELECT COUNT(*) FROM {table} WHERE event_id = %s AND status = %s)"
_SESSION_COUNT = (
    "(SELECT COUNT(*) FROM {table} WHERE event_id = %s AND status = %s AND session_id = %s)"
)


def _insert_with_seat(
    registration: Registration, *, capacity: int | None, session_capacity: int | None
) -> bool:
    """Insert `registration` with a seat when the event (and its session) has one left, else
    on the waiting list; sets its pk and status. False (nothing inserted) when the address is
    already registered. Call with the event locked."""
    quote = connection.ops.quote_name
    table = quote(Registration._meta.db_table)
    confirmed = Registration.Status.CONFIRMED.value
    waiting = Registration.Status.WAITING.value
    columns, values = insert_values(registration, exclude=["status"])
    conditions: list[str] = []
    seat_params: list[int | str | None] = []
    if capacity is not None:
        conditions.append(_CONFIRMED_COUNT.format(table=table) + " < %s")
        seat_params += [registration.event_id, confirmed, capacity]
    if session_capacity is not None:
        conditions.append(_SESSION_COUNT.format(table=table) + " < %s")
        seat_params += [registration.event_id, confirmed, registration.session_id, session_capacity]
    sql = _INSERT_SQL.format(
        table=table,
        columns=", ".join(columns),
        values=", ".join(["%s"] * len(values)),
        status=quote("status"),
        pk=quote(str(Registration._meta.pk.column)),  # type: ignore[union-attr]  # it has one
        has_seat=" AND ".join(conditions) or "1 = 1",
    )
    params = [
        *values, *seat_params, confirmed, waiting,
        registration.event_id, registration.email, confirmed, waiting, "",
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    registration.pk, registration.status = row
    registration._state.adding = False
    registration._state.db = connection.alias
    return True


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

    The event row lock is held only for the seat: the lock, one statement that counts the
    seats taken, checks for a duplicate and inserts, and the commit (which also commits the
    mail task's row, queued before the lock with the database task backend). Each of them is a round
    trip to the database while every other registration for this event waits, so everything
    else happens before the lock (organisation match, the sessions and their capacities –
    staff change those without the event lock anyway) or after the commit (the content
    version).
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
    # Built before the lock (model and field defaults cost CPU while others wait); only the
    # status is decided under it.
    registration = Registration(
        event=event,
        session_id=session_id,
        name=data.name.strip(),
        email=email,
        organisation_name=data.organisation_name.strip(),
        organisation=organisation,
        accessibility_needs=data.accessibility_needs.strip(),
        dietary_wishes=data.dietary_wishes.strip(),
        questions=data.questions.strip(),
        language=language,
        consent_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            queued = _confirmation_in_transaction(registration)
            locked = _lock_for_registration(event.pk)
            error = registration_window_error(locked)
            if error:
                raise RegistrationError(error)
            # What the event asks is read from the locked row (staff may just have changed it).
            if not locked.ask_dietary:
                registration.dietary_wishes = ""
            if not locked.ask_questions:
                registration.questions = ""
            if not _insert_with_seat(
                registration, capacity=locked.capacity, session_capacity=session_capacity
            ):
                raise RegistrationError(_duplicate_message(), field="email")
    except IntegrityError as exc:
        # The partial unique index caught a duplicate the lock did not (should not happen).
        raise RegistrationError(_duplicate_message(), field="email") from exc
    content_changed()  # after the commit: the free seats are public
    logger.info(
        "registration created",
        extra={"event": event.pk, "registration": registration.pk, "status": registration.status},
    )
    if not queued:
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


def _confirmation_in_transaction(registration: Registration) -> bool:
    """Queue the confirmation of the registration about to be inserted in the current
    transaction, when the task queue is a table of the same database: its row commits with the
    registration (one commit instead of two), a rolled-back registration queues nothing, and
    the worker cannot see the row before the commit. Named by the ticket code, so it can be
    queued before the event lock is taken (every statement under the lock makes every other
    registration wait). False with other task backends (tests, development: they run the task
    at once), which queue the mail after the commit."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if router.db_for_write(DBTaskResult) != router.db_for_write(Registration) or not isinstance(
        tasks.registration_mail.get_backend(), DatabaseBackend
    ):
        return False
    tasks.registration_mail.enqueue(ticket_code=registration.ticket_code, kind="confirmation")
    return True


def _mail(registration: Registration, kind: str) -> None:
    """Queue the mail (rendered with .ics and QR ticket by the task) once the seat is committed:
    the row lock is held for the seat alone, and a rolled-back registration sends nothing."""
    registration_id = registration.pk
    transaction.on_commit(
        lambda: tasks.registration_mail.enqueue(registration_id=registration_id, kind=kind)
    )
