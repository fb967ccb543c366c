from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

SCHEMAS = Path(__file__).parent / "hsds"


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text())


def _validate(instance: Any, schema: dict[str, Any]) -> None:
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


@pytest.fixture
def offers(make_offer: Any) -> list[Any]:
    return [
        make_offer(
            "Deutschkurs für Frauen",
            categories=("sprache", "frauen"),
            languages=("de", "ar"),
            target_groups=("refugees",),
            residence_statuses=("duldung",),
            hours=((0, "09:00", "12:00"),),
            contact_email="kurs@example.org",
            contact_phone="0202 1234",
            contact_name="Amira Beispiel",
        ),
        make_offer("Rechtsberatung", categories=("beratung-recht",)),
        make_offer("Entwurf", status="draft"),
    ]


def test_service_list_pages_validate_against_hsds(anon_client: Any, offers: list[Any]) -> None:
    response = anon_client.get("/api/hsds/services?per_page=1")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    page = response.json()
    assert page["total_items"] == 2  # the draft is not exported
    assert page["total_pages"] == 2 and page["first_page"] and not page["last_page"]
    for item in page["contents"]:
        _validate(item, _schema("service_list.json"))


def test_full_service_validates_and_round_trips_by_id(anon_client: Any, offers: list[Any]) -> None:
    listed = anon_client.get("/api/hsds/services?search=Deutschkurs").json()["contents"]
    assert [s["name"] for s in listed] == ["Deutschkurs für Frauen"]
    service = anon_client.get(f"/api/hsds/services/{listed[0]['id']}").json()
    _validate(service, _schema("service_with_definitions.json"))
    assert service["schedules"][0]["byday"] == "MO"
    assert {lang["code"] for lang in service["languages"]} == {"de", "ar"}
    assert service["service_at_locations"][0]["location"]["addresses"][0]["country"] == "DE"


def test_organizations_and_taxonomy_terms_validate(anon_client: Any, offers: list[Any]) -> None:
    orgs = anon_client.get("/api/hsds/organizations").json()
    for item in orgs["contents"]:
        _validate(item, _schema("organization_list.json"))
    detail = anon_client.get(f"/api/hsds/organizations/{orgs['contents'][0]['id']}").json()
    definitions = _schema("service_with_definitions.json")["definitions"]
    _validate(detail, {"$ref": "#/definitions/organization", "definitions": definitions})
    terms = anon_client.get("/api/hsds/taxonomy_terms?per_page=100").json()
    assert terms["total_items"] >= 17
    for item in terms["contents"]:
        _validate(item, _schema("taxonomy_term.json"))


def test_export_zip_holds_valid_hsds_files(anon_client: Any, offers: list[Any]) -> None:
    response = anon_client.get("/api/hsds/export.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    services = json.loads(archive.read("services.json"))
    assert len(services) == 2
    for item in services:
        _validate(item, _schema("service_with_definitions.json"))
    assert json.loads(archive.read("organizations.json"))
    assert json.loads(archive.read("taxonomy_terms.json"))


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/services/not-a-uuid",
        "/api/hsds/services/be0c0002-0000-4000-8000-000000000001",  # an organisation id
        "/api/hsds/services/be0c0001-0000-4000-8000-0000ffffffff",
        "/api/hsds/organizations/00000000-0000-0000-0000-000000000000",
    ],
)
def test_unknown_ids_are_404_problems(anon_client: Any, offers: list[Any], url: str) -> None:
    response = anon_client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "query", ["page=0", "per_page=101", "page=x", "search=" + "a" * 201, "page=99"]
)
def test_invalid_paging_is_rejected(anon_client: Any, offers: list[Any], query: str) -> None:
    response = anon_client.get(f"/api/hsds/services?{query}")
    assert response.status_code in (400, 404)
    assert response.json()["status"] == response.status_code
