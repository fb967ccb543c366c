"""Shared checking of example cases (cases.yaml, reference_cases.yaml) against evaluations."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from beko.guide.engine import Evaluation

DATA = Path(__file__).resolve().parent / "data"

# Both case files were written when the API assumed these answers for questions left out
# (docs/guide.md until November 2026). Since issue 16 an unanswered question is unknown and
# the answer shows both branches instead, so the cases are evaluated with the answers they
# were written for. (The shared file is a copy and stays unchanged; see docs/guide.md.)
FORMER_DEFAULTS: dict[str, str] = {
    "reception_centre": "false",
    "identity_clarified": "true",
    "asylum_rejected_manifestly_unfounded": "false",
}
# Facts a shared case states in its title or expects implicitly, in the input format that
# exists since issue 16. P14: "2 months after the decision"; P20 expects the integration
# course claim, which exists only in the first year after the permit (§ 44 Abs. 2 AufenthG).
CASE_SUPPLEMENTS: dict[str, dict[str, str]] = {
    "P14": {"first_permit_on": "2026-09-25"},
    "P20": {"first_permit_on": "2026-10-25"},
}


def load_cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return cases


def case_input(case: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """The case's input as the engine reads it today (see FORMER_DEFAULTS)."""
    return {
        **FORMER_DEFAULTS,
        **CASE_SUPPLEMENTS.get(case["id"], {}),
        **extra,
        **case["input"],
    }


def verdict_of(evaluation: Evaluation, key: str) -> str:
    if key == "employment_ba_consent":
        consent = evaluation.answers["employment"].ba_consent
        assert consent is not None
        return consent
    return evaluation.answers[key].verdict


def mismatches(evaluation: Evaluation, case: Mapping[str, Any]) -> list[str]:
    """Human-readable differences between the evaluation and the case's expectations.

    `routes_include`: the route is suggested (possible now or later). `routes_exclude`: it is
    not suggested – it is absent or listed as checked with the reason it does not apply.
    """
    problems: list[str] = []
    for key, expected in (case.get("expect") or {}).items():
        actual = verdict_of(evaluation, key)
        if isinstance(expected, list):
            ok = actual in expected
        elif str(expected).startswith("not:"):
            ok = actual != expected.removeprefix("not:")
        else:
            ok = actual == expected
        if not ok:
            rules = evaluation.answers[key.removesuffix("_ba_consent")].rule_ids
            problems.append(f"{key}: expected {expected}, got {actual} (rules {rules})")
    suggested = {route.id for route in evaluation.routes if route.state != "not_possible"}
    for route in case.get("routes_include", []):
        if route not in suggested:
            problems.append(f"route {route} missing (got {sorted(suggested)})")
    for route in case.get("routes_exclude", []):
        if route in suggested:
            problems.append(f"route {route} must not be suggested")
    return problems
