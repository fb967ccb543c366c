from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture
def offers(make_offer: Any) -> list[Any]:
    return [
        make_offer("Deutschkurs für Frauen", categories=("sprache", "frauen"), district="barmen",
                   languages=("de", "ar"), target_groups=("refugees",), is_free=True),
        make_offer("Rechtsberatung Duldung", categories=("beratung-recht",), district="elberfeld",
                   residence_statuses=("duldung",), is_free=False, wheelchair_accessible=True),
        make_offer("Bewerbungshilfe", categories=("arbeit-beruf",), district="barmen", languages=("de", "fa")),
    ]  # fmt: skip


def test_offer_list_filters_and_searches_like_the_page(anon_client: Any, offers: list[Any]) -> None:
    data = anon_client.get("/api/v1/offers?district=barmen&language=ar").json()
    assert [o["title"] for o in data["results"]] == ["Deutschkurs für Frauen"]
    data = anon_client.get("/api/v1/offers?q=Beratungen").json()
    assert [o["title"] for o in data["results"]] == ["Rechtsberatung Duldung"]
    data = anon_client.get("/api/v1/offers?category=beratung").json()  # parent includes children
    assert data["count"] == 1


def test_facet_counts_on_request(anon_client: Any, offers: list[Any]) -> None:
    data = anon_client.get("/api/v1/offers?facets=true&district=barmen").json()
    assert data["count"] == 2
    districts = {f["value"]: f["count"] for f in data["facets"]["district"]}
    # A facet leaves out its own filter, so the other districts stay visible.
    assert districts["barmen"] == 2 and districts["elberfeld"] == 1
    assert data["facets"]["free"] == 2  # both Barmen offers are free
    assert anon_client.get("/api/v1/offers").json()["facets"] is None


def test_pagination_links(anon_client: Any, offers: list[Any]) -> None:
    first = anon_client.get("/api/v1/offers?page_size=2&sort=name").json()
    assert first["num_pages"] == 2 and first["previous"] is None
    second = anon_client.get(first["next"].replace("http://testserver", "")).json()
    assert [o["title"] for o in second["results"]] == ["Rechtsberatung Duldung"]


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("q=" + "a" * 201, "q"),
        ("page_size=101", "page_size"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=50", "page"),
        ("sort=random", "sort"),
        ("target_group=aliens", "target_group"),
        ("district=atlantis", "district"),
        ("category=%3Cscript%3E", "category"),
        ("language=deutsch", "language"),
        ("free=vielleicht", "free"),
    ],
)
def test_invalid_parameters_are_400_problems_naming_the_parameter(
    anon_client: Any, offers: list[Any], query: str, param: str
) -> None:
    response = anon_client.get(f"/api/v1/offers?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert param in [e["param"] for e in body["errors"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=%27%3B+DROP+TABLE+directory_offer%3B--", 0),
        # Persian "مشاوره" (counselling) is understood: the legal counselling offer.
        ("q=%D9%85%D8%B4%D8%A7%D9%88%D8%B1%D9%87", 1),
        ("q=%D8%B5%D8%BA%D8%B5%D8%BA%D8%B5%D8%BA", 0),  # Arabic letters, no word
        ("q=%22*%22+OR+NEAR(", 0),
        ("q=%E2%80%AE", 3),  # an RTL override alone is no search term: everything
    ],
)
def test_hostile_queries_answer_normally(
    anon_client: Any, offers: list[Any], query: str, expected: int
) -> None:
    response = anon_client.get(f"/api/v1/offers?{query}")
    assert response.status_code == 200
    assert response.json()["count"] == expected


def test_unknown_or_unpublished_offer_is_404(
    anon_client: Any, offers: list[Any], make_offer: Any
) -> None:
    draft = make_offer("Entwurf", status="draft")
    for url in (
        f"/api/v1/offers/{draft.pk}",
        "/api/v1/offers/999999",
        "/api/v1/organisations/999999",
    ):
        response = anon_client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"]


def test_detail_has_cors_etag_and_conditional_get(anon_client: Any, offers: list[Any]) -> None:
    url = f"/api/v1/offers/{offers[0].pk}"
    response = anon_client.get(url, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    etag, modified = response["ETag"], response["Last-Modified"]
    assert anon_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert anon_client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert anon_client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200
    listing = anon_client.get("/api/v1/offers")
    assert anon_client.get("/api/v1/offers", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304


def test_conditional_get_follows_http_semantics(anon_client: Any, offers: list[Any]) -> None:
    url = f"/api/v1/offers/{offers[0].pk}"
    response = anon_client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    weak_tag = etag if etag.startswith("W/") else f"W/{etag}"
    weak = anon_client.get(url, HTTP_IF_NONE_MATCH=f'{weak_tag}, "other"')
    assert weak.status_code == 304  # weak comparison, list of tags
    assert weak["Access-Control-Allow-Origin"] == "*" and weak["ETag"] == etag
    assert weak.content == b""
    # If-None-Match decides when both are sent: a stale tag means the copy is out of date.
    both = anon_client.get(url, HTTP_IF_NONE_MATCH='"stale"', HTTP_IF_MODIFIED_SINCE=modified)
    assert both.status_code == 200
    assert anon_client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 304
    assert anon_client.get(url, HTTP_IF_MATCH='"stale"').status_code == 412
    assert anon_client.get(url, HTTP_IF_MODIFIED_SINCE="kein Datum").status_code == 200


def test_vocabulary_endpoints(anon_client: Any, offers: list[Any]) -> None:
    assert len(anon_client.get("/api/v1/districts").json()) == 10
    assert any(c["parent"] == "beratung" for c in anon_client.get("/api/v1/categories").json())
    orgs = anon_client.get("/api/v1/organisations").json()
    assert orgs["results"][0]["offer_count"] == 3
    locations = anon_client.get("/api/v1/locations?district=barmen").json()
    assert locations["count"] == 2


def test_openapi_schema_and_docs_are_served(anon_client: Any) -> None:
    schema = anon_client.get("/api/v1/openapi.json").json()
    assert "/api/v1/offers" in schema["paths"]
    errors = schema["paths"]["/api/v1/offers"]["get"]["responses"]["400"]["content"]
    assert "application/problem+json" in errors
    docs = anon_client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content
    assert b"cdn." not in docs.content


@pytest.mark.parametrize("count", [3, 30])
def test_api_list_uses_a_constant_number_of_queries(
    anon_client: Any, make_offer: Any, count: int
) -> None:
    for number in range(count):
        make_offer(
            f"Sprachkurs {number}",
            categories=("sprache",),
            languages=("de", "en"),
            hours=((0, "09:00", "10:00"),),
            index=False,
        )
    from beko.directory.services import offers_reindex

    offers_reindex()
    with CaptureQueriesContext(connection) as context:
        response = anon_client.get(
            "/api/v1/offers?q=Sprachkurs&facets=true&district=elberfeld&page_size=100"
        )
    assert response.json()["count"] == count
    assert len(context.captured_queries) <= 12, [q["sql"][:120] for q in context.captured_queries]


@pytest.mark.parametrize("count", [2, 20])
def test_locations_and_organisations_lists_use_a_constant_number_of_queries(
    anon_client: Any, make_offer: Any, other_organisation: Any, settings: Any, count: int
) -> None:
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0  # measure the view, not the cache
    for number in range(count):
        make_offer(
            f"Kurs {number}",
            organisation_=other_organisation if number % 2 else None,
            index=False,
        )
    for url in (
        "/api/v1/locations?page_size=50",
        "/api/v1/organisations",
        "/api/v1/offers?page_size=100",
    ):
        with CaptureQueriesContext(connection) as context:
            response = anon_client.get(url)
        assert response.status_code == 200
        assert len(context.captured_queries) <= 10, (url, len(context.captured_queries))


def test_summary_view_returns_compact_items_documented_in_the_schema(
    anon_client: Any, offers: list[Any]
) -> None:
    full = anon_client.get("/api/v1/offers?page_size=100")
    compact = anon_client.get("/api/v1/offers?page_size=100&view=summary")
    assert compact.status_code == 200
    item = compact.json()["results"][0]
    assert set(item) == {"id", "title", "summary", "url", "organisation", "categories",
                         "districts", "is_free", "wheelchair_accessible", "last_verified_at"}  # fmt: skip
    by_title = {i["title"]: i for i in compact.json()["results"]}
    assert by_title["Rechtsberatung Duldung"]["districts"] == ["elberfeld"]
    assert set(by_title["Deutschkurs für Frauen"]["categories"]) == {"frauen", "sprache"}
    assert compact.json()["count"] == full.json()["count"]
    assert len(compact.content) < len(full.content)
    assert anon_client.get("/api/v1/offers?view=<script>").status_code in {400, 422}
    schema = anon_client.get("/api/v1/openapi.json").json()
    assert "OfferSummaryOut" in schema["components"]["schemas"]
    params = {p["name"] for p in schema["paths"]["/api/v1/offers"]["get"]["parameters"]}
    assert "view" in params
