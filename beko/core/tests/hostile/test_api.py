"""Hostile values in every API parameter, discovered from the OpenAPI schema, plus the
open-data (HSDS) endpoints. No 5xx; every 4xx is application/problem+json with a detail."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.test import Client

from beko.api import api_v1

from .checks import problems_with
from .payloads import JSON_PAYLOADS, RAW_QUERY_PAYLOADS, SHARP, TEXT_PAYLOADS, payload_id

pytestmark = pytest.mark.usefixtures("demo_database", "db")

API_PREFIX = "/api/v1"
HSDS: dict[str, tuple[str, ...]] = {
    "/api/hsds/services": ("page", "per_page", "search"),
    "/api/hsds/organizations": ("page", "per_page", "search"),
    "/api/hsds/taxonomy_terms": ("page", "per_page"),
    "/api/hsds/": ("page",),
}
HSDS_PATHS = ("/api/hsds/services/{}", "/api/hsds/organizations/{}")


def _operations() -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """(method, path template, query parameters, path parameters) of every API operation."""
    schema = api_v1.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            params = operation.get("parameters", [])
            query = tuple(p["name"] for p in params if p["in"] == "query")
            in_path = tuple(p["name"] for p in params if p["in"] == "path")
            found.append((method.upper(), path, query, in_path))
    return found


OPERATIONS = _operations()
QUERY_OPERATIONS = {path: query for method, path, query, _ in OPERATIONS if method == "GET"}
QUERY_OPERATIONS.update(HSDS)
PATH_OPERATIONS = sorted(
    {path for method, path, _, in_path in OPERATIONS if method == "GET" and in_path}
    | set(HSDS_PATHS)
)
# Wrong types as the query string carries them: JSON text of lists, objects, numbers, null.
JSON_AS_TEXT = [json.dumps(value) for value in JSON_PAYLOADS]


def test_the_api_has_parameters_to_attack():
    assert len(QUERY_OPERATIONS) >= 10
    assert "/api/v1/events/{slug}" in PATH_OPERATIONS


def _check(response: Any, payload: Any) -> list[str]:
    return problems_with(response, language=None, payload=payload)


@pytest.mark.parametrize("path", sorted(QUERY_OPERATIONS))
def test_every_payload_in_every_query_parameter_never_gives_5xx(client: Client, path: str) -> None:
    params = QUERY_OPERATIONS[path] or ("q",)
    failures = []
    for payloads, raw in ((TEXT_PAYLOADS + JSON_AS_TEXT, False), (RAW_QUERY_PAYLOADS, True)):
        count = len(payloads)
        for i, payload in enumerate(payloads):
            values = {p: payloads[(i + j) % count] for j, p in enumerate(params)}
            query = "&".join(f"{k}={v}" for k, v in values.items()) if raw else urlencode(values)
            failures += _check(client.get(f"{path}?{query}"), payload)
    assert failures == []


@pytest.mark.parametrize("path", sorted(QUERY_OPERATIONS))
def test_each_sharp_payload_alone_in_each_query_parameter(client: Client, path: str) -> None:
    failures = []
    for param in QUERY_OPERATIONS[path]:
        for payload in SHARP:
            response = client.get(f"{path}?{urlencode({param: payload})}")
            failures += _check(response, (param, payload))
        # The same parameter twice, one of them hostile.
        response = client.get(f"{path}?{param}=1&{urlencode({param: '²'})}")
        failures += _check(response, (param, "repeated"))
    assert failures == []


@pytest.mark.parametrize("template", PATH_OPERATIONS)
def test_every_payload_as_a_path_parameter_never_gives_5xx(client: Client, template: str) -> None:
    failures = []
    payloads = [p for p in TEXT_PAYLOADS + JSON_AS_TEXT if p.strip(" ./")]
    for payload in payloads:
        path = template.replace("{", "<").replace("}", ">")
        url = path.split("<", 1)[0] + quote(payload, safe="")
        failures += _check(client.get(url), payload)
    assert failures == []


@pytest.mark.parametrize("value", JSON_PAYLOADS, ids=payload_id)
@pytest.mark.parametrize("path", ["/api/v1/offers", "/api/v1/events", "/api/v1/guide/evaluate"])
def test_json_bodies_of_any_type_are_refused_as_problems(
    client: Client, path: str, value: Any
) -> None:
    """The API takes no request bodies; a body of any shape gets a problem, not a 500."""
    for method in (client.post, client.put, client.patch):
        response = method(path, data=json.dumps(value), content_type="application/json")
        assert response.status_code in {400, 405}
        assert response["Content-Type"] == "application/problem+json"
