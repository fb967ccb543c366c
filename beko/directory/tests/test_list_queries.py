"""Every list of the directory needs as many SQL queries for 12 items as for 2 (no N+1).

Each test measures a list with 2 items, adds 10 more and measures again; the counts must be
equal, not below a magic number, so one query per row fails the test. The response cache is
off (measure the view); each address is measured cold (caches emptied) and warm.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beko.core.tests.query_counts import counts as _counts
from beko.core.tests.query_counts import queries as _queries
from beko.directory.models import Location, LocationChange, Offer, OfferChange, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_response_cache(settings: Any) -> None:
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0


def _offers(make_offer: Any, organisation: Any, start: int, stop: int) -> None:
    """Offers of their own organisation each (and one of the shared `organisation`)."""
    for number in range(start, stop):
        org = Organisation.objects.create(name=f"Verein {number:02d}", slug=f"verein-{number:02d}")
        make_offer(
            f"Sprachkurs {number:02d}",
            organisation_=org,
            categories=("sprache",),
            languages=("de", "en"),
            hours=((0, "09:00", "10:00"),),
        )
        make_offer(f"Beratung {number:02d}", categories=("sprache",), organisation_=organisation)


PUBLIC = [
    "/angebote/organisationen/",
    "/angebote/organisationen/verein-bruecke/",
    "/angebote/?category=sprache",
    "/en/angebote/?q=Sprachkurs",
    "/api/v1/offers?page_size=100&view=summary",
    "/api/v1/categories",
    "/api/hsds/services?per_page=100",
    "/api/hsds/organizations?per_page=100",
    "/api/hsds/taxonomy_terms",
    "/api/hsds/export.zip",
    "/api/v1/locations?page_size=100",
    "/api/v1/organisations?page_size=100",
]


def test_public_directory_lists_need_the_same_queries_for_2_and_12_items(
    anon_client: Any, make_offer: Any, organisation: Any
) -> None:
    _offers(make_offer, organisation, 0, 2)
    small = _counts(anon_client, PUBLIC)
    _offers(make_offer, organisation, 2, 12)
    large = _counts(anon_client, PUBLIC)
    assert large == small
    _, response = _queries(anon_client, "/angebote/organisationen/")
    assert response.context["page_obj"].paginator.count == 13  # the lists really grew
    services = anon_client.get("/api/hsds/services?per_page=100").json()
    assert services["total_items"] == 24


STAFF = [
    "/intern/directory/",
    "/intern/directory/angebote/",
    "/intern/directory/angebote/?status=published&q=Kurs",
    "/intern/directory/orte/",
    "/intern/directory/freigaben/",
    "/intern/directory/export.csv",
]


def _changes(organisation: Any, partner_user: Any, start: int, stop: int) -> None:
    for number in range(start, stop):
        offer = Offer.objects.filter(organisation=organisation).order_by("pk")[number]
        OfferChange.objects.create(
            offer=offer, organisation=organisation, data={"title": f"Neu {number}"},
            proposed_by=partner_user,
        )  # fmt: skip
        OfferChange.objects.create(
            organisation=organisation, data={"title": f"Ganz neu {number}"},
            proposed_by=partner_user,
        )  # fmt: skip
        location = Location.objects.filter(organisation=organisation).order_by("pk")[number]
        LocationChange.objects.create(
            location=location, data={"street": f"Neue Straße {number}"}, proposed_by=partner_user
        )


def _streamed(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and body
    return len(context.captured_queries)


def test_staff_and_partner_lists_need_the_same_queries_for_2_and_12_items(
    staff_client: Any, partner_client: Any, partner_user: Any, make_offer: Any, organisation: Any
) -> None:
    _offers(make_offer, organisation, 0, 2)
    _changes(organisation, partner_user, 0, 2)
    pages = [url for url in STAFF if not url.endswith(".csv")]
    partner_pages = ["/intern/directory/angebote/", "/intern/directory/orte/", "/konto/"]
    small = _counts(staff_client, pages)
    small_partner = _counts(partner_client, partner_pages)
    small_export = _streamed(staff_client, "/intern/directory/export.csv")
    _offers(make_offer, organisation, 2, 12)
    _changes(organisation, partner_user, 2, 12)
    assert _counts(staff_client, pages) == small
    assert _counts(partner_client, partner_pages) == small_partner
    assert _streamed(staff_client, "/intern/directory/export.csv") == small_export
    _, response = _queries(staff_client, "/intern/directory/freigaben/")
    assert len(response.context["changes"]) == 24
    assert len(response.context["location_changes"]) == 12


def test_offer_page_lists_need_the_same_queries_for_2_and_12_items(
    anon_client: Any, make_offer: Any, organisation: Any
) -> None:
    """Places, opening hours, categories and languages of one offer (page, print view, API)."""
    from datetime import time

    from beko.directory.models import Category, District, Language, OpeningHours

    offer = make_offer("Beratung überall")
    districts = list(District.objects.order_by("pk"))
    categories = list(Category.objects.order_by("pk"))
    languages = list(Language.objects.order_by("pk"))

    def grow(start: int, stop: int) -> None:
        for number in range(start, stop):
            offer.locations.add(
                Location.objects.create(
                    organisation=organisation, street=f"Ort {number:02d}", postal_code="42103",
                    district=districts[number % len(districts)],
                )
            )  # fmt: skip
            OpeningHours.objects.create(
                offer=offer, weekday=number % 7, opens=time(8 + number % 5), closes=time(18)
            )
            offer.categories.add(categories[number % len(categories)])
            offer.languages.add(languages[number % len(languages)])

    urls = [
        f"/angebote/{offer.pk}/",
        f"/angebote/{offer.pk}/drucken/",
        f"/api/v1/offers/{offer.pk}",
    ]
    grow(0, 2)
    small = _counts(anon_client, urls)
    grow(2, 12)
    large = _counts(anon_client, urls)
    assert large == small
    assert len(anon_client.get(f"/api/v1/offers/{offer.pk}").json()["locations"]) == 13
