"""How an offer looks to the site-wide search (beko.core.search): registered in apps.ready()."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from beko.core.search import Document

from .models import Offer, ResidenceStatus, TargetGroup

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _all_languages(obj: object, field: str) -> str:
    values = [getattr(obj, f"{field}_{code}", "") or "" for code in LANGUAGE_CODES]
    return " ".join(dict.fromkeys(v for v in values if v))


def visibility_window(
    *, valid_from: date | None, valid_until: date | None, verified_or_created: datetime | None
) -> tuple[datetime | None, datetime | None]:
    """When a published offer of a public organisation is on the public site.

    Valid_from <= today <= valid_until (local dates) and verified (or created) no longer ago
    than BEKO_DIRECTORY_STALE_DAYS + BEKO_DIRECTORY_HIDE_AFTER_DAYS, as a window of moments:
    visible while start <= now <= end (None = open-ended). Changing those settings needs
    `manage.py offers_rewindow` or `search_reindex` (README).
    """
    local = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(valid_from, time.min, tzinfo=local) if valid_from else None
    ends = []
    if valid_until:
        # Through the whole last day: until the microsecond before local midnight.
        ends.append(
            datetime.combine(valid_until + timedelta(days=1), time.min, tzinfo=local)
            - timedelta(microseconds=1)
        )
    if verified_or_created:
        days = settings.BEKO_DIRECTORY_STALE_DAYS + settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS
        ends.append(verified_or_created + timedelta(days=days))
    return start, (min(ends) if ends else None)


# The start stored for offers public since ever (no valid_from): public_from NULL means
# "not public", so an open start needs a value before any moment the site is asked about.
PUBLIC_SINCE_EVER = datetime(1970, 1, 1, tzinfo=UTC)


def public_window(offer: Offer) -> tuple[datetime | None, datetime | None] | None:
    """The one visibility rule of the public site: None if the offer is not public at all
    (draft, archived, organisation not public), else the window of `visibility_window`.

    Both the search document (`offer_document`) and the offer's own columns
    (`public_columns`, read by `selectors.offers_public`) come from here. Plain fields only:
    migration 0012 calls it on historical models.
    """
    if offer.status != Offer.Status.PUBLISHED or not offer.organisation.is_public:
        return None
    return visibility_window(
        valid_from=offer.valid_from,
        valid_until=offer.valid_until,
        verified_or_created=offer.last_verified_at or offer.created_at,
    )


def public_columns(offer: Offer) -> tuple[datetime | None, datetime | None]:
    """`public_window` as the values of Offer.public_from / public_until."""
    window = public_window(offer)
    if window is None:
        return None, None
    start, end = window
    return start or PUBLIC_SINCE_EVER, end


# Residence key of an offer that lists no status: open to everybody (`selectors._residence_q`).
OPEN_TO_ALL = "r*"


def facet_keys(offer: Offer) -> tuple[str, ...]:
    """What the list page filters and counts on, as keys of the search document.

    Categories count for themselves and their parent (`selectors._category_q`); the flags
    are those of the list page. `selectors.offer_search` reads them with the matches of a
    query, so filtering and facet counts over 20,000 hits need no query on the offers.
    """
    # The organisation first: `selectors.facets._count_keys` drops it (no facet counts it).
    keys = [f"o{offer.organisation_id}"]
    for category in offer.categories.all():
        keys.append(f"c{category.pk}")
        if category.parent_id:
            keys.append(f"c{category.parent_id}")
    keys.extend(f"d{location.district_id}" for location in offer.locations.all())
    keys.extend(f"l{language.pk}" for language in offer.languages.all())
    # Plain fields only (no model methods): migration 0009 calls this on historical models.
    keys.extend(f"t{value}" for value in offer.target_groups.split(",") if value)
    statuses = [f"r{value}" for value in offer.residence_statuses.split(",") if value]
    keys.extend(statuses or [OPEN_TO_ALL])
    if offer.is_free:
        keys.append("free")
    if offer.wheelchair_accessible or offer.hearing_loop or offer.sign_language:
        keys.append("accessible")
    if offer.childcare:
        keys.append("childcare")
    return tuple(dict.fromkeys(keys))


def offer_document(offer: Offer) -> Document | None:
    """Published offers of public organisations; the visibility window covers validity and
    freshness, so `Search.matching_ids(Offer, visible_at=now)` equals `offers_public()`."""
    window = public_window(offer)
    if window is None:
        return None
    visible_from, visible_until = window
    target_labels = dict(TargetGroup.choices)
    status_labels = dict(ResidenceStatus.choices)
    body = [
        _all_languages(offer, "description"),
        _all_languages(offer, "cost"),
        " ".join(_all_languages(c, "name") for c in offer.categories.all()),
        " ".join(
            f"{loc.name} {loc.street} {loc.postal_code} {loc.district.name}"
            for loc in offer.locations.all()
        ),
        " ".join(f"{lang.name} {lang.native_name}" for lang in offer.languages.all()),
        " ".join(str(target_labels.get(v, "")) for v in offer.target_group_list()),
        " ".join(str(status_labels.get(v, "")) for v in offer.residence_status_list()),
    ]
    return Document(
        title=_all_languages(offer, "title"),
        summary=f"{_all_languages(offer, 'summary')} {offer.organisation.name}",
        body=" ".join(body),
        visible_from=visible_from,
        visible_until=visible_until,
        keys=facet_keys(offer),
    )


def prefetched_for_index(queryset: QuerySet[Offer]) -> QuerySet[Offer]:
    return queryset.select_related("organisation").prefetch_related(
        "categories", "languages", "locations__district"
    )
