"""Offers for the other apps: the guide's next steps, audience pages, related offers, numbers."""

from __future__ import annotations

from typing import Any

from beko.core.lib.fallback_marks import german, shown_field
from beko.core.vocabulary import (
    RESIDENCE_STATUS_GROUPS,
)

from ..models import (
    Offer,
    Organisation,
    TargetGroup,
)
from .listing import offers_for
from .public import _with_related, offers_public

# The guide's step tags (beko/guide/rules/next_steps.yaml) -> directory categories.
GUIDE_TAG_CATEGORIES = {
    "business_startup": ["arbeit-beruf"],
    "employer_service": ["arbeit-beruf"],
    "job_counselling": ["arbeit-beruf"],
    "vocational_training": ["ausbildung"],
    "german_course": ["sprache"],
    "integration_course": ["sprache"],
    "job_language_course": ["sprache"],
    "migration_counselling": ["beratung-migration"],
    "youth_migration_service": ["beratung-migration", "jugend"],
    "foreigners_authority": ["beratung-migration"],
    "legal_counselling": ["beratung-recht"],
    "recognition_counselling": ["anerkennung"],
    "jobcenter": ["beratung"],
    "social_welfare_office": ["beratung"],
}


def offers_for_guide(
    *, tags: list[str], residence_status: str, limit: int = 5
) -> list[dict[str, Any]]:
    """Local offers for the guide's next steps: `tags` from its rules, the person's status.

    Returns plain dicts (title, url, organisation, district) as the guide expects; the texts
    are lazy strings (`str()` them outside a page).
    """
    slugs = list(dict.fromkeys(slug for tag in tags for slug in GUIDE_TAG_CATEGORIES.get(tag, [])))
    if not slugs:
        return []
    status = RESIDENCE_STATUS_GROUPS.get(residence_status)
    offers = offers_for(
        category_slugs=slugs, residence_status=status.value if status else None, limit=limit
    )
    # Lazy texts, read when the page renders: a German fallback is then marked lang="de".
    return [
        {
            "title": shown_field(offer, "title"),
            "url": offer.get_absolute_url(),
            "organisation": shown_field(offer.organisation, "name"),
            "district": german(
                ", ".join(dict.fromkeys(loc.district.name for loc in offer.locations.all()))
            ),
        }
        for offer in offers
    ]


def offers_for_audience(*, audience: str, limit: int = 5) -> list[Offer]:
    """Offers for the news app's audience pages (`volunteers`, `employers`, `counselling`,
    `associations`): the offers' target groups are the same shared audience codes."""
    if audience not in TargetGroup.values:
        return []
    return offers_for(target_group=audience, limit=limit)


def offers_by_ids(*, ids: list[int]) -> list[Offer]:
    """Public offers with these ids, in the given order (news links related offers)."""
    by_id = _with_related(offers_public().filter(pk__in=ids)).in_bulk()
    return [by_id[pk] for pk in ids if pk in by_id]


def directory_numbers() -> dict[str, int]:
    """Public offers and the organisations behind them ("BeKo in Zahlen" on "Über uns")."""
    base = offers_public()
    return {
        "offers": base.count(),
        "organisations": Organisation.objects.filter(is_public=True, offers__in=base)
        .distinct()
        .count(),
    }
