"""Edits of records an offer's search document shows keep the search index in step.

The index holds the organisation's name, addresses, district and term names and, through the
visibility window, whether the organisation is public (directory/search.py); edits made in
the staff area or in the Django admin must reach it, or the public search shows stale data.
"""

from __future__ import annotations

from typing import Any

import pytest

from beko.core.search import Search
from beko.directory.models import District, Offer
from beko.directory.selectors import OfferFilters, offer_search


def _titles(q: str) -> list[str]:
    return [o.title for o in offer_search(filters=OfferFilters(q=q), with_facets=False).offers]


@pytest.fixture
def offer(make_offer: Any) -> Offer:
    return make_offer("Nähcafé", district="barmen")


def _org_form(organisation: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "short_description": "",
        "description": "",
        "website": "",
        "email": "",
        "phone": "",
        "logo_credit": "",
        "is_public": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_staff_organisation_edit_reindexes_its_offers(
    staff_client: Any, offer: Offer, django_capture_on_commit_callbacks: Any
) -> None:
    organisation = offer.organisation
    url = f"/intern/directory/organisationen/{organisation.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, _org_form(organisation, name="Stadtteilwerkstatt Ost"))
    assert response.status_code == 302
    assert _titles("Stadtteilwerkstatt") == ["Nähcafé"]  # the new name is searchable
    assert _titles("Brücke") == []  # the old one is gone
    # Made private: its offers leave the search (the visibility window) at once.
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            url, _org_form(organisation, name="Stadtteilwerkstatt Ost", is_public=None)
        )
    assert Search("Nähcafé").matching_ids(Offer, visible_at=None) == []
    assert _titles("Nähcafé") == []


def test_staff_location_edit_reindexes_the_offers_there(
    staff_client: Any, offer: Offer, django_capture_on_commit_callbacks: Any
) -> None:
    location = offer.locations.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/intern/directory/orte/{location.pk}/",
            {
                "street": "Gathe 12",
                "postal_code": "42107",
                "city": "Wuppertal",
                "district": District.objects.get(slug="ronsdorf").pk,
            },
        )
    assert response.status_code == 302
    assert _titles("Gathe") == ["Nähcafé"]
    assert _titles("Ronsdorf") == ["Nähcafé"]
    assert _titles("Barmen") == []


def test_invalid_location_edit_changes_nothing(
    staff_client: Any, offer: Offer, django_capture_on_commit_callbacks: Any
) -> None:
    location = offer.locations.get()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post(
            f"/intern/directory/orte/{location.pk}/",
            {"street": "Gathe 12", "postal_code": "<b>1</b>", "city": "Wuppertal",
             "district": District.objects.get(slug="ronsdorf").pk},
        )  # fmt: skip
    assert response.status_code == 200 and "fünfstellige Postleitzahl" in response.content.decode()
    assert callbacks == []
    assert _titles("Gathe") == [] and _titles("Barmen") == ["Nähcafé"]


def test_admin_district_rename_and_offer_delete_reach_the_index(
    admin_client_: Any, offer: Offer, django_capture_on_commit_callbacks: Any
) -> None:
    district = District.objects.get(slug="barmen")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            f"/admin/directory/district/{district.pk}/change/",
            {"name": "Barmen-Mitte", "slug": "barmen", "position": district.position,
             "latitude": district.latitude, "longitude": district.longitude},
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _titles("Barmen-Mitte") == ["Nähcafé"]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(f"/admin/directory/offer/{offer.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert Search("Nähcafé").matching_ids(Offer) == []


def test_verifying_a_hidden_offer_brings_it_back_into_the_search(
    staff_client: Any, make_offer: Any
) -> None:
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    days = settings.BEKO_DIRECTORY_STALE_DAYS + settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS + 5
    offer = make_offer("Fahrradwerkstatt", last_verified_at=timezone.now() - timedelta(days=days))
    assert _titles("Fahrradwerkstatt") == []  # hidden: not verified for too long
    response = staff_client.post(f"/intern/directory/angebote/{offer.pk}/bestaetigen/")
    assert response.status_code == 302
    assert _titles("Fahrradwerkstatt") == ["Fahrradwerkstatt"]
