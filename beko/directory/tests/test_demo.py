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


def test_demo_partner_reaches_an_offer_edit_form_from_the_page_they_land_on(db: Any) -> None:
    import re

    from django.test import Client

    from beko.core.demo import DEMO_PASSWORD
    from beko.directory import demo

    demo.load(stdout=io.StringIO())
    client = Client()
    home = client.post(
        "/konto/anmelden/", {"username": "partner", "password": DEMO_PASSWORD}, follow=True
    )
    html = home.content.decode()
    assert home.redirect_chain[-1][0] == "/konto/"
    assert '<select id="org-switch" name="organisation">' in html  # two organisations
    edit = re.search(r'href="(/intern/directory/angebote/\d+/)"', html)
    assert edit is not None
    form = client.get(edit.group(1))
    assert form.status_code == 200 and 'name="title"' in form.content.decode()
