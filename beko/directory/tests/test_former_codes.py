"""Links, API calls and CSV files from before the shared codes (issue 19) still work:
`professionals` means `counselling`, `para24` means `temporary_protection`."""

from __future__ import annotations

from typing import Any

import pytest

from beko.directory.models import ImportJob, Offer

from .test_import_export import HEADER, _row, _upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(make_offer: Any) -> list[Any]:
    return [
        make_offer("Fachberatung", target_groups=("counselling",),
                   residence_statuses=("temporary_protection",)),
        make_offer("Ehrenamtstreff", target_groups=("volunteers",), residence_statuses=("duldung",)),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("target_group=professionals", ["Fachberatung"]),
        ("target_group=counselling", ["Fachberatung"]),
        ("residence_status=para24", ["Fachberatung"]),
        ("residence_status=temporary_protection", ["Fachberatung"]),
    ],
)
def test_api_takes_former_codes(anon_client: Any, offers: Any, query: str, expected: list) -> None:
    response = anon_client.get(f"/api/v1/offers?{query}")
    assert response.status_code == 200
    data = response.json()
    assert [o["title"] for o in data["results"]] == expected
    assert data["results"][0]["target_groups"] == ["counselling"]
    assert data["results"][0]["residence_statuses"] == ["temporary_protection"]


def test_facets_show_the_current_code_as_selected(offers: Any) -> None:
    from beko.directory import selectors

    filters = selectors.OfferFilters(target_group="professionals", residence_status="para24")
    facets = selectors.offer_search(filters=filters, with_facets=True).facets
    assert [f.value for f in facets["target_group"] if f.selected] == ["counselling"]
    assert [f.value for f in facets["residence_status"] if f.selected] == ["temporary_protection"]


def test_list_page_takes_a_former_code(anon_client: Any, offers: Any) -> None:
    html = anon_client.get("/angebote/?target_group=professionals").content.decode()
    assert "Fachberatung" in html and "Ehrenamtstreff" not in html


def test_csv_import_takes_former_codes(staff_client: Any, organisation: Any) -> None:
    row = _row(target_groups="refugees|professionals", residence_statuses="para24")
    job = _upload(staff_client, "\n".join([HEADER, row]))
    assert job.state == ImportJob.State.DONE, job.errors
    offer = Offer.objects.get()
    assert sorted(offer.target_group_list()) == ["counselling", "refugees"]
    assert offer.residence_status_list() == ["temporary_protection"]
