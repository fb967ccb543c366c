"""Walk the whole input space and check invariants that must hold for every situation."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from beko.guide.engine import (
    ANSWER_TOPICS,
    Evaluation,
    GermanLevel,
    GuideInput,
    Status,
    evaluate,
)
from beko.guide.rulebase import get_rulebase

VERDICTS = {
    "employment": {"allowed", "permission_required", "not_allowed", "unclear"},
    "self_employment": {"allowed", "permission_required", "not_allowed", "unclear"},
    "vocational_training": {"allowed", "permission_required", "not_allowed", "unclear"},
    "benefits": {"sgb2", "asylblg", "sgb12", "unclear"},
    "integration_course": {"entitled", "admissible", "not_eligible", "unclear"},
    "job_language_course": {"entitled", "admissible", "not_eligible", "unclear"},
}
BA_CONSENT = {"required", "not_required", "not_applicable", "unclear"}

MONTHS = (None, 0, 2, 4, 6, 9, 12, 18, 48, 84)
# Syria (not safe), Albania (safe since 2015), Georgia (safe since Dec 2023, later cut-off),
# Ukraine, and unknown nationality.
COUNTRIES = (None, "SY", "AL", "GE", "UA")
AS_OF = (
    dt.date(2019, 3, 1),
    dt.date(2023, 6, 1),
    dt.date(2024, 3, 15),
    dt.date(2025, 6, 1),
    dt.date(2026, 7, 1),
    dt.date.today(),  # noqa: DTZ011 - the guide's default reference date is the local day
)
FLAGS = list(itertools.product((False, True), repeat=3))
OFFERS = ((False, False), (True, True))
AGES = (None, 70)

DULDUNG_KINDS = {
    Status.DULDUNG,
    Status.DULDUNG_UNCLEAR_IDENTITY,
    Status.AUSBILDUNGSDULDUNG,
    Status.BESCHAEFTIGUNGSDULDUNG,
}


def _grid(status: Status) -> list[GuideInput]:
    inputs = []
    for months, country, as_of, flags, offers, age in itertools.product(
        MONTHS, COUNTRIES, AS_OF, FLAGS, OFFERS, AGES
    ):
        reception_centre, identity_clarified, manifestly_unfounded = flags
        inputs.append(
            GuideInput(
                status=status,
                as_of=as_of,
                months_in_germany=months,
                country=country,
                reception_centre=reception_centre,
                identity_clarified=identity_clarified,
                asylum_rejected_manifestly_unfounded=manifestly_unfounded,
                age=age,
                has_job_offer=offers[0],
                has_training_offer=offers[1],
            )
        )
    return inputs


def _violations(evaluation: Evaluation) -> list[str]:
    problems: list[str] = []
    given = evaluation.input
    answers = evaluation.answers
    for topic in ANSWER_TOPICS:
        answer = answers[topic]
        if answer.verdict not in VERDICTS[topic]:
            problems.append(f"{topic}: unknown verdict {answer.verdict}")
        if answer.verdict != "unclear" and not answer.citations:
            problems.append(f"{topic}: {answer.verdict} without citation ({answer.rule_ids})")
        for citation in answer.citations:
            if citation.valid_from > given.as_of:
                problems.append(f"{topic}: cites {citation.label} not yet in force")
            if not citation.url.startswith("https://www.gesetze-im-internet.de/"):
                problems.append(f"{topic}: citation outside the official statute site")
        if not (answer.explanation.de and answer.explanation.en):
            problems.append(f"{topic}: explanation missing")

    employment = answers["employment"]
    if employment.ba_consent not in BA_CONSENT:
        problems.append(f"ba_consent {employment.ba_consent}")
    if employment.verdict == "not_allowed" and employment.ba_consent != "not_applicable":
        problems.append("BA consent asked for work that is not allowed")
    if employment.verdict == "allowed" and employment.ba_consent != "not_required":
        problems.append("BA consent asked for work allowed by law")

    status = given.status
    if status is Status.DULDUNG_UNCLEAR_IDENTITY and employment.verdict in (
        "allowed",
        "permission_required",
    ):
        problems.append("§ 60b Duldung must never lead to employment")
    if status in (Status.RECOGNISED, Status.SUBSIDIARY) and answers["benefits"].verdict in (
        "asylblg",
    ):
        problems.append("recognised refugees never get AsylbLG")
    if status in (Status.RECOGNISED, Status.SUBSIDIARY, Status.SETTLEMENT) and (
        employment.verdict in ("not_allowed", "permission_required")
    ):
        problems.append("protection or settlement never needs a work permit")
    if status is Status.GESTATTUNG or status in DULDUNG_KINDS:
        if answers["self_employment"].verdict in ("allowed", "permission_required"):
            problems.append("Gestattung/Duldung never allows self-employment")
        if answers["benefits"].verdict in ("sgb2", "sgb12"):
            problems.append("Gestattung/Duldung never leads to SGB II/XII")
        if employment.verdict == "allowed":
            problems.append("Gestattung/Duldung never allows work without a permit")
    if status is Status.GESTATTUNG and evaluation.safe_country_ban:
        if employment.verdict != "not_allowed":
            problems.append("safe country asylum seekers may not work (§ 61 Abs. 2 S. 4 AsylG)")
        if answers["integration_course"].verdict in ("entitled", "admissible"):
            problems.append("safe country asylum seekers get no integration course")
    if status is Status.UNKNOWN and any(answers[t].verdict != "unclear" for t in ANSWER_TOPICS):
        problems.append("an unknown status can only give unclear answers")
    if (
        status is Status.GESTATTUNG
        and given.reception_centre
        and given.months_in_germany is not None
        and given.months_in_germany < 3
        and employment.verdict != "not_allowed"
    ):
        problems.append("nobody works in a reception centre within the first 3 months")

    route_ids = [route.id for route in evaluation.routes]
    if len(route_ids) != len(set(route_ids)):
        problems.append(f"duplicate routes {route_ids}")
    if status.value in route_ids:
        problems.append(f"suggests the status the person already has: {status.value}")
    if any(not route.citations for route in evaluation.routes):
        problems.append("route without citation")
    if not evaluation.next_steps:
        problems.append("no next step")
    return problems


@pytest.mark.parametrize("status", list(Status), ids=[s.value for s in Status])
def test_every_situation_gets_cited_answers_and_keeps_the_invariants(status: Status) -> None:
    failures: dict[str, list[str]] = {}
    for guide_input in _grid(status):
        problems = _violations(evaluate(guide_input))
        if problems:
            failures[str(guide_input)] = problems
    sample = dict(itertools.islice(failures.items(), 5))
    assert not failures, f"{len(failures)} situations break invariants, e.g. {sample}"


def test_the_same_situation_gets_the_answer_of_its_reference_date() -> None:
    def employment_on(day: dt.date) -> str:
        situation = GuideInput(
            status=Status.GESTATTUNG,
            as_of=day,
            months_in_germany=7,
            country="TR",
            reception_centre=True,
        )
        return evaluate(situation).answers["employment"].verdict

    assert employment_on(dt.date(2024, 2, 26)) == "not_allowed"
    assert employment_on(dt.date(2024, 2, 27)) == "permission_required"


def _random_inputs(count: int, *, seed: int) -> list[GuideInput]:
    """A reproducible sample of the wider input space (every age, level, country, date)."""
    rng = random.Random(seed)
    countries = (None, "SY", "AF", "AL", "GE", "MD", "XK", "RS", "UA", "IQ", "GM", "TR")
    days = (dt.date(2015, 1, 1) + dt.timedelta(days=n) for n in range(0, 4500, 7))
    day_choices = [*days, dt.date(2022, 4, 1)]
    inputs = []
    for _ in range(count):
        inputs.append(
            GuideInput(
                status=rng.choice(list(Status)),
                as_of=rng.choice(day_choices),
                months_in_germany=rng.choice([None, *range(0, 150)]),
                country=rng.choice(countries),
                reception_centre=rng.random() < 0.5,
                identity_clarified=rng.random() < 0.7,
                asylum_rejected_manifestly_unfounded=rng.random() < 0.2,
                age=rng.choice([None, *range(0, 100)]),
                has_job_offer=rng.random() < 0.5,
                has_training_offer=rng.random() < 0.5,
                german_level=rng.choice(list(GermanLevel)),
            )
        )
    return inputs


RANDOM_INPUTS = _random_inputs(30_000, seed=5)


def test_a_random_sample_of_the_wider_input_space_keeps_the_invariants() -> None:
    failures = {str(i): p for i in RANDOM_INPUTS if (p := _violations(evaluate(i)))}
    sample = dict(itertools.islice(failures.items(), 5))
    assert not failures, f"{len(failures)} situations break invariants, e.g. {sample}"


def test_every_rule_of_the_rule_base_is_reached_by_some_situation() -> None:
    used: set[str] = set()
    for guide_input in RANDOM_INPUTS:
        used.update(evaluate(guide_input).used_rule_ids)
    # Fallbacks exist for safety; all other rules must be reachable or they are dead data.
    unreachable = {
        rule.id for rule in get_rulebase().rules if not rule.id.endswith(".fallback")
    } - used
    assert unreachable == set()
