"""Untrusted input is parsed strictly; every problem names the offending field."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beko.guide.engine import GermanLevel, InvalidInput, Status, evaluate, parse_input

TODAY = dt.date(2026, 11, 25)


def test_minimal_input_gets_defaults_and_todays_date() -> None:
    parsed = parse_input({"status": "recognised"}, today=TODAY)
    assert parsed.status is Status.RECOGNISED
    assert parsed.as_of == TODAY
    # Unanswered questions are unknown, never assumed (issue 16).
    assert parsed.identity_clarified is None
    assert parsed.reception_centre is None
    assert parsed.asylum_rejected_manifestly_unfounded is None
    assert parsed.first_permit_on is None
    assert parsed.german_level is GermanLevel.NONE


def test_arrival_date_is_turned_into_whole_months_before_the_reference_date() -> None:
    parsed = parse_input(
        {"status": "gestattung", "arrived_on": "2024-12-15", "as_of": "2025-06-14"}
    )
    assert parsed.months_in_germany == 5
    assert parsed.arrived_on == dt.date(2024, 12, 15)


def test_input_round_trips_through_its_query_parameters() -> None:
    parsed = parse_input(
        {
            "status": "duldung",
            "months_in_germany": "30",
            "country": "af",
            "has_job_offer": "on",
            "german_level": "b1",
            "as_of": "2025-06-01",
        }
    )
    assert parse_input(parsed.to_query()) == parsed
    assert parsed.to_query()["country"] == "AF"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "status"),
        ({"status": "refugee"}, "status"),
        ({"status": "recognised", "months_in_germany": "-1"}, "months_in_germany"),
        ({"status": "recognised", "months_in_germany": "1e3"}, "months_in_germany"),
        ({"status": "recognised", "months_in_germany": "٣"}, "months_in_germany"),
        ({"status": "recognised", "months_in_germany": "99999"}, "months_in_germany"),
        ({"status": "recognised", "age": "121"}, "age"),
        ({"status": "recognised", "country": "Syria"}, "country"),
        ({"status": "recognised", "country": "ZZ"}, "country"),
        ({"status": "recognised", "reception_centre": "maybe"}, "reception_centre"),
        ({"status": "recognised", "german_level": "D1"}, "german_level"),
        ({"status": "recognised", "as_of": "2025-02-30"}, "as_of"),
        ({"status": "recognised", "as_of": "1999-01-01"}, "as_of"),
        ({"status": "recognised", "as_of": "2025-06-01", "arrived_on": "2025-07-01"}, "arrived_on"),
        (
            {"status": "recognised", "arrived_on": "2020-01-01", "months_in_germany": "3"},
            "arrived_on",
        ),
        ({"status": "recognised", "colour": "blue"}, "colour"),
        ({"status": "<script>alert(1)</script>"}, "status"),
        ({"status": "recognised' OR 1=1 --"}, "status"),
        ({"status": "recognised", "country": "\u202eYS"}, "country"),
        ({"status": "recognised", "months_in_germany": "1" * 5000}, "months_in_germany"),
        ({"status": ["recognised", "duldung"]}, "status"),
    ],
)
def test_invalid_input_names_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_input(data, today=TODAY)
    assert caught.value.field == field


def test_lenient_parsing_ignores_unknown_parameters_for_the_html_form() -> None:
    parsed = parse_input(
        {"status": "recognised", "lang": "de", "step": "3"}, strict=False, today=TODAY
    )
    assert parsed.status is Status.RECOGNISED


def test_json_output_has_the_shape_of_the_api() -> None:
    from beko.guide.present import evaluation_json

    evaluation = evaluate(
        parse_input(
            {
                "status": "duldung",
                "months_in_germany": "30",
                "country": "AF",
                "reception_centre": "false",
                "identity_clarified": "true",
                "as_of": "2025-06-01",
            }
        )
    )
    result = evaluation_json(evaluation, "en")
    assert set(result) >= {
        "as_of",
        "lang",
        "rulebase_version",
        "input",
        "missing",
        "answers",
        "routes",
        "next_steps",
        "employer",
        "local_offers",
        "disclaimer",
    }
    assert set(result["answers"]) == {
        "employment",
        "self_employment",
        "vocational_training",
        "benefits",
        "integration_course",
        "job_language_course",
    }
    employment = result["answers"]["employment"]
    assert employment["verdict"] == "permission_required"
    assert employment["ba_consent"] in {"required", "not_required", "not_applicable", "unclear"}
    assert set(employment["explanation"]) == {"text", "lang", "fallback"}
    assert employment["explanation"]["lang"] == "en"
    assert set(employment["citations"][0]) >= {"law", "section", "url", "valid_from"}
    assert result["answers"]["benefits"]["office"] == "sozialamt"
    assert all(
        route["state"] in {"possible", "later", "not_possible"} for route in result["routes"]
    )


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "status",
                "months_in_germany",
                "arrived_on",
                "country",
                "reception_centre",
                "age",
                "german_level",
                "as_of",
                "has_job_offer",
                "identity_clarified",
                "unknown",
            ]
        ),
        st.one_of(st.text(max_size=60), st.sampled_from(["duldung", "gestattung", "12", "SY"])),
        max_size=6,
    )
)
@settings(max_examples=300, deadline=None)
def test_any_text_either_parses_or_is_refused_with_a_named_field(data: dict[str, str]) -> None:
    try:
        parsed = parse_input(data, today=TODAY)
    except InvalidInput as exc:
        assert exc.field
        return
    evaluation = evaluate(parsed)
    assert evaluation.answers["employment"].verdict
