"""The guide's list of local offers (result page, bilingual sheet and API) needs as many SQL
queries with 12 matching offers in the directory as with 2 (no N+1 when it is not cached).

Each address is requested once (per-process caches), then measured with the shared caches
emptied (cold: the local offers are read from the directory) and warm; the counts for 2 and
12 offers must be equal, not below a magic number, so one query per offer fails the test.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from beko.core.tests.query_counts import queries as _queries
from beko.guide.engine import evaluate, parse_input
from beko.guide.selectors import local_offers_for

from .test_local_offers import SITUATION

pytestmark = pytest.mark.django_db

CATEGORIES = ["arbeit-beruf", "ausbildung", "sprache", "beratung-migration", "beratung-recht",
              "anerkennung", "beratung"]  # fmt: skip


@pytest.fixture(autouse=True)
def _no_response_cache(settings: Any) -> None:
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0


def _offers(start: int, stop: int) -> None:
    from importlib import import_module

    from django.apps import apps

    from beko.directory.models import Category, District, Location, Offer, Organisation

    if not District.objects.exists():
        import_module("beko.directory.migrations.0003_seed_vocabularies").seed(apps, None)
    categories = list(Category.objects.filter(slug__in=CATEGORIES))
    for number in range(start, stop):
        org = Organisation.objects.create(name=f"Stelle {number:02d}", slug=f"stelle-{number:02d}")
        offer = Offer.objects.create(
            title=f"Beratung {number:02d}", summary="Beratung", organisation=org,
            status=Offer.Status.PUBLISHED, last_verified_at=timezone.now(),
            residence_statuses=",duldung,",
        )  # fmt: skip
        offer.categories.set(categories)
        for district in District.objects.order_by("pk")[:2]:
            offer.locations.add(
                Location.objects.create(
                    organisation=org, street=f"Weg {number}", postal_code="42103", district=district
                )
            )
    from beko.directory.services import offers_reindex

    offers_reindex()  # the public window, as the directory's services write it


def test_local_offers_need_the_same_queries_for_2_and_12_offers(anon_client: Any) -> None:
    query = urlencode(SITUATION)
    urls = [
        f"/wege-in-arbeit/ergebnis/?{query}",
        f"/wege-in-arbeit/ergebnis/zweisprachig/?{query}&sheet_lang=ar",
        f"/api/v1/guide/evaluate?{query}",
    ]
    _offers(0, 2)
    small = {url: _queries(anon_client, url)[0] for url in urls}
    assert len(local_offers_for(evaluation=evaluate(parse_input(SITUATION)))) == 2
    _offers(2, 12)
    large = {url: _queries(anon_client, url)[0] for url in urls}
    assert len(local_offers_for(evaluation=evaluate(parse_input(SITUATION)))) == 6  # the limit
    assert large == small
