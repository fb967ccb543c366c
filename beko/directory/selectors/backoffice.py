"""Reads for staff and partners: pending changes, freshness, reports, to-dos, the partner home."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beko.core.lib.charts import Chart, Series
from beko.core.reports import ReportPeriod

from ..models import (
    Location,
    LocationChange,
    Offer,
    OfferChange,
    OfferReport,
    Organisation,
)
from .public import visibility_cutoff

# --- back office ------------------------------------------------------------------------


def pending_changes(*, user: Any) -> QuerySet[OfferChange]:
    from beko.accounts.permissions import is_staff_member, partner_organisation_ids

    queryset = OfferChange.objects.filter(state=OfferChange.State.PENDING).select_related(
        "offer", "organisation", "proposed_by"
    )
    if not is_staff_member(user):
        queryset = queryset.filter(organisation_id__in=partner_organisation_ids(user))
    return queryset


def pending_location_changes() -> QuerySet[LocationChange]:
    return LocationChange.objects.filter(state=LocationChange.State.PENDING).select_related(
        "location__organisation", "proposed_by"
    )


def open_reports() -> QuerySet[OfferReport]:
    return OfferReport.objects.filter(state=OfferReport.State.OPEN).select_related("offer")


def freshness_overview(*, now: datetime | None = None) -> dict[str, Any]:
    """Staff dashboard: counts by state, the oldest unverified offers, open reports."""
    now = now or timezone.now()
    published = Offer.objects.filter(status=Offer.Status.PUBLISHED)
    verified, hidden = _freshness_q(now=now)
    counts = Offer.objects.aggregate(
        draft=Count("pk", filter=Q(status=Offer.Status.DRAFT)),
        archived=Count("pk", filter=Q(status=Offer.Status.ARCHIVED)),
        published_fresh=Count("pk", filter=Q(status=Offer.Status.PUBLISHED) & verified),
        published_hidden=Count("pk", filter=Q(status=Offer.Status.PUBLISHED) & hidden),
        published=Count("pk", filter=Q(status=Offer.Status.PUBLISHED)),
    )
    counts["published_stale"] = (
        counts["published"] - counts["published_fresh"] - counts["published_hidden"]
    )
    oldest = (
        published.exclude(verified)
        .select_related("organisation")
        .order_by("last_verified_at", "created_at")[:10]
    )
    return {
        "counts": counts,
        "oldest": list(oldest),
        "reports": list(open_reports()[:20]),
        "report_count": open_reports().count(),
        "pending_count": OfferChange.objects.filter(state=OfferChange.State.PENDING).count()
        + LocationChange.objects.filter(state=LocationChange.State.PENDING).count(),
    }


def _freshness_q(*, now: datetime, prefix: str = "") -> tuple[Q, Q]:
    """(verified recently, hidden as too old) for offers; the rest of the published ones
    is "due". `prefix="offers__"` asks the same from the organisation's side."""
    stale_cutoff = now - timedelta(days=settings.BEKO_DIRECTORY_STALE_DAYS)
    hidden_cutoff = visibility_cutoff(now=now)
    verified = Q(**{f"{prefix}last_verified_at__gte": stale_cutoff}) | Q(
        **{f"{prefix}last_verified_at__isnull": True, f"{prefix}created_at__gte": stale_cutoff}
    )
    hidden = Q(**{f"{prefix}last_verified_at__lt": hidden_cutoff}) | Q(
        **{f"{prefix}last_verified_at__isnull": True, f"{prefix}created_at__lt": hidden_cutoff}
    )
    return verified, hidden


REPORT_CHART_ROWS = 15


def report_charts(*, period: ReportPeriod, now: datetime | None = None) -> list[Chart]:
    """Directory freshness per organisation (staff reports page, beko.core.reports).

    A snapshot of today, whatever the period: freshness has no history.
    """
    now = now or timezone.now()
    verified, hidden = _freshness_q(now=now, prefix="offers__")
    published = Q(offers__status=Offer.Status.PUBLISHED)
    rows = list(
        Organisation.objects.annotate(
            fresh=Count("offers", filter=published & verified),
            hidden=Count("offers", filter=published & hidden),
            total=Count("offers", filter=published),
        )
        .filter(total__gt=0)
        .values_list("name", "fresh", "hidden", "total")
    )
    table = [(name, fresh, total - fresh - gone, gone) for name, fresh, gone, total in rows]
    table.sort(key=lambda row: (-(row[2] + row[3]), row[0].casefold()))
    return [
        Chart(
            slug="verzeichnis-aktualitaet",
            title=_("Aktualität des Verzeichnisses je Organisation"),
            description=_(
                "Veröffentlichte Angebote je Organisation, Stand heute: geprüft (bestätigt in "
                "den letzten %(stale)s Tagen), Prüfung fällig (Erinnerung an die Organisation) "
                "und ausgeblendet (zu lange nicht bestätigt, öffentlich nicht mehr sichtbar)."
            )
            % {"stale": settings.BEKO_DIRECTORY_STALE_DAYS},
            row_header=_("Organisation"),
            rows=tuple(row[0] for row in table),
            kind="bars",
            stacked=True,
            series=(
                Series(_("geprüft"), tuple(row[1] for row in table), color="#1e6b34"),
                Series(_("Prüfung fällig"), tuple(row[2] for row in table), color="#8a5a00"),
                Series(_("ausgeblendet"), tuple(row[3] for row in table), color="#b3261e"),
            ),
            total_label=_("Angebote"),
            chart_rows=REPORT_CHART_ROWS,
            note=_(
                "Die Grafik zeigt die %(rows)s Organisationen mit dem größten Prüfbedarf; "
                "Tabelle und CSV enthalten alle."
            )
            % {"rows": REPORT_CHART_ROWS}
            if len(table) > REPORT_CHART_ROWS
            else "",
        )
    ]


# --- back-office homes ----------------------------------------------------------------------


def staff_todos(*, user: Any, now: datetime) -> list[Any]:
    """The directory's share of the staff home's "what needs doing" (three queries)."""
    from beko.core.selectors import StaffTodo

    verified, hidden = _freshness_q(now=now)
    about_to_hide = Offer.objects.filter(status=Offer.Status.PUBLISHED).exclude(verified | hidden)
    return [
        StaffTodo(
            label=_("Änderungen von Partnern warten auf Freigabe"),
            count=OfferChange.objects.filter(state=OfferChange.State.PENDING).count(),
            url=reverse("directory_staff:review_list"),
            urgency=30,
        ),
        StaffTodo(
            label=_("Gemeldete Fehler in Angeboten"),
            count=open_reports().count(),
            url=reverse("directory_staff:dashboard"),
            urgency=40,
        ),
        StaffTodo(
            label=_("Angebote werden bald als veraltet ausgeblendet"),
            count=about_to_hide.count(),
            url=reverse("directory_staff:dashboard"),
            urgency=60,
        ),
    ]


@dataclass
class PartnerOffer:
    """One offer as its partner sees it on the partner home."""

    offer: Offer
    status: str  # "public", "draft", "hidden" (as outdated) or "archived"
    status_label: str
    waiting_for_review: bool
    needs_check: bool  # stale or hidden: "still correct?" is asked
    staff_note: str  # what staff asked them to change (latest rejection), or ""


def _partner_offer_status(offer: Offer, *, now: datetime) -> tuple[str, str, bool]:
    if offer.status == Offer.Status.DRAFT:
        return "draft", _("Entwurf"), False
    if offer.status == Offer.Status.ARCHIVED:
        return "archived", _("archiviert"), False
    freshness = offer.freshness_state(now=now)
    if freshness == "hidden":
        return "hidden", _("als veraltet ausgeblendet"), True
    return "public", _("öffentlich"), freshness == "stale"


def partner_offers(*, organisation: Organisation, now: datetime | None = None) -> dict[str, Any]:
    """The organisation's offers, proposals and locations for its partner home (four queries)."""
    now = now or timezone.now()
    changes = list(
        OfferChange.objects.filter(organisation=organisation)
        .filter(
            Q(state=OfferChange.State.PENDING)
            | Q(state=OfferChange.State.REJECTED, decided_at__gte=now - timedelta(days=90))
        )
        .order_by("proposed_at", "pk")
    )
    pending = {c.offer_id for c in changes if c.state == OfferChange.State.PENDING}
    notes: dict[int | None, str] = {}
    for change in changes:
        if change.state == OfferChange.State.REJECTED and change.offer_id is not None:
            notes[change.offer_id] = change.decision_note  # the latest wins
        elif change.state == OfferChange.State.PENDING:
            notes.pop(change.offer_id, None)  # answered by a newer proposal
    offers = []
    for offer in Offer.objects.filter(organisation=organisation).order_by("title", "pk"):
        status, label, needs_check = _partner_offer_status(offer, now=now)
        offers.append(
            PartnerOffer(
                offer=offer,
                status=status,
                status_label=str(label),
                waiting_for_review=offer.pk in pending,
                needs_check=needs_check,
                staff_note=notes.get(offer.pk, ""),
            )
        )
    new_offers = [c for c in changes if c.offer_id is None]
    locations = list(Location.objects.filter(organisation=organisation).select_related("district"))
    return {
        "offers": offers,
        "proposed": [c for c in new_offers if c.state == OfferChange.State.PENDING],
        "declined": [c for c in new_offers if c.state == OfferChange.State.REJECTED],
        "to_check": [item for item in offers if item.needs_check],
        "locations": locations,
    }


def partner_home_section(*, user: Any, organisation: Organisation) -> dict[str, Any]:
    return {
        "template": "directory/staff/_partner_home.html",
        "context": {"organisation": organisation, **partner_offers(organisation=organisation)},
        "order": 10,
    }
