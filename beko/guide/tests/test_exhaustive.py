"""Walk the whole input space and check invariants that must hold for every situation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import random

import pytest

from beko.guide.engine import (
    ANSWER_TOPICS,
    Evaluation,
    GermanLevel,
    GuideInput,
    Leaf,
    Split,
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
ROUTE_STATES = {"possible", "later", "not_possible"}

MONTHS = (None, 0, 4, 7, 12, 20, 40, 84)
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
# Tri-state answers (unknown, no, yes) of the questions each status is asked:
# (reception centre, identity clarified, rejected as manifestly unfounded).
TRI = (None, False, True)
FLAGS_BY_STATUS: dict[str, list[tuple[bool | None, bool | None, bool | None]]] = {
    "gestattung": [(rc, None, mu) for rc in TRI for mu in TRI],
    "duldung": [(rc, ic, None) for rc in TRI for ic in TRI],
}
OFFERS = ((False, False), (True, True))

DULDUNG_KINDS = {
    Status.DULDUNG,
    Status.DULDUNG_UNCLEAR_IDENTITY,
    Status.AUSBILDUNGSDULDUNG,
    Status.BESCHAEFTIGUNGSDULDUNG,
}
TITLES = {
    Status.RECOGNISED,
    Status.SUBSIDIARY,
    Status.DEPORTATION_BAN,
    Status.TEMPORARY_PROTECTION,
    Status.RESIDENCE_25_5,
    Status.RESIDENCE_25A,
    Status.RESIDENCE_25B,
    Status.RESIDENCE_16G,
}
# The flags matter only for asylum seekers and Duldung; for the other statuses two
# combinations (all unknown, all given) keep the walk fast without losing cases.
OTHER_FLAGS: list[tuple[bool | None, bool | None, bool | None]] = [
    (None, None, None),
    (False, True, False),
]


def _extra(status: Status, as_of: dt.date) -> list[dict[str, object]]:
    """The status-specific questions: months with Duldung, date of the first permit."""
    if status in DULDUNG_KINDS:
        return [{"months_with_duldung": value} for value in (None, 2, 8)]
    if status in TITLES:
        return [
            {"first_permit_on": None},
            {"first_permit_on": as_of - dt.timedelta(days=60)},
            {"first_permit_on": as_of - dt.timedelta(days=3 * 365)},
        ]
    return [{}]


def _grid(status: Status) -> list[GuideInput]:
    flags: list[tuple[bool | None, bool | None, bool | None]] = FLAGS_BY_STATUS.get(
        status.value, OTHER_FLAGS
    )
    inputs = []
    for months, country, as_of, flag, offers in itertools.product(
        MONTHS, COUNTRIES, AS_OF, flags, OFFERS
    ):
        for extra in _extra(status, as_of):
            with_duldung = extra.get("months_with_duldung")
            if months is not None and isinstance(with_duldung, int) and with_duldung > months:
                continue
            reception_centre, identity_clarified, manifestly_unfounded = flag
            inputs.append(
                GuideInput(
                    status=status,
                    as_of=as_of,
                    months_in_germany=months,
                    country=country,
                    reception_centre=reception_centre,
                    identity_clarified=identity_clarified,
                    asylum_rejected_manifestly_unfounded=manifestly_unfounded,
                    has_job_offer=offers[0],
                    has_training_offer=offers[1],
                    **extra,  # type: ignore[arg-type]
                )
            )
    return inputs


def _leaves(node: Split) -> list[Leaf]:
    return node.leaves()


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
        if answer.verdict == "unclear" and answer.confidence == "high":
            problems.append(f"{topic}: 'unclear' with high certainty ({answer.rule_ids})")
        for citation in answer.citations:
            if citation.valid_from > given.as_of:
                problems.append(f"{topic}: cites {citation.label} not yet in force")
            if not citation.url.startswith(
                ("https://www.gesetze-im-internet.de/", "https://eur-lex.europa.eu/")
            ):
                problems.append(f"{topic}: citation outside the official statute sites")
        if not (answer.explanation.de and answer.explanation.en):
            problems.append(f"{topic}: explanation missing")
        if answer.tree is not None:
            if not answer.depends_on:
                problems.append(f"{topic}: branches without the questions they depend on")
            leaves = _leaves(answer.tree)
            if len({leaf.rule_ids for leaf in leaves}) < 2:
                problems.append(f"{topic}: a tree whose branches all say the same")
            if len({leaf.verdict for leaf in leaves}) > 1 and answer.verdict != "unclear":
                problems.append(f"{topic}: branches differ but the headline is {answer.verdict}")
            for leaf in leaves:
                if leaf.verdict != "unclear" and not leaf.citations:
                    problems.append(f"{topic}: branch {leaf.verdict} without citation")
        elif answer.depends_on:
            problems.append(f"{topic}: depends on questions but shows no branches")

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
    if (
        status is Status.GESTATTUNG
        and given.reception_centre
        and evaluation.safe_country
        and given.as_of >= dt.date(2019, 8, 21)
        and employment.verdict != "not_allowed"
    ):
        problems.append("safe country nationals in a reception centre may not work (§ 61 Abs. 1)")
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
    if (
        status in (Status.RECOGNISED, Status.SUBSIDIARY)
        and given.first_permit_on is not None
        and given.as_of > given.first_permit_on + dt.timedelta(days=366)
        and answers["integration_course"].verdict == "entitled"
    ):
        problems.append("the integration course claim ends one year after the permit")

    route_ids = [route.id for route in evaluation.routes]
    if len(route_ids) != len(set(route_ids)):
        problems.append(f"duplicate routes {route_ids}")
    if status.value in route_ids:
        problems.append(f"suggests the status the person already has: {status.value}")
    for route in evaluation.routes:
        if route.state not in ROUTE_STATES:
            problems.append(f"route {route.id}: unknown state {route.state}")
        if not route.citations:
            problems.append(f"route {route.id} without citation")
        if route.state != "possible" and (route.reason is None or not route.reason.de):
            problems.append(f"route {route.id} {route.state} without a reason")
    # (§ 16g exists since 1 Mar 2024; earlier reference dates have nothing to say about it.)
    existed = not (status is Status.RESIDENCE_16G and given.as_of < dt.date(2024, 3, 1))
    if status is not Status.UNKNOWN and existed and not evaluation.routes:
        problems.append("no route checked: the page would have nothing to say")
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


def _filled(guide_input: GuideInput, name: str, value: bool) -> GuideInput:
    return dataclasses.replace(guide_input, **{name: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "status", [Status.GESTATTUNG, Status.DULDUNG], ids=["gestattung", "duldung"]
)
def test_branches_say_what_answering_the_question_would_give(status: Status) -> None:
    """For an unknown yes/no question, answering it gives one of the shown branches."""
    failures = []
    # Every third situation of the grid: the property is local, the whole grid adds nothing.
    for guide_input in _grid(status)[::3]:
        evaluation = evaluate(guide_input)
        for name in ("reception_centre", "identity_clarified"):
            if getattr(guide_input, name) is not None:
                continue
            for topic in ANSWER_TOPICS:
                answer = evaluation.answers[topic]
                if name not in answer.depends_on or answer.tree is None:
                    continue
                shown = {leaf.verdict for leaf in answer.tree.leaves()}
                for value in (True, False):
                    filled = evaluate(_filled(guide_input, name, value)).answers[topic]
                    got = (
                        {leaf.verdict for leaf in filled.tree.leaves()}
                        if filled.tree
                        else {filled.verdict}
                    )
                    if not got <= shown:
                        failures.append((str(guide_input), topic, name, value, got, shown))
    assert not failures, failures[:3]


def test_the_same_situation_gets_the_answer_of_its_reference_date() -> None:
    def employment_on(day: dt.date) -> str:
        situation = GuideInput(
            status=Status.GESTATTUNG,
            as_of=day,
            months_in_germany=7,
            country="TR",
            reception_centre=True,
            asylum_rejected_manifestly_unfounded=False,
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
    tri = (None, False, True)
    inputs = []
    for _ in range(count):
        as_of = rng.choice(day_choices)
        months = rng.choice([None, *range(0, 150)])
        with_duldung = rng.choice([None, *range(0, 40)])
        if months is not None and with_duldung is not None:
            with_duldung = min(with_duldung, months)
        inputs.append(
            GuideInput(
                status=rng.choice(list(Status)),
                as_of=as_of,
                months_in_germany=months,
                months_with_duldung=with_duldung,
                first_permit_on=rng.choice([None, as_of - dt.timedelta(days=rng.randint(0, 3000))]),
                country=rng.choice(countries),
                reception_centre=rng.choice(tri),
                identity_clarified=rng.choice(tri),
                asylum_rejected_manifestly_unfounded=rng.choice(tri),
                age=rng.choice([None, *range(0, 100)]),
                has_job_offer=rng.random() < 0.5,
                has_training_offer=rng.random() < 0.5,
                german_level=rng.choice(list(GermanLevel)),
            )
        )
    return inputs


RANDOM_INPUTS = _random_inputs(20_000, seed=5)


@functools.cache
def _random_evaluations() -> tuple[Evaluation, ...]:
    return tuple(evaluate(guide_input) for guide_input in RANDOM_INPUTS)


def test_a_random_sample_of_the_wider_input_space_keeps_the_invariants() -> None:
    failures = {str(e.input): p for e in _random_evaluations() if (p := _violations(e))}
    sample = dict(itertools.islice(failures.items(), 5))
    assert not failures, f"{len(failures)} situations break invariants, e.g. {sample}"


def _anchors() -> list[GuideInput]:
    """A few situations per period of the asylum rules, so rare versions are reached too."""
    found = []
    for as_of in AS_OF:
        for months in (None, 1, 4, 7, 40):
            for reception_centre in (True, False):
                found.append(
                    GuideInput(
                        status=Status.GESTATTUNG,
                        as_of=as_of,
                        months_in_germany=months,
                        country="SY",
                        reception_centre=reception_centre,
                        asylum_rejected_manifestly_unfounded=False,
                    )
                )
    return found


def test_every_rule_of_the_rule_base_is_reached_by_some_situation() -> None:
    used: set[str] = set()
    for evaluation in _random_evaluations():
        used.update(evaluation.used_rule_ids)
    for guide_input in _anchors():
        used.update(evaluate(guide_input).used_rule_ids)
    # Fallbacks exist for safety; all other rules must be reachable or they are dead data.
    unreachable = {
        rule.id for rule in get_rulebase().rules if not rule.id.endswith(".fallback")
    } - used
    assert unreachable == set()
