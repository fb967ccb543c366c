"""GET /api/v1/guide/evaluate: the issue's JSON shape; bad input is a 400 problem detail."""

from __future__ import annotations

import random
import string
from typing import Any

import pytest

from beko.guide.tests._expectations import load_cases

pytestmark = pytest.mark.django_db

URL = "/api/v1/guide/evaluate"


def test_evaluation_returns_the_documented_json_shape(anon_client: Any) -> None:
    response = anon_client.get(
        URL, {"status": "duldung", "months_in_germany": "30", "as_of": "2025-06-01"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["as_of"] == "2025-06-01"
    assert data["input"]["months_in_germany"] == 30
    assert data["answers"]["employment"]["verdict"] == "permission_required"
    assert data["answers"]["employment"]["ba_consent"] == "required"
    assert data["answers"]["benefits"]["office"] == "sozialamt"
    assert data["local_offers"] == []
    assert data["rulebase_version"].startswith("2026.")
    assert set(data["disclaimer"]) == {"de", "en"}
    for answer in data["answers"].values():
        assert answer["citations"] or answer["verdict"] == "unclear"


@pytest.mark.parametrize("case", load_cases("cases.yaml"), ids=lambda c: c["id"])
def test_api_gives_the_expected_verdicts_for_the_shared_cases(
    anon_client: Any, case: dict[str, Any]
) -> None:
    params = {
        key: (str(value).lower() if isinstance(value, bool) else str(value))
        for key, value in case["input"].items()
    }
    answers = anon_client.get(URL, params).json()["answers"]
    for key, expected in case["expect"].items():
        actual = (
            answers["employment"]["ba_consent"]
            if key == "employment_ba_consent"
            else answers[key]["verdict"]
        )
        if str(expected).startswith("not:"):
            assert actual != expected[4:], key
        else:
            assert actual == expected, key


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("", "status"),
        ("status=refugee", "status"),
        ("status=<script>alert(1)</script>", "status"),
        ("status=recognised%27%20OR%201%3D1--", "status"),
        ("status=recognised&months_in_germany=-1", "months_in_germany"),
        ("status=recognised&months_in_germany=%D9%A3", "months_in_germany"),
        ("status=recognised&country=%E2%80%AESY", "country"),
        ("status=recognised&age=1e2", "age"),
        ("status=recognised&as_of=2025-02-30", "as_of"),
        ("status=recognised&reception_centre=vielleicht", "reception_centre"),
        ("status=recognised&colour=blue", "colour"),
        ("status=recognised&status=duldung", "status"),
        ("status=recognised&months_in_germany=" + "9" * 200, "months_in_germany"),
    ],
)
def test_invalid_input_is_a_problem_detail_naming_the_field(
    anon_client: Any, query: str, param: str
) -> None:
    response = anon_client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert body["errors"][0]["param"] == param
    assert param in body["detail"]


def test_oversized_query_is_refused_with_a_problem_detail(anon_client: Any) -> None:
    response = anon_client.get(f"{URL}?status=recognised&x={'a' * 5000}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "zu lang" in response.json()["detail"]


def test_random_garbage_never_causes_a_server_error(anon_client: Any) -> None:
    rng = random.Random(7)
    alphabet = string.printable + "äöü€\u202e\u200fعربي٣\x00"
    names = ["status", "months_in_germany", "country", "age", "as_of", "arrived_on", "junk"]
    for _ in range(300):
        params = {
            rng.choice(names): "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            for _ in range(rng.randint(1, 4))
        }
        response = anon_client.get(URL, params)
        assert response.status_code in (200, 400), params
