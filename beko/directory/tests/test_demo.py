from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command

from beko.directory.models import Category, District, Language, Offer, Organisation


def test_demo_data_covers_every_district_category_and_seven_languages(db: Any) -> None:
    from beko.directory import demo

    demo.load(stdout=io.StringIO())
    assert Organisation.objects.count() == 60
    assert Offer.objects.count() == 250
    assert District.objects.filter(locations__offers__isnull=False).distinct().count() == 10
    assert (
        Category.objects.filter(offers__isnull=False).distinct().count() == Category.objects.count()
    )
    codes = set(Language.objects.filter(offers__isnull=False).values_list("code", flat=True))
    assert {"de", "en", "ar", "fa", "uk", "tr", "ru"} <= codes
    # The headline example of the issue is findable in the demo.
    from beko.directory.selectors import OfferFilters, offer_search

    result = offer_search(
        filters=OfferFilters(q="Deutschkurs Frauen", district="barmen"), with_facets=False
    )
    assert result.total >= 1


def test_generate_offers_adds_searchable_synthetic_offers(db: Any) -> None:
    out = io.StringIO()
    call_command("generate_offers", "--count", "120", "--batch", "50", stdout=out)
    assert Offer.objects.count() == 120
    assert "Created 120 offers." in out.getvalue()
    from beko.directory.selectors import OfferFilters, offer_search

    assert offer_search(filters=OfferFilters(q="Migrationsberatung"), with_facets=False).total >= 4
