"""Reads of the events app. Querysets come back already scoped to who is asking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, When
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from beko.accounts import permissions
from beko.core.lib.charts import Chart, Series
from beko.core.lib.raw_rows import RawColumns
from beko.core.reports import ReportPeriod
from beko.core.vocabulary import AUDIENCE_ALIASES, expand_code
from beko.directory import selectors as directory_selectors

from . import recurrence
from .models import Event, NetworkContact, ProgrammeItem, Registration


def organisations() -> QuerySet[Any]:
    """Every organisation of the directory, for back-office choices and name matching.

    Not the directory's `organisations_public()`: it hides non-public organisations, but
    staff also keep contacts and stands of those.
    """
    return directory_selectors.organisations_all()


def events_public() -> QuerySet[Event]:
    """Published and cancelled events (a cancellation stays visible, marked as such)."""
    return (
        Event.objects.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])
        .select_related("venue", "organisation")
        .prefetch_related("audiences", "languages")
    )


def _upcoming_q(now: datetime) -> Q:
    return Q(recurrence="", ends_at__gte=now) | (
        ~Q(recurrence="") & (Q(series_ends_at__isnull=True) | Q(series_ends_at__gte=now))
    )


@dataclass(frozen=True)
class EventFilters:
    district: str = ""
    category: str = ""
    audience: str = ""
    language: str = ""
    q: str = ""


def _filtered(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.district:
        events = events.filter(venue__district=filters.district)
    if filters.category:
        events = events.filter(category=filters.category)
    if filters.audience:  # a former code ("organisations") stands for two audiences
        codes = expand_code(filters.audience, aliases=AUDIENCE_ALIASES)
        events = events.filter(audiences__audience__in=codes)
    if filters.language:
        events = events.filter(languages__language=filters.language)
    if filters.q:
        events = events.filter(
            Q(title_de__icontains=filters.q)
            | Q(summary_de__icontains=filters.q)
            | Q(title_en__icontains=filters.q)
        )
    return events.distinct()


def events_upcoming(
    *, filters: EventFilters | None = None, now: datetime | None = None, limit: int | None = None
) -> list[Event]:
    """Upcoming public events sorted by their next date (recurring series by next occurrence),
    at most `limit`.

    One query with a LIMIT: single dates sort by `starts_at`, recurring series by their
    materialised `next_start` (services keep it; a task moves series on as occurrences pass).
    Series whose stored occurrence has already ended (the task has not run yet) are the only
    ones expanded in Python. Each event gets `next_start` (datetime) set for display.
    """
    now = now or timezone.now()
    events = _filtered(events_public(), filters or EventFilters())
    current = (
        events.filter(
            Q(recurrence="", ends_at__gte=now) | (~Q(recurrence="") & Q(next_end__gte=now))
        )
        .annotate(
            sort_start=Case(When(recurrence="", then=F("starts_at")), default=F("next_start"))
        )
        .order_by("sort_start", "pk")
    )
    # The annotation (sort_start) only orders the query; the list holds plain events.
    found: list[Event] = list(current[:limit] if limit is not None else current)
    for event in found:
        if not event.recurrence:
            event.next_start = event.starts_at
    stale = events.filter(
        ~Q(recurrence=""),
        Q(next_end__lt=now) | Q(next_end__isnull=True),
        Q(series_ends_at__isnull=True) | Q(series_ends_at__gte=now),
    )
    for event in stale:
        upcoming = recurrence.occurrences(event, after=now, limit=1)
        if upcoming:
            event.next_start = upcoming[0]
            found.append(event)
    found.sort(key=lambda e: (e.next_start, e.pk))
    return found[:limit] if limit is not None else found


def events_past(
    *, filters: EventFilters | None = None, now: datetime | None = None
) -> QuerySet[Event]:
    now = now or timezone.now()
    return _filtered(events_public().exclude(_upcoming_q(now)), filters or EventFilters()).order_by(
        "-starts_at", "-pk"
    )


def events_feed(*, now: datetime | None = None) -> QuerySet[Event]:
    """Every public event for the calendar feed: upcoming ones plus the last 90 days."""
    now = now or timezone.now()
    return events_public().filter(Q(ends_at__gte=now - timedelta(days=90)) | _upcoming_q(now))


def event_public(*, slug: str) -> Event | None:
    """The bare public event (with venue), for writes and downloads that need no programme."""
    return (
        Event.objects.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED], slug=slug)
        .select_related("venue", "organisation")
        .first()
    )


# What the registration request needs of the event (the page is built only on errors).
REGISTRATION_FIELDS = (
    "slug", "status", "registration_required", "starts_at", "registration_deadline",
    "capacity", "ask_dietary", "ask_questions",
)  # fmt: skip


_REGISTRATION_EVENT = RawColumns(Event, REGISTRATION_FIELDS, alias="e")
# Without the descriptions in every language: a registration reads titles and capacities.
_REGISTRATION_SESSIONS = RawColumns(
    ProgrammeItem,
    [
        f.name
        for f in ProgrammeItem._meta.concrete_fields
        if not f.name.startswith(("description", "translation_sources"))
    ],
    alias="p",
)
# Only quoted names from the models go into the braces; the values are parameters.
_REGISTRATION_SQL = """
SELECT {event_columns}, {session_columns}
FROM {events} e
LEFT JOIN {programme} p ON p.event_id = e.id AND p.kind = %(session)s
WHERE e.slug = %(slug)s AND e.status IN (%(published)s, %(cancelled)s)
ORDER BY p.starts_at, p.room, p.id
"""


def event_for_registration(*, slug: str) -> tuple[Event, list[ProgrammeItem]] | None:
    """The public event with just the fields a registration reads (no texts, no venue), and
    its parallel sessions without seat counts (validation needs the session ids, not the
    seats) and without the descriptions in every language.

    One query, written out (beko/core/lib/raw_rows.py): building it as two ORM queries cost
    more CPU than everything the database does for a registration.
    """
    quote = connection.ops.quote_name
    sql = _REGISTRATION_SQL.format(
        event_columns=_REGISTRATION_EVENT.sql(),
        session_columns=_REGISTRATION_SESSIONS.sql(),
        events=quote(Event._meta.db_table),
        programme=quote(ProgrammeItem._meta.db_table),
    )
    params = {
        "slug": slug,
        "session": ProgrammeItem.Kind.SESSION.value,
        "published": Event.Status.PUBLISHED.value,
        "cancelled": Event.Status.CANCELLED.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return None
    split = len(_REGISTRATION_EVENT.fields)  # the slug is unique: one event, n sessions
    event = _REGISTRATION_EVENT.instance(rows[0][:split])
    sessions = [
        _REGISTRATION_SESSIONS.instance(row[split:]) for row in rows if row[split] is not None
    ]
    for session in sessions:
        # The ORM's related manager would set this cache, so `session.event` costs no query.
        session._state.fields_cache["event"] = event
    return event, sessions  # type: ignore[return-value]  # RawColumns builds these models


def event_public_detail(*, slug: str) -> Event | None:
    return (
        events_public()
        .prefetch_related(
            Prefetch(
                "programme", queryset=ProgrammeItem.objects.order_by("starts_at", "room", "pk")
            ),
            "stands__organisation",
            "photos",
        )
        .filter(slug=slug)
        .first()
    )


def upcoming_events_for(*, audience: str | None = None, limit: int = 5) -> list[Event]:
    """Next public events, optionally only those for one audience.

    `audience` is one of `beko.core.vocabulary.Audience` ("volunteers", "employers",
    "counselling", "associations", "refugees"; the former "organisations" means counselling
    services and associations); unknown codes give an empty list. Used by the news app's
    audience pages and the home page.
    """
    filters = EventFilters(audience=audience or "")
    return [e for e in events_upcoming(filters=filters) if e.status == Event.Status.PUBLISHED][
        :limit
    ]


def home_section(request: HttpRequest) -> dict[str, Any] | None:
    events = upcoming_events_for(limit=3)
    return {
        "template": "events/_home_section.html",
        "context": {"events": events},
        "order": 30,
    }


# Same block for every visitor: core caches its HTML per language (docs/architecture.md).
home_section.cache_seconds = 60  # type: ignore[attr-defined]  # a function attribute core reads


@dataclass(frozen=True)
class Occupancy:
    capacity: int | None
    confirmed: int
    waiting: int
    checked_in: int
    sessions: dict[int, int]

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)


def event_occupancy(*, event: Event) -> Occupancy:
    """Seats taken, waiting list and attendance in two queries (pages show it everywhere)."""
    totals = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        checked_in=Count(
            "pk",
            filter=Q(status=Registration.Status.CONFIRMED, checked_in_at__isnull=False),
        ),
    )
    per_session = (
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .exclude(session=None)
        .values_list("session_id")
        .annotate(n=Count("pk"))
    )
    return Occupancy(
        capacity=event.capacity,
        confirmed=totals["confirmed"],
        waiting=totals["waiting"],
        checked_in=totals["checked_in"],
        sessions=dict(per_session),
    )


def sessions_with_occupancy(
    *, event: Event, occupancy: Occupancy | None = None
) -> list[ProgrammeItem]:
    """The event's parallel sessions, each with `taken` and `free` seats set."""
    occupancy = occupancy or event_occupancy(event=event)
    # Uses the prefetched programme when the caller loaded it.
    sessions = [item for item in event.programme.all() if item.kind == ProgrammeItem.Kind.SESSION]
    for session in sessions:
        taken = occupancy.sessions.get(session.pk, 0)
        session.taken = taken  # type: ignore[attr-defined]  # attribute for the template, not a model field
        session.free = None if session.capacity is None else max(session.capacity - taken, 0)  # type: ignore[attr-defined]  # attribute for the template, not a model field
    return sessions


# --- back office ----------------------------------------------------------------------------


def events_for_backoffice(*, user: Any) -> QuerySet[Event]:
    """Staff see every event; a partner editor only their organisation's."""
    events = Event.objects.select_related("organisation", "venue")
    if permissions.is_staff_member(user):
        return events
    return events.filter(organisation_id__in=permissions.partner_organisation_ids(user))


def with_attendance(events: QuerySet[Event]) -> QuerySet[Event]:
    """Add confirmed, waiting and present counts (the numbers management asks for)."""
    return events.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
        ),
        present_count=Count(
            "registrations",
            filter=Q(
                registrations__status=Registration.Status.CONFIRMED,
                registrations__checked_in_at__isnull=False,
            ),
        ),
    )


def registrations_for_event(
    *, event: Event, status: str = "", session_id: int | None = None, q: str = ""
) -> QuerySet[Registration]:
    registrations = Registration.objects.filter(event=event).select_related("session")
    if status:
        registrations = registrations.filter(status=status)
    if session_id:
        registrations = registrations.filter(session_id=session_id)
    if q:
        registrations = registrations.filter(
            Q(name__icontains=q) | Q(ticket_code=q.strip().upper()) | Q(email__iexact=q.strip())
        )
    return registrations.order_by("status", "name", "pk")


def contacts_filtered(
    *, organisation_id: int | None = None, district: str = "", topic: str = "", q: str = ""
) -> QuerySet[NetworkContact]:
    contacts = NetworkContact.objects.select_related("organisation")
    if organisation_id:
        contacts = contacts.filter(organisation_id=organisation_id)
    if district:
        # JSON lists are small; filtering in SQL portably (SQLite has no JSON containment).
        contacts = contacts.filter(districts__icontains=f'"{district}"')
    if topic:
        contacts = contacts.filter(topics__icontains=topic)
    if q:
        contacts = contacts.filter(Q(name__icontains=q) | Q(organisation__name__icontains=q))
    return contacts


def contacts_for_invitation(**filters: Any) -> QuerySet[NetworkContact]:
    """Contacts one may invite: a recorded legal basis and an e-mail address."""
    return contacts_filtered(**filters).exclude(email="").exclude(legal_basis="")


@dataclass(frozen=True)
class OrganisationNetwork:
    organisation: Any
    contacts: list[NetworkContact]
    attended: list[dict[str, Any]]
    stands: list[Any]


def organisation_network(*, organisation: Any) -> OrganisationNetwork:
    """Which events an organisation's people attended and where it stood at a market."""
    attended = (
        Registration.objects.filter(organisation=organisation, status=Registration.Status.CONFIRMED)
        .values("event__pk", "event__title_de", "event__starts_at")
        .annotate(
            registered=Count("pk"),
            present=Count("pk", filter=Q(checked_in_at__isnull=False)),
        )
        .order_by("-event__starts_at")
    )
    stands = list(organisation.event_stands.select_related("event").order_by("-event__starts_at"))
    return OrganisationNetwork(
        organisation=organisation,
        contacts=list(organisation.network_contacts.all()),
        attended=[dict(row) for row in attended],
        stands=stands,
    )


def events_in_year_count(*, year: int) -> int:
    """Public events with at least one date in `year` (a series counts once)."""
    tz = timezone.get_current_timezone()
    start, end = datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    in_year = Q(starts_at__gte=start, starts_at__lt=end) | (
        ~Q(recurrence="")
        & Q(starts_at__lt=end)
        & (Q(series_ends_at__isnull=True) | Q(series_ends_at__gte=start))
    )
    return events_public().filter(in_year).count()


# --- reports (core's staff reports page collects these, see beko.core.reports) -----------


def report_charts(*, period: ReportPeriod) -> list[Chart]:
    """Registrations and attendance of the events with registration in the period."""
    events = list(
        Event.objects.filter(starts_at__gte=period.start, starts_at__lt=period.end)
        .filter(Q(registration_required=True) | Q(registrations__isnull=False))
        .distinct()
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
            ),
            attended=Count(
                "registrations",
                filter=Q(
                    registrations__status=Registration.Status.CONFIRMED,
                    registrations__checked_in_at__isnull=False,
                ),
            ),
        )
        .order_by("starts_at", "pk")
    )
    rows = tuple(
        f"{event.title} ({date_format(timezone.localtime(event.starts_at), 'SHORT_DATE_FORMAT')})"
        for event in events
    )
    return [
        Chart(
            slug="veranstaltungen",
            title=_("Anmeldungen und Teilnahme je Veranstaltung"),
            description=_(
                "Veranstaltungen mit Anmeldung im Zeitraum: bestätigte Anmeldungen und wie "
                "viele davon beim Einlass eingecheckt wurden (Teilnahme), dazu Warteliste "
                "und Plätze."
            ),
            row_header=_("Veranstaltung"),
            rows=rows,
            kind="bars",
            series=(
                Series(_("angemeldet"), tuple(e.confirmed for e in events), color="#0b5d7a"),
                Series(_("teilgenommen"), tuple(e.attended for e in events), color="#1e6b34"),
                Series(_("Warteliste"), tuple(e.waiting for e in events), plot=False),
                Series(_("Plätze"), tuple(e.capacity or 0 for e in events), plot=False),
                Series(
                    _("Teilnahme (%)"),
                    tuple(
                        round(100 * e.attended / e.confirmed, 1) if e.confirmed else 0.0
                        for e in events
                    ),
                    plot=False,
                    decimals=1,
                ),
            ),
        )
    ]


# --- back-office homes ----------------------------------------------------------------------


def staff_todos(*, user: Any, now: datetime) -> list[Any]:
    """The events' share of the staff home's "what needs doing" (one query)."""
    from beko.core.selectors import StaffTodo

    return [
        StaffTodo(
            label=_("Veranstaltungen warten auf Freigabe"),
            count=Event.objects.filter(status=Event.Status.PROPOSED).count(),
            url=f"{reverse('events_staff:event_list')}?status={Event.Status.PROPOSED}",
            urgency=35,
        )
    ]


def partner_home_section(*, user: Any, organisation: Any) -> dict[str, Any]:
    """The organisation's events still to come (or recently proposed) for its partner home."""
    now = timezone.now()
    events = (
        Event.objects.filter(organisation=organisation)
        .filter(Q(ends_at__gte=now) | Q(status=Event.Status.PROPOSED) | Q(series_ends_at__gte=now))
        .order_by("starts_at", "pk")
    )
    return {
        "template": "events/staff/_partner_home.html",
        "context": {"organisation": organisation, "events": list(events[:50])},
        "order": 20,
    }
