"""How an offer looks to the site-wide search (beko.core.search): registered in apps.ready()."""

from __future__ import annotations

from django.conf import settings

from beko.core.search import Document

from .models import Offer, ResidenceStatus, TargetGroup

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _all_languages(obj: object, field: str) -> str:
    values = [getattr(obj, f"{field}_{code}", "") or "" for code in LANGUAGE_CODES]
    return " ".join(dict.fromkeys(v for v in values if v))


def offer_document(offer: Offer) -> Document | None:
    """Published offers only; time-based hiding (freshness, validity) is a query filter."""
    if offer.status != Offer.Status.PUBLISHED:
        return None
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
    )


def prefetched_for_index(queryset):  # type: ignore[no-untyped-def]
    return queryset.select_related("organisation").prefetch_related(
        "categories", "languages", "locations__district"
    )
