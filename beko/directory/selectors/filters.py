"""The list page's and the API's filters (`OfferFilters`) as queryset conditions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from beko.core.vocabulary import (
    AUDIENCE_ALIASES,
    RESIDENCE_STATUS_ALIASES,
    expand_code,
)

from ..models import (
    Offer,
    OpeningHours,
)
from .public import LOCAL_TZ, PAGE_SIZE, SORTS


@dataclass(frozen=True)
class OfferFilters:
    """The whole state of a search; the list page and the API parse into this."""

    q: str = ""
    category: str = ""
    district: str = ""
    language: str = ""
    target_group: str = ""
    residence_status: str = ""
    free: bool = False
    accessible: bool = False
    childcare: bool = False
    open_now: bool = False
    organisation: str = ""
    sort: str = ""
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and not (self.sort == "relevance" and not self.q.strip()):
            return self.sort
        return "relevance" if self.q.strip() else "name"

    def active(self) -> dict[str, Any]:
        """Filters that narrow the result (for "remove this filter" help)."""
        names = ("category", "district", "language", "target_group", "residence_status",
                 "free", "accessible", "childcare", "open_now", "organisation")  # fmt: skip
        return {name: getattr(self, name) for name in names if getattr(self, name)}


def _open_now(now: datetime) -> Exists:
    local = now.astimezone(LOCAL_TZ)
    return Exists(
        OpeningHours.objects.filter(
            offer=OuterRef("pk"),
            weekday=local.weekday(),
            opens__lte=local.time(),
            closes__gt=local.time(),
        )
    )


def _category_q(slug: str) -> Exists:
    through = Offer.categories.through
    return Exists(
        through.objects.filter(offer_id=OuterRef("pk")).filter(
            Q(category__slug=slug) | Q(category__parent__slug=slug)
        )
    )


def _district_q(slug: str) -> Exists:
    through = Offer.locations.through
    return Exists(through.objects.filter(offer_id=OuterRef("pk"), location__district__slug=slug))


def _language_q(code: str) -> Exists:
    through = Offer.languages.through
    return Exists(through.objects.filter(offer_id=OuterRef("pk"), language__code=code))


def _target_group_q(value: str) -> Q:
    # A former code (old links, API clients) stands for one or more of today's codes.
    condition = Q()
    for code in expand_code(value, aliases=AUDIENCE_ALIASES):
        condition |= Q(target_groups__contains=f",{code},")
    return condition


def _residence_q(value: str) -> Q:
    # No status listed means the offer is open to everybody.
    condition = Q(residence_statuses="")
    for code in expand_code(value, aliases=RESIDENCE_STATUS_ALIASES):
        condition |= Q(residence_statuses__contains=f",{code},")
    return condition


def _accessible_q() -> Q:
    return Q(wheelchair_accessible=True) | Q(hearing_loop=True) | Q(sign_language=True)


def apply_filters(
    queryset: QuerySet[Offer], filters: OfferFilters, *, now: datetime, skip: str = ""
) -> QuerySet[Offer]:
    """All facet filters except `skip` (facet counts leave out their own dimension)."""
    if filters.category and skip != "category":
        queryset = queryset.filter(_category_q(filters.category))
    if filters.district and skip != "district":
        queryset = queryset.filter(_district_q(filters.district))
    if filters.language and skip != "language":
        queryset = queryset.filter(_language_q(filters.language))
    if filters.target_group and skip != "target_group":
        queryset = queryset.filter(_target_group_q(filters.target_group))
    if filters.residence_status and skip != "residence_status":
        queryset = queryset.filter(_residence_q(filters.residence_status))
    if filters.free:
        queryset = queryset.filter(is_free=True)
    if filters.accessible:
        queryset = queryset.filter(_accessible_q())
    if filters.childcare:
        queryset = queryset.filter(childcare=True)
    if filters.open_now:
        queryset = queryset.filter(_open_now(now))
    if filters.organisation:
        queryset = queryset.filter(organisation__slug=filters.organisation)
    return queryset
