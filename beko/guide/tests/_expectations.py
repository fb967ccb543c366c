"""Shared checking of example cases (cases.yaml, reference_cases.yaml) against evaluations."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from beko.guide.engine import Evaluation

DATA = Path(__file__).resolve().parent / "data"


def load_cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return cases


def verdict_of(evaluation: Evaluation, key: str) -> str:
    if key == "employment_ba_consent":
        consent = evaluation.answers["employment"].ba_consent
        assert consent is not None
        return consent
    return evaluation.answers[key].verdict


def mismatches(evaluation: Evaluation, case: Mapping[str, Any]) -> list[str]:
    """Human-readable differences between the evaluation and the case's expectations."""
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
    route_ids = {route.id for route in evaluation.routes}
    for route in case.get("routes_include", []):
        if route not in route_ids:
            problems.append(f"route {route} missing (got {sorted(route_ids)})")
    for route in case.get("routes_exclude", []):
        if route in route_ids:
            problems.append(f"route {route} must not be suggested")
    return problems
