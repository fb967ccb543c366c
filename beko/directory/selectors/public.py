"""Published offers and organisations: the visibility rule and the related rows a page needs."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from ..models import (
    Location,
    Offer,
    Organisation,
)

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SORTS = ("relevance", "name", "verified")
LOCAL_TZ = ZoneInfo("Europe/Berlin")


def visibility_cutoff(*, now: datetime | None = None) -> datetime:
    """Offers verified before this moment are hidden from the public (freshness rule)."""
    now = now or timezone.now()
    return now - timedelta(
        days=settings.BEKO_DIRECTORY_STALE_DAYS + settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS
    )


def public_q(*, now: datetime, prefix: str = "") -> Q:
    """Inside the offer's precomputed public window at `now` (`prefix`: the path to the
    offer, e.g. "offers__" from an organisation). Both ends inclusive, like the window of
    the search document (core.search `visible_at`)."""
    return Q(**{f"{prefix}public_from__lte": now}) & (
        Q(**{f"{prefix}public_until__isnull": True}) | Q(**{f"{prefix}public_until__gte": now})
    )


def offers_public(*, now: datetime | None = None) -> QuerySet[Offer]:
    """Published, currently valid, verified recently enough, of a public organisation.

    Read from Offer.public_from/public_until, which the services write with every change
    to the rule's inputs (directory/search.py `public_window`, the rule itself): two
    indexed columns of the offer, no join, no date arithmetic per row.
    """
    return Offer.objects.filter(public_q(now=now or timezone.now()))


def organisations_public() -> QuerySet[Organisation]:
    """Organisations shown on the public site, with `public_offer_count` annotated."""
    visible = public_q(now=timezone.now(), prefix="offers__")
    return Organisation.objects.filter(is_public=True).annotate(
        public_offer_count=Count("offers", filter=visible, distinct=True)
    )


def organisations_all() -> QuerySet[Organisation]:
    """Every organisation, public or not, by name: other apps' back-office choices (events
    keep contacts and stands of organisations the public directory does not show)."""
    return Organisation.objects.order_by("name")


def offers_visible_to(*, user: Any) -> QuerySet[Offer]:
    """Back office: staff see every offer, partner editors their organisation's."""
    from beko.accounts.permissions import is_staff_member, partner_organisation_ids

    if is_staff_member(user):
        return Offer.objects.all()
    return Offer.objects.filter(organisation_id__in=partner_organisation_ids(user))


def _with_related(queryset: QuerySet[Offer], *, hours: bool = False) -> QuerySet[Offer]:
    queryset = queryset.select_related("organisation").prefetch_related(
        "categories",
        "languages",
        Prefetch("locations", queryset=Location.objects.select_related("district")),
    )
    return queryset.prefetch_related("opening_hours") if hours else queryset


def _page_related(queryset: QuerySet[Offer], *, hours: bool = False) -> QuerySet[Offer]:
    """Like `_with_related`, into plain lists (Offer.category_items & co.) for speed."""
    lookups = [
        Prefetch("categories", to_attr="prefetched_categories"),
        Prefetch("languages", to_attr="prefetched_languages"),
        Prefetch(
            "locations",
            queryset=Location.objects.select_related("district"),
            to_attr="prefetched_locations",
        ),
    ]
    if hours:
        lookups.append(Prefetch("opening_hours", to_attr="prefetched_opening_hours"))
    return queryset.select_related("organisation").prefetch_related(*lookups)
