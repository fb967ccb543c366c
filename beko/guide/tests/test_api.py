"""GET /api/v1/guide/evaluate: the JSON shape, the language of its texts, 400 problem details."""

from __future__ import annotations

import random
import string
from typing import Any

import pytest

from beko.guide.tests._expectations import case_input, load_cases

pytestmark = pytest.mark.django_db

URL = "/api/v1/guide/evaluate"
DULDUNG = {
    "status": "duldung",
    "months_in_germany": "30",
    "country": "AF",
    "reception_centre": "false",
    "identity_clarified": "true",
    "as_of": "2025-06-01",
}


def test_evaluation_returns_the_documented_json_shape(anon_client: Any) -> None:
    response = anon_client.get(URL, DULDUNG)
    assert response.status_code == 200
    data = response.json()
    assert data["as_of"] == "2025-06-01"
    assert data["lang"] == "de"
    assert data["input"]["months_in_germany"] == 30
    assert data["answers"]["employment"]["verdict"] == "permission_required"
    assert data["answers"]["employment"]["ba_consent"] == "required"
    assert data["answers"]["benefits"]["office"] == "sozialamt"
    assert data["local_offers"] == []
    assert data["rulebase_version"].startswith("2026.")
    assert data["disclaimer"] == {
        "text": data["disclaimer"]["text"],
        "lang": "de",
        "fallback": False,
    }
    assert "Rechtsberatung" in data["disclaimer"]["text"]
    for answer in data["answers"].values():
        assert answer["citations"] or answer["verdict"] == "unclear"
        assert answer["rule_valid_from"]


@pytest.mark.parametrize("case", load_cases("cases.yaml"), ids=lambda c: c["id"])
def test_api_gives_the_expected_verdicts_for_the_shared_cases(
    anon_client: Any, case: dict[str, Any]
) -> None:
    params = {
        key: (str(value).lower() if isinstance(value, bool) else str(value))
        for key, value in case_input(case).items()
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


def test_lang_parameter_returns_the_texts_in_that_language(anon_client: Any) -> None:
    data = anon_client.get(URL, {**DULDUNG, "lang": "en"}).json()
    assert data["lang"] == "en"
    explanation = data["answers"]["employment"]["explanation"]
    assert explanation["lang"] == "en" and explanation["fallback"] is False
    assert "foreigners' authority" in explanation["text"]
    assert data["answers"]["employment"]["verdict_label"]["text"].startswith(
        "Only with a permit from the foreigners' authority"
    )


def test_lang_parameter_returns_arabic_texts(anon_client: Any) -> None:
    data = anon_client.get(URL, {**DULDUNG, "lang": "ar"}).json()
    assert data["lang"] == "ar"
    explanation = data["answers"]["employment"]["explanation"]
    assert (explanation["lang"], explanation["fallback"]) == ("ar", False)
    # The German word printed on the papers stays beside the rendering (glossary).
    assert "(Duldung)" in explanation["text"]
    assert (
        "Ausländerbehörde" not in explanation["text"] or "(Ausländerbehörde)" in explanation["text"]
    )


def test_a_language_without_translations_falls_back_to_german_per_text(
    anon_client: Any, guide_texts_missing_in: Any
) -> None:
    guide_texts_missing_in("ar")
    data = anon_client.get(URL, {**DULDUNG, "lang": "ar"}).json()
    assert data["lang"] == "ar"
    explanation = data["answers"]["employment"]["explanation"]
    # A rule text without an Arabic version: German, marked as fallback.
    assert explanation == {
        "text": explanation["text"],
        "lang": "de",
        "fallback": True,
    }
    assert "Ausländerbehörde" in explanation["text"]


def test_without_lang_the_accept_language_header_decides(anon_client: Any) -> None:
    response = anon_client.get(URL, DULDUNG, HTTP_ACCEPT_LANGUAGE="fr-FR, en;q=0.8, de;q=0.5")
    assert response.json()["lang"] == "en"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_without_lang_or_a_supported_header_the_texts_are_german(anon_client: Any) -> None:
    response = anon_client.get(URL, DULDUNG, HTTP_ACCEPT_LANGUAGE="fr, es;q=0.5")
    assert response.json()["lang"] == "de"


def test_explicit_lang_wins_over_the_header(anon_client: Any) -> None:
    response = anon_client.get(URL, {**DULDUNG, "lang": "de"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["lang"] == "de"


# Only the plain codes are accepted; a regional variant is refused clearly as well.
@pytest.mark.parametrize("value", ["fr", "EN-GB", "", "<script>", "de' OR 1=1", "عربي", "x" * 60])
def test_unsupported_lang_is_a_clear_problem_detail(anon_client: Any, value: str) -> None:
    response = anon_client.get(URL, {**DULDUNG, "lang": value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["errors"][0]["param"] == "lang"
    assert "de, en, ar, fa, uk, tr, ru" in body["detail"]
    assert "<script>" not in response.content.decode()


def test_an_unanswered_question_is_unknown_and_the_answer_shows_both_branches(
    anon_client: Any,
) -> None:
    params = {k: v for k, v in DULDUNG.items() if k != "reception_centre"}
    data = anon_client.get(URL, {**params, "lang": "en"}).json()
    employment = data["answers"]["employment"]
    assert data["input"]["reception_centre"] is None
    assert "reception_centre" in data["missing"]
    assert employment["verdict"] == "unclear"
    assert employment["depends_on"][0] == "reception_centre"
    branches = employment["branches"]
    assert branches["question"] == "reception_centre"
    assert [b["when"]["text"] for b in branches["branches"]] == [
        "If the person has to live in a reception centre",
        "If the person no longer has to live in a reception centre",
    ]
    assert branches["branches"][1]["outcome"]["verdict"] == "permission_required"


def test_unknown_is_accepted_as_an_explicit_answer(anon_client: Any) -> None:
    data = anon_client.get(URL, {**DULDUNG, "identity_clarified": "unknown"}).json()
    assert data["input"]["identity_clarified"] is None


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
        ("status=recognised&first_permit_on=2999-01-01", "first_permit_on"),
        ("status=duldung&months_in_germany=3&months_with_duldung=9", "months_with_duldung"),
        ("status=recognised&reception_centre=vielleicht", "reception_centre"),
        ("status=recognised&colour=blue", "colour"),
        ("status=recognised&status=duldung", "status"),
        ("status=recognised&lang=de&lang=en", "lang"),
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
    names = [
        "status",
        "months_in_germany",
        "months_with_duldung",
        "first_permit_on",
        "country",
        "age",
        "as_of",
        "arrived_on",
        "lang",
        "junk",
    ]
    for _ in range(300):
        params = {
            rng.choice(names): "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            for _ in range(rng.randint(1, 4))
        }
        response = anon_client.get(URL, params)
        assert response.status_code in (200, 400), params


def test_an_unknown_status_says_once_that_the_status_is_needed(anon_client: Any) -> None:
    data = anon_client.get(URL, {"status": "unknown", "lang": "en"}).json()
    assert data["status_needed"]["text"].startswith("Without the residence status")
    assert all(answer["verdict"] == "unclear" for answer in data["answers"].values())
    known = anon_client.get(URL, DULDUNG).json()
    assert known["status_needed"] is None
