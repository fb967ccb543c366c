"""Every example case from the shared domain folder, and those derived from the reference."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from beko.guide.engine import evaluate, parse_input
from beko.guide.tests._expectations import case_input, load_cases, mismatches

SHARED_CASES = load_cases("cases.yaml")
REFERENCE_CASES = load_cases("reference_cases.yaml")
# rules-reference.md section 3 states its expectations for this date.
REFERENCE_DATE = dt.date(2026, 12, 1)


@pytest.mark.parametrize("case", SHARED_CASES, ids=[c["id"] for c in SHARED_CASES])
def test_shared_example_case_gets_the_expected_answers(case: dict[str, Any]) -> None:
    evaluation = evaluate(parse_input(case_input(case)))
    assert mismatches(evaluation, case) == [], case["title"]


@pytest.mark.parametrize("case", REFERENCE_CASES, ids=[c["id"] for c in REFERENCE_CASES])
def test_reference_case_gets_the_expected_answers(case: dict[str, Any]) -> None:
    evaluation = evaluate(parse_input(case_input(case, as_of=REFERENCE_DATE)))
    assert mismatches(evaluation, case) == []


def test_shared_cases_file_is_the_copy_of_the_domain_file() -> None:
    assert len(SHARED_CASES) >= 20
    assert {case["id"] for case in SHARED_CASES} >= {f"P{n:02d}" for n in range(1, 21)}


def test_supplements_only_name_cases_that_exist() -> None:
    from beko.guide.tests._expectations import CASE_SUPPLEMENTS

    assert set(CASE_SUPPLEMENTS) <= {case["id"] for case in SHARED_CASES}
