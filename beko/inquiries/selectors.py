"""Reads of the inquiries app, scoped to the acting user."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from beko.accounts.permissions import is_staff_member
from beko.core.lib.charts import Chart, Series
from beko.core.reports import ReportPeriod
from beko.core.vocabulary import AUDIENCE_ALIASES, Topic
from beko.faq import selectors as faq_selectors

from .models import OPEN_STATUSES, AskerType, Channel, Inquiry, ReplyTemplate, Status
from .sla import working_days_before, working_days_between


def inquiries_visible_to(*, user: Any) -> QuerySet[Inquiry]:
    """Staff see every inquiry; everybody else (partners included) none."""
    if is_staff_member(user):
        return Inquiry.objects.all()
    return Inquiry.objects.none()


def inquiry_for_token(*, token: str) -> Inquiry | None:
    """The one inquiry behind a status link (anonymised ones have no link any more)."""
    from .services import token_hash

    if not token or len(token) > 100:
        return None
    return (
        Inquiry.objects.filter(status_token_hash=token_hash(token), anonymised_at__isnull=True)
        .prefetch_related("replies")
        .first()
    )


AGE_FILTERS = ("heute", "ueberfaellig", "woche", "monat")


@dataclass(frozen=True)
class QueueFilters:
    status: str = "offen"
    topic: str = ""
    asker_type: str = ""
    assignee: str = ""
    age: str = ""
    q: str = ""


def sla_cutoff(now: datetime | None = None) -> datetime:
    return working_days_before(now or timezone.now(), settings.BEKO_INQUIRY_SLA_WORKING_DAYS)


def _overdue_q(now: datetime) -> Q:
    return Q(
        status__in=OPEN_STATUSES, first_answered_at__isnull=True, created_at__lt=sla_cutoff(now)
    )


def inquiries_queue(
    *, user: Any, filters: QueueFilters, now: datetime | None = None
) -> QuerySet[Inquiry]:
    """The staff queue; one query for the page plus one count, however many inquiries exist."""
    now = now or timezone.now()
    inquiries = inquiries_visible_to(user=user).select_related("assignee")
    if filters.status == "offen":
        inquiries = inquiries.filter(status__in=OPEN_STATUSES)
    elif filters.status in Status.values:
        inquiries = inquiries.filter(status=filters.status)
    if filters.topic in Topic.values:
        inquiries = inquiries.filter(topic=filters.topic)
    # Staff bookmarks from before the shared codes say "volunteer", "employer", "association".
    asker_type = AUDIENCE_ALIASES.get(filters.asker_type, (filters.asker_type,))[0]
    if asker_type in AskerType.values:
        inquiries = inquiries.filter(asker_type=asker_type)
    if filters.assignee == "ich":
        inquiries = inquiries.filter(assignee=user)
    elif filters.assignee == "niemand":
        inquiries = inquiries.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        inquiries = inquiries.filter(assignee_id=int(filters.assignee))
    if filters.age == "heute":
        inquiries = inquiries.filter(created_at__gte=now - timedelta(days=1))
    elif filters.age == "ueberfaellig":
        inquiries = inquiries.filter(_overdue_q(now))
    elif filters.age == "woche":
        inquiries = inquiries.filter(created_at__lt=now - timedelta(days=7))
    elif filters.age == "monat":
        inquiries = inquiries.filter(created_at__lt=now - timedelta(days=30))
    if filters.q:
        term = filters.q.strip()
        inquiries = inquiries.filter(
            Q(reference__iexact=term)
            | Q(name__icontains=term)
            | Q(email__iexact=term)
            | Q(question__icontains=term)
        )
    # Oldest open questions first: they are the most urgent.
    return inquiries.order_by("created_at", "id").defer("question")


def queue_counts(*, user: Any, now: datetime | None = None) -> dict[str, int]:
    """Numbers for the queue header: open, unassigned, overdue."""
    now = now or timezone.now()
    return inquiries_visible_to(user=user).aggregate(
        open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        unassigned=Count("id", filter=Q(status__in=OPEN_STATUSES, assignee__isnull=True)),
        overdue=Count("id", filter=_overdue_q(now)),
    )


def staff_members() -> QuerySet[Any]:
    from beko.accounts.models import Role

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(role__in=[Role.STAFF, Role.ADMIN]) | Q(is_superuser=True))
        .order_by("first_name", "username")
    )


def inquiry_detail(*, inquiry: Inquiry) -> dict[str, Any]:
    return {
        "attachments": list(inquiry.attachments.all()),
        "notes": list(inquiry.notes.select_related("author")),
        "replies": list(inquiry.replies.select_related("author")),
        "duplicates": list(inquiry.duplicates.only("pk", "reference", "created_at")),
    }


def inquiries_for_subject(*, email: str = "", phone: str = "") -> QuerySet[Inquiry]:
    """Every inquiry of one person (Art. 15), matched on e-mail address or phone number."""
    from .services import digits_of

    match = Q(pk__in=[])
    if email.strip():
        match |= Q(email__iexact=email.strip())
    digits = digits_of(phone)
    if len(digits) >= 6:
        match |= Q(phone_digits=digits)
    return Inquiry.objects.filter(match, anonymised_at__isnull=True).prefetch_related(
        "attachments", "replies", "notes"
    )


def reply_templates() -> QuerySet[ReplyTemplate]:
    return ReplyTemplate.objects.all()


def faq_suggestions_for(*, text: str, topic: str = "", limit: int = 5) -> list[Any]:
    return faq_selectors.faq_suggestions(text=text, limit=limit)


def guide_links_for(*, topic: str) -> list[dict[str, str]]:
    """Links into the guide "Wege in Arbeit" for the topics it covers (if installed)."""
    from django.urls import NoReverseMatch, reverse

    if topic not in {
        Topic.WORK,
        Topic.TRAINING,
        Topic.RESIDENCE,
        Topic.RECOGNITION,
        Topic.BENEFITS,
    }:
        return []
    try:
        url = reverse("guide:start")
    except NoReverseMatch:
        return []
    return [
        {"label": _("Wege in Arbeit: Was ist mit welchem Aufenthaltsstatus erlaubt?"), "url": url}
    ]


def _month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def monthly_stats(*, year: int, month: int) -> dict[str, Any]:
    """Inquiries received in one month: by topic, asker type, channel; median to first answer."""
    start, end = _month_bounds(year, month)
    received = Inquiry.objects.filter(created_at__gte=start, created_at__lt=end)

    def counted(field: str, choices: list[tuple[str, Any]]) -> list[dict[str, Any]]:
        rows = {r[field]: r["n"] for r in received.values(field).annotate(n=Count("id"))}
        return [
            {"code": code, "label": str(label), "count": rows.get(code, 0)}
            for code, label in choices
        ]

    durations = [
        (answered - created).total_seconds() / 3600  # type: ignore[operator]  # filtered: not None
        for created, answered in received.filter(first_answered_at__isnull=False).values_list(
            "created_at", "first_answered_at"
        )
    ]
    return {
        "start": start,
        "total": received.count(),
        "by_topic": counted("topic", Topic.choices),
        "by_asker_type": counted("asker_type", AskerType.choices),
        "by_channel": counted("channel", Channel.choices),
        "answered": len(durations),
        "median_hours": round(statistics.median(durations), 1) if durations else None,
    }


# --- reports (core's staff reports page collects these, see beko.core.reports) -----------


def report_charts(*, period: ReportPeriod) -> list[Chart]:
    """Inquiries per month and topic; time to the first answer against the target."""
    received = Inquiry.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
    months = len(period.months)
    topics = list(Topic.choices)
    per_topic = {code: [0] * months for code, _label in topics}
    answer_days: list[list[int]] = [[] for _month in range(months)]
    within: list[int] = [0] * months
    target = settings.BEKO_INQUIRY_SLA_WORKING_DAYS
    for created, topic, answered in received.values_list(
        "created_at", "topic", "first_answered_at"
    ):
        index = period.month_index(created)
        if index is None:
            continue
        if topic in per_topic:
            per_topic[topic][index] += 1
        if answered is not None:
            answer_days[index].append(working_days_between(created, answered))
            # The same rule as the queue's "overdue" marker (sla.is_overdue).
            within[index] += created >= working_days_before(answered, target)
    answered_counts = [len(days) for days in answer_days]
    by_topic = Chart(
        slug="anfragen-themen",
        title=_("Anfragen je Monat und Thema"),
        description=_(
            "Eingegangene Anfragen (Formular, Telefon, E-Mail) je Monat, gestapelt nach Thema."
        ),
        row_header=_("Monat"),
        rows=period.month_labels(),
        short_rows=period.month_axis_labels(),
        series=tuple(Series(str(label), tuple(per_topic[code])) for code, label in topics),
        stacked=True,
        total_label=_("Gesamt"),
    )
    answer_times = Chart(
        slug="antwortzeiten",
        title=_("Zeit bis zur ersten Antwort"),
        description=_(
            "Median der Arbeitstage (Montag bis Freitag) vom Eingang bis zur ersten Antwort, "
            "je Eingangsmonat; die gestrichelte Linie ist das Ziel von %(days)s Arbeitstagen."
        )
        % {"days": target},
        row_header=_("Monat"),
        rows=period.month_labels(),
        short_rows=period.month_axis_labels(),
        series=(
            Series(
                _("Median (Arbeitstage)"),
                tuple(float(statistics.median(days)) if days else 0.0 for days in answer_days),
                decimals=1,
            ),
            Series(_("beantwortet"), tuple(answered_counts), plot=False),
            Series(
                _("im Ziel (%)"),
                tuple(
                    round(100 * ok / n, 1) if n else 0.0
                    for ok, n in zip(within, answered_counts, strict=True)
                ),
                plot=False,
                decimals=1,
            ),
        ),
        target=float(target),
        target_label=_("Ziel: %(days)s Arbeitstage") % {"days": target},
    )
    return [by_topic, answer_times]


def staff_todos(*, user: Any, now: datetime) -> list[Any]:
    """The inquiries' share of the staff home's "what needs doing" (one query)."""
    from django.urls import reverse

    from beko.core.selectors import StaffTodo

    counts = Inquiry.objects.aggregate(
        new=Count("id", filter=Q(status=Status.NEW)),
        overdue=Count("id", filter=_overdue_q(now)),
    )
    queue = reverse("inquiries_staff:queue")
    return [
        StaffTodo(
            label=_("Anfragen über der Antwortfrist"),
            count=counts["overdue"],
            url=f"{queue}?age=ueberfaellig",
            urgency=10,
        ),
        StaffTodo(
            label=_("Neue Anfragen"),
            count=counts["new"],
            url=f"{queue}?status={Status.NEW}",
            urgency=20,
        ),
    ]
