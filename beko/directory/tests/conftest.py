from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.utils import timezone

from beko.directory.models import (
    Category,
    District,
    Language,
    Location,
    Offer,
    OpeningHours,
    encode_choices,
)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    """Rate limits live in the cache; every test starts with a clean slate."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _vocabularies(db: Any) -> None:
    """Seeded by a data migration, but TransactionTestCase flushes remove them."""
    if not District.objects.exists():
        from importlib import import_module

        from django.apps import apps

        import_module("beko.directory.migrations.0003_seed_vocabularies").seed(apps, None)


@pytest.fixture
def make_offer(organisation: Any) -> Any:
    from beko.directory.services import offers_reindex

    def _make(
        title: str,
        *,
        summary: str = "",
        description: str = "",
        organisation_: Any = None,
        district: str = "elberfeld",
        categories: tuple[str, ...] = (),
        languages: tuple[str, ...] = ("de",),
        target_groups: tuple[str, ...] = (),
        residence_statuses: tuple[str, ...] = (),
        status: str = Offer.Status.PUBLISHED,
        hours: tuple[tuple[int, str, str], ...] = (),
        index: bool = True,
        **fields: Any,
    ) -> Offer:
        org = organisation_ or organisation
        fields.setdefault("last_verified_at", timezone.now())
        offer = Offer.objects.create(
            title=title,
            summary=summary or title,
            description=description,
            organisation=org,
            status=status,
            target_groups=encode_choices(target_groups),
            residence_statuses=encode_choices(residence_statuses),
            **fields,
        )
        location = Location.objects.create(
            organisation=org,
            street=f"Teststraße {offer.pk}",
            postal_code="42103",
            district=District.objects.get(slug=district),
        )
        offer.locations.add(location)
        offer.categories.set(Category.objects.filter(slug__in=categories))
        offer.languages.set(Language.objects.filter(code__in=languages))
        for weekday, opens, closes in hours:
            OpeningHours.objects.create(
                offer=offer,
                weekday=weekday,
                opens=time.fromisoformat(opens),
                closes=time.fromisoformat(closes),
            )
        if index:
            offers_reindex(queryset=Offer.objects.filter(pk=offer.pk))
        return offer

    return _make
