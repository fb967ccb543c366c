"""The legal fixes of issue 16, each at the exact boundary day, with the paragraph it rests on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from beko.guide.engine import Answer, Evaluation, evaluate, parse_input
from beko.guide.rulebase import get_rulebase


def run(**data: Any) -> Evaluation:
    return evaluate(parse_input({key: value for key, value in data.items() if value is not None}))


def cites(answer: Answer, label: str) -> bool:
    return any(citation.label == label for citation in answer.citations)


# -- Georgia and Moldova: "bis zum 30. August 2023" is exempt (§ 87d AsylG) -------------


@pytest.mark.parametrize("country", ["GE", "MD"])
@pytest.mark.parametrize(
    ("applied_on", "verdict"),
    [
        ("2023-08-29", "permission_required"),
        ("2023-08-30", "permission_required"),
        ("2023-08-31", "not_allowed"),
        ("2023-09-01", "not_allowed"),
    ],
)
def test_georgia_and_moldova_cut_off_includes_the_30th_of_august(
    country: str, applied_on: str, verdict: str
) -> None:
    employment = run(
        status="gestattung",
        arrived_on=applied_on,
        country=country,
        reception_centre="false",
        asylum_rejected_manifestly_unfounded="false",
        as_of="2025-06-01",
    ).answers["employment"]
    assert employment.verdict == verdict
    if verdict == "not_allowed":
        assert cites(employment, "§ 61 Abs. 2 S. 4 AsylG")
        assert cites(employment, "§ 87d AsylG")


@pytest.mark.parametrize(
    ("applied_on", "verdict"),
    [("2023-08-30", "permission_required"), ("2023-08-31", "not_allowed")],
)
def test_duldung_from_georgia_has_the_same_cut_off(applied_on: str, verdict: str) -> None:
    employment = run(
        status="duldung",
        arrived_on=applied_on,
        country="GE",
        reception_centre="false",
        identity_clarified="true",
        as_of="2025-06-01",
    ).answers["employment"]
    assert employment.verdict == verdict
    if verdict == "not_allowed":
        assert cites(employment, "§ 104 Abs. 18 AufenthG")


def test_the_data_file_holds_the_first_banned_day_for_georgia_and_moldova() -> None:
    entries = {e.country: e for e in get_rulebase().safe_countries}
    assert entries["GE"].work_ban_if_arrived_from == dt.date(2023, 8, 31)
    assert entries["MD"].work_ban_if_arrived_from == dt.date(2023, 8, 31)
    assert entries["AL"].work_ban_if_arrived_from == dt.date(2015, 9, 1)


# -- § 61 Abs. 1 S. 2 Nr. 3 AsylG: safe country + reception centre, whatever the date ---------


@pytest.mark.parametrize(("country", "applied_on"), [("GE", "2023-08-30"), ("AL", "2015-08-31")])
def test_safe_country_nationals_in_a_reception_centre_may_not_work_despite_an_early_application(
    country: str, applied_on: str
) -> None:
    common = {
        "status": "gestattung",
        "arrived_on": applied_on,
        "country": country,
        "asylum_rejected_manifestly_unfounded": "false",
        "as_of": "2025-06-01",
    }
    inside = run(**common, reception_centre="true").answers["employment"]
    outside = run(**common, reception_centre="false").answers["employment"]
    assert inside.verdict == "not_allowed"
    assert cites(inside, "§ 61 Abs. 1 S. 1 und S. 2 Nr. 3 AsylG")
    assert outside.verdict == "permission_required"


def test_a_non_safe_country_in_a_reception_centre_may_work_after_six_months() -> None:
    employment = run(
        status="gestattung",
        months_in_germany="6",
        country="SY",
        reception_centre="true",
        asylum_rejected_manifestly_unfounded="false",
        as_of="2025-06-01",
    ).answers["employment"]
    assert employment.verdict == "permission_required"


# -- Duldung with the obligation to live in a reception centre: § 61 Abs. 1 AsylG ------------


@pytest.mark.parametrize(
    ("months_with_duldung", "verdict"), [("5", "not_allowed"), ("6", "permission_required")]
)
def test_duldung_in_a_reception_centre_waits_six_months_of_duldung(
    months_with_duldung: str, verdict: str
) -> None:
    employment = run(
        status="duldung",
        months_in_germany="30",
        months_with_duldung=months_with_duldung,
        country="AF",
        reception_centre="true",
        identity_clarified="true",
        as_of="2025-06-01",
    ).answers["employment"]
    assert employment.verdict == verdict
    assert any(c.label.startswith("§ 61 Abs. 1") and c.law == "AsylG" for c in employment.citations)
    if verdict == "permission_required":
        assert cites(employment, "§ 61 Abs. 1 S. 2 (letzter Halbsatz) AsylG")
        assert employment.ba_consent == "required"
        assert "Ermessen" in employment.explanation.de


@pytest.mark.parametrize(
    ("as_of", "verdict"), [("2019-08-20", "not_allowed"), ("2019-08-21", "permission_required")]
)
def test_duldung_in_a_reception_centre_before_and_after_the_2019_change(
    as_of: str, verdict: str
) -> None:
    employment = run(
        status="duldung",
        months_in_germany="30",
        months_with_duldung="12",
        country="AF",
        reception_centre="true",
        identity_clarified="true",
        as_of=as_of,
    ).answers["employment"]
    assert employment.verdict == verdict


# -- § 44 Abs. 2 AufenthG: the claim ends one year after the permit -------------------------


@pytest.mark.parametrize(
    ("first_permit_on", "as_of", "verdict"),
    [
        ("2024-06-01", "2025-06-01", "entitled"),  # the anniversary is the last day
        ("2024-06-01", "2025-06-02", "admissible"),
        ("2024-02-29", "2025-02-28", "entitled"),  # § 188 Abs. 3 BGB
        ("2024-02-29", "2025-03-01", "admissible"),
        ("2024-12-10", "2025-12-10", "entitled"),
        ("2024-12-10", "2025-12-11", "unclear"),  # admission stop under § 44 Abs. 4
    ],
)
def test_integration_course_claim_expires_one_year_after_the_permit(
    first_permit_on: str, as_of: str, verdict: str
) -> None:
    course = run(status="recognised", first_permit_on=first_permit_on, as_of=as_of).answers[
        "integration_course"
    ]
    assert course.verdict == verdict
    assert cites(course, "§ 44 Abs. 2 AufenthG")
    if verdict == "unclear":
        assert course.confidence == "low"
        assert "Haushaltsstopp" in course.explanation.de


def test_long_settled_people_are_admissible_not_entitled() -> None:
    course = run(status="settlement", as_of="2025-06-01").answers["integration_course"]
    assert course.verdict == "admissible"


def test_without_the_permit_date_the_claim_is_shown_with_both_branches() -> None:
    course = run(status="subsidiary", as_of="2025-06-01").answers["integration_course"]
    assert course.verdict == "unclear"
    assert course.depends_on == ("first_permit_on",)
    assert course.tree is not None
    assert {leaf.verdict for leaf in course.tree.leaves()} == {"entitled", "admissible"}


# -- § 2 Abs. 1 AsylbLG: 48, 15, 18, 36 months ------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "months", "rule"),
    [
        ("2015-02-28", 47, "benefits.asylblg"),
        ("2015-02-28", 48, "benefits.asylblg.analogous_after_48_months"),
        ("2015-03-01", 14, "benefits.asylblg"),
        ("2015-03-01", 15, "benefits.asylblg.analogous_after_15_months"),
        ("2019-08-20", 15, "benefits.asylblg.analogous_after_15_months"),
        ("2019-08-21", 15, "benefits.asylblg"),
        ("2019-08-21", 18, "benefits.asylblg.analogous_after_18_months"),
        ("2024-02-26", 18, "benefits.asylblg.analogous_after_18_months"),
        ("2024-02-27", 18, "benefits.asylblg"),
        ("2024-02-27", 35, "benefits.asylblg"),
        ("2024-02-27", 36, "benefits.asylblg.analogous_after_36_months"),
    ],
)
def test_waiting_time_for_analogleistungen_follows_its_history(
    as_of: str, months: int, rule: str
) -> None:
    benefits = run(
        status="duldung", months_in_germany=str(months), reception_centre="false", as_of=as_of
    ).answers["benefits"]
    assert benefits.verdict == "asylblg"
    assert benefits.rule_ids == (rule,)
    if rule != "benefits.asylblg":
        assert any(c.label.startswith("§ 2 Abs. 1") for c in benefits.citations)


# -- § 25a AufenthG: from age 14 also before the reform of 31 Dec 2022 -----------------------


def _route(evaluation: Evaluation, route_id: str) -> Any:
    return next(route for route in evaluation.routes if route.id == route_id)


@pytest.mark.parametrize(
    ("as_of", "age", "state"),
    [
        ("2020-06-01", 13, "later"),
        ("2020-06-01", 14, "possible"),
        ("2020-06-01", 20, "possible"),
        ("2020-06-01", 21, "not_possible"),
        ("2015-06-01", 14, "later"),  # until 31 Jul 2015: from 15
        ("2015-06-01", 15, "possible"),
        ("2026-11-25", 26, "possible"),
        ("2026-11-25", 27, "not_possible"),
    ],
)
def test_section_25a_age_limits_per_version(as_of: str, age: int, state: str) -> None:
    evaluation = run(
        status="duldung",
        months_in_germany="80",
        months_with_duldung="20",
        age=str(age),
        country="AF",
        reception_centre="false",
        identity_clarified="true",
        as_of=as_of,
    )
    assert _route(evaluation, "residence_25a").state == state


# -- Ukraine: keyed on the first § 24 permit or Fiktionsbescheinigung -----------------------


@pytest.mark.parametrize(
    ("first_permit_on", "as_of", "verdict"),
    [
        ("2025-03-31", "2026-12-01", "sgb2"),
        ("2025-04-01", "2026-12-01", "unclear"),
        ("2025-05-01", "2026-06-30", "sgb2"),  # the planned law is not in force yet
        ("2025-05-01", "2026-07-01", "unclear"),
    ],
)
def test_ukraine_benefits_change_is_keyed_on_the_first_permit(
    first_permit_on: str, as_of: str, verdict: str
) -> None:
    benefits = run(
        status="temporary_protection", first_permit_on=first_permit_on, as_of=as_of
    ).answers["benefits"]
    assert benefits.verdict == verdict
    if verdict == "unclear":
        assert benefits.confidence == "low"
        assert "nicht bestätigen" in benefits.explanation.de
        assert cites(benefits, "§ 7 Abs. 1 SGB II") and cites(benefits, "§ 1 Abs. 1 AsylbLG")


def test_ukraine_arrival_before_april_2025_does_not_decide_when_the_permit_came_later() -> None:
    benefits = run(
        status="temporary_protection",
        arrived_on="2025-03-01",
        first_permit_on="2025-04-02",
        as_of="2026-12-01",
    ).answers["benefits"]
    assert benefits.verdict == "unclear"


# -- Citations: § 61 Abs. 2 S. 4 AsylG only where it applies ----------------------------


def test_section_61_2_4_is_cited_only_for_the_safe_country_ban() -> None:
    citing = {
        rule.id
        for rule in get_rulebase().rules
        for citation in rule.citations
        if citation.law == "AsylG" and citation.section == "§ 61 Abs. 2 S. 4"
    }
    assert citing == {"employment.gestattung.safe_country"}


def test_cited_paragraphs_show_their_own_version_date_where_known() -> None:
    employment = run(
        status="gestattung",
        months_in_germany="7",
        country="SY",
        reception_centre="true",
        asylum_rejected_manifestly_unfounded="false",
        as_of="2025-06-01",
    ).answers["employment"]
    section_61 = next(c for c in employment.citations if c.section == "§ 61 Abs. 1 S. 2")
    assert section_61.version_from == dt.date(2024, 2, 27)
    assert employment.rule_valid_from == dt.date(2024, 2, 27)


# -- Outside reception centres after six months, and GEAS from 12 June 2026 -----------------


def _asylum(as_of: str, months: int, reception_centre: str) -> Answer:
    return run(
        status="gestattung",
        months_in_germany=str(months),
        country="SY",
        reception_centre=reception_centre,
        asylum_rejected_manifestly_unfounded="false",
        as_of=as_of,
    ).answers["employment"]


@pytest.mark.parametrize(
    ("as_of", "months", "verdict", "rule"),
    [
        ("2026-06-11", 4, "not_allowed", "employment.gestattung.reception_centre_waiting_6_months"),
        (
            "2026-06-12",
            2,
            "not_allowed",
            "employment.gestattung.reception_centre_geas_first_3_months",
        ),
        ("2026-06-12", 4, "unclear", "employment.gestattung.reception_centre_geas_3_to_6_months"),
        (
            "2026-06-11",
            6,
            "permission_required",
            "employment.gestattung.reception_centre_after_6_months",
        ),
        (
            "2026-06-12",
            6,
            "permission_required",
            "employment.gestattung.reception_centre_geas_after_6_months",
        ),
    ],
)
def test_reception_centre_rules_around_the_geas_day(
    as_of: str, months: int, verdict: str, rule: str
) -> None:
    employment = _asylum(as_of, months, "true")
    assert employment.verdict == verdict
    assert employment.rule_ids[0] == rule
    if as_of == "2026-06-12" and months >= 3:
        assert cites(employment, "Art. 17 Abs. 1 RL (EU) 2024/1346")
    if verdict == "unclear":
        assert employment.confidence == "low"
        assert "Bleibeperspektive" in employment.explanation.de


@pytest.mark.parametrize(
    ("as_of", "months", "rule", "words"),
    [
        ("2024-02-26", 6, "employment.gestattung.after_3_months", "Ermessen"),
        ("2024-02-27", 5, "employment.gestattung.after_3_months", "Ermessen"),
        ("2024-02-27", 6, "employment.gestattung.outside_after_6_months", "umstritten"),
        ("2026-06-11", 6, "employment.gestattung.outside_after_6_months", "umstritten"),
        ("2026-06-12", 6, "employment.gestattung.outside_geas_after_6_months", "nicht bestätigen"),
    ],
)
def test_discretion_outside_reception_centres_is_worded_with_what_is_disputed(
    as_of: str, months: int, rule: str, words: str
) -> None:
    employment = _asylum(as_of, months, "false")
    assert employment.verdict == "permission_required"
    assert employment.rule_ids[0] == rule
    assert words in employment.explanation.de
