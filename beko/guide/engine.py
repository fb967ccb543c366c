"""The guide's rule engine: plain data in, plain data out.

``parse_input`` turns untrusted strings (query parameters, form data, CLI options) into a
``GuideInput`` or raises ``InvalidInput`` naming the field. ``evaluate`` runs the rule base
(see ``rulebase.py``) for the input's reference date and returns an ``Evaluation``. No ORM,
no request; ``present.py`` turns an evaluation into texts of one language.

No optimistic defaults: a question the person left open (reception centre, identity,
nationality, dates) is unknown (``None``). When a decision depends on it, the engine does not
assume a value: it evaluates every possible value ("worlds") and reports per answer the
branches as a small decision tree, e.g. "in a reception centre: not allowed; otherwise: only
with a permit". Worlds are split lazily, only where a rule actually needs the fact.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from beko.guide.countries import COUNTRIES
from beko.guide.rulebase import (
    BRANCH_FIELDS,
    DECISION_TOPICS,
    FIELD_TYPES,
    ActiveRule,
    Check,
    Citation,
    Rule,
    Rulebase,
    StatusView,
    get_rulebase,
)
from beko.guide.texts import Text

# Reference dates outside this window are refused: before it the rule base has no data
# (meta.yaml covered_from), after it any answer would be a guess about future law.
EARLIEST_AS_OF = dt.date(2015, 1, 1)
LATEST_AS_OF = dt.date(2099, 12, 31)
MAX_MONTHS = 1200
MAX_AGE = 120
MAX_VALUE_LENGTH = 40
# More unknowns than this many worlds are not explored further; the answers then say
# which questions are missing instead of listing every combination.
MAX_WORLDS = 48


class Status(enum.StrEnum):
    RECOGNISED = "recognised"
    SUBSIDIARY = "subsidiary"
    DEPORTATION_BAN = "deportation_ban"
    TEMPORARY_PROTECTION = "temporary_protection"
    GESTATTUNG = "gestattung"
    DULDUNG = "duldung"
    DULDUNG_UNCLEAR_IDENTITY = "duldung_unclear_identity"
    AUSBILDUNGSDULDUNG = "ausbildungsduldung"
    BESCHAEFTIGUNGSDULDUNG = "beschaeftigungsduldung"
    RESIDENCE_25_5 = "residence_25_5"
    RESIDENCE_25A = "residence_25a"
    RESIDENCE_25B = "residence_25b"
    RESIDENCE_16G = "residence_16g"
    SETTLEMENT = "settlement"
    UNKNOWN = "unknown"


class GermanLevel(enum.StrEnum):
    NONE = "none"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"


# The questions whose answer changes the legal outcome, per status (asked by the form; an
# unanswered one is unknown). Questions about work and German come for every status.
STATUS_QUESTIONS: dict[str, tuple[str, ...]] = {
    Status.GESTATTUNG: (
        "months_in_germany",
        "reception_centre",
        "country",
        "asylum_rejected_manifestly_unfounded",
    ),
    Status.DULDUNG: (
        "months_in_germany",
        "months_with_duldung",
        "reception_centre",
        "country",
        "identity_clarified",
    ),
    Status.DULDUNG_UNCLEAR_IDENTITY: ("months_in_germany", "months_with_duldung", "country"),
    Status.AUSBILDUNGSDULDUNG: ("months_in_germany", "months_with_duldung", "country"),
    Status.BESCHAEFTIGUNGSDULDUNG: ("months_in_germany", "months_with_duldung", "country"),
    Status.TEMPORARY_PROTECTION: ("first_permit_on", "months_in_germany"),
    Status.RESIDENCE_25_5: ("months_in_germany", "first_permit_on"),
    Status.RECOGNISED: ("first_permit_on", "months_in_germany"),
    Status.SUBSIDIARY: ("first_permit_on", "months_in_germany"),
    Status.DEPORTATION_BAN: ("first_permit_on", "months_in_germany"),
    Status.RESIDENCE_25A: ("first_permit_on", "months_in_germany"),
    Status.RESIDENCE_25B: ("first_permit_on", "months_in_germany"),
    Status.RESIDENCE_16G: ("first_permit_on", "months_in_germany"),
    Status.SETTLEMENT: ("months_in_germany",),
}
GENERAL_QUESTIONS: tuple[str, ...] = ("age", "german_level", "has_job_offer", "has_training_offer")


class InvalidInput(ValueError):
    """Input that cannot be evaluated; ``field`` names the offending parameter."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True, slots=True)
class GuideInput:
    status: Status
    as_of: dt.date
    months_in_germany: int | None = None
    arrived_on: dt.date | None = None
    # Months since the (current) Duldung was first issued (§ 61 Abs. 1 AsylG, § 60c, § 60d).
    months_with_duldung: int | None = None
    # Day the first residence permit of this kind was issued; for § 24 the first permit or
    # Fiktionsbescheinigung (§ 44 Abs. 2 AufenthG; Leistungsrechtsanpassungsgesetz).
    first_permit_on: dt.date | None = None
    country: str | None = None
    reception_centre: bool | None = None
    identity_clarified: bool | None = None
    asylum_rejected_manifestly_unfounded: bool | None = None
    age: int | None = None
    has_job_offer: bool = False
    has_training_offer: bool = False
    german_level: GermanLevel = GermanLevel.NONE

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, enum.Enum):
                value = value.value
            result[f.name] = value
        return result

    def to_query(self) -> dict[str, str]:
        """Parameters that reproduce this input; defaults are left out to keep URLs short."""
        query: dict[str, str] = {}
        defaults = GuideInput(status=self.status, as_of=self.as_of)
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name not in ("status", "as_of") and value == getattr(defaults, f.name):
                continue
            # months are derived when arrived_on was given; one of the two is enough.
            if f.name == "months_in_germany" and self.arrived_on is not None:
                continue
            if isinstance(value, bool):
                query[f.name] = "true" if value else "false"
            elif isinstance(value, dt.date):
                query[f.name] = value.isoformat()
            else:
                query[f.name] = str(value)
        return query


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(GuideInput))

_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})
# An explicit "I do not know" is the same as not answering.
_UNKNOWN = frozenset({"unknown"})


def _text(name: str, raw: object) -> str:
    if isinstance(raw, bool | int | dt.date):
        return str(raw).lower() if isinstance(raw, bool) else str(raw)
    if not isinstance(raw, str):
        raise InvalidInput(name, "must be a single value")
    value = raw.strip()
    if len(value) > MAX_VALUE_LENGTH:
        raise InvalidInput(name, f"is too long (at most {MAX_VALUE_LENGTH} characters)")
    return value


def _parse_bool(name: str, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    value = _text(name, raw).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidInput(name, "must be true or false")


def _parse_int(name: str, raw: object, *, maximum: int) -> int:
    if isinstance(raw, bool):
        raise InvalidInput(name, "must be a whole number")
    if isinstance(raw, int):
        value = raw
    else:
        text = _text(name, raw)
        # isdecimal() accepts other scripts' digits (e.g. Arabic-Indic); only ASCII is allowed.
        if not (text.isascii() and text.isdigit()):
            raise InvalidInput(name, "must be a whole number (0 or more)")
        value = int(text)
    if not 0 <= value <= maximum:
        raise InvalidInput(name, f"must be between 0 and {maximum}")
    return value


def _parse_date(name: str, raw: object) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    text = _text(name, raw)
    if not (len(text) == 10 and text.isascii()):
        raise InvalidInput(name, "must be a date like 2025-06-01")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(name, "must be a date like 2025-06-01") from exc


def _parse_choice(name: str, raw: object, choices: type[enum.StrEnum]) -> Any:
    text = _text(name, raw)
    for choice in choices:
        if text == choice.value or (choices is GermanLevel and text.upper() == choice.value):
            return choice
    allowed = ", ".join(c.value for c in choices)
    raise InvalidInput(name, f"must be one of: {allowed}")


def whole_months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def months_before(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    # Clamp the day (31 March minus one month is 28/29 February).
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February (§ 188 Abs. 3 BGB)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def first_permit_within_year(first_permit_on: dt.date, as_of: dt.date) -> bool:
    """§ 44 Abs. 2 AufenthG: the claim "erlischt ein Jahr nach Erteilung".

    Computed as a period after an event (§ 187 Abs. 1, § 188 Abs. 2 BGB): a permit issued on
    1 June 2024 keeps the claim up to and including 1 June 2025.
    """
    return as_of <= add_years(first_permit_on, 1)


def parse_input(
    data: Mapping[str, object], *, today: dt.date | None = None, strict: bool = True
) -> GuideInput:
    """Validate untrusted values into a ``GuideInput``.

    With ``strict`` unknown parameter names are an error (the API); the HTML form passes
    ``strict=False`` because its URLs carry extra parameters such as the language.
    """
    if strict:
        unknown = sorted(set(data) - set(FIELD_NAMES))
        if unknown:
            raise InvalidInput(unknown[0][:MAX_VALUE_LENGTH], "is not a known parameter")

    def given(name: str) -> bool:
        value = data.get(name)
        return value is not None and not (isinstance(value, str) and value.strip() == "")

    if not given("status"):
        raise InvalidInput("status", "is required")
    status = _parse_choice("status", data["status"], Status)

    as_of = _parse_date("as_of", data["as_of"]) if given("as_of") else (today or dt.date.today())  # noqa: DTZ011 - legal dates are calendar days in Germany, local date is intended
    if not EARLIEST_AS_OF <= as_of <= LATEST_AS_OF:
        raise InvalidInput(
            "as_of", f"must be between {EARLIEST_AS_OF.isoformat()} and {LATEST_AS_OF.isoformat()}"
        )

    months: int | None = None
    arrived_on: dt.date | None = None
    if given("arrived_on"):
        if given("months_in_germany"):
            raise InvalidInput("arrived_on", "give either arrived_on or months_in_germany")
        arrived_on = _parse_date("arrived_on", data["arrived_on"])
        if arrived_on > as_of:
            raise InvalidInput("arrived_on", "must not be after as_of")
        if arrived_on < dt.date(1900, 1, 1):
            raise InvalidInput("arrived_on", "is too early")
        months = whole_months_between(arrived_on, as_of)
    elif given("months_in_germany"):
        months = _parse_int("months_in_germany", data["months_in_germany"], maximum=MAX_MONTHS)

    months_with_duldung: int | None = None
    if given("months_with_duldung"):
        months_with_duldung = _parse_int(
            "months_with_duldung", data["months_with_duldung"], maximum=MAX_MONTHS
        )
        if months is not None and months_with_duldung > months:
            raise InvalidInput("months_with_duldung", "must not be more than the months in Germany")

    first_permit_on: dt.date | None = None
    if given("first_permit_on"):
        first_permit_on = _parse_date("first_permit_on", data["first_permit_on"])
        if first_permit_on > as_of:
            raise InvalidInput("first_permit_on", "must not be after as_of")
        if first_permit_on < dt.date(1950, 1, 1):
            raise InvalidInput("first_permit_on", "is too early")

    country: str | None = None
    if given("country"):
        country = _text("country", data["country"]).upper()
        if country == "UNKNOWN":
            country = None
        elif country not in COUNTRIES:
            raise InvalidInput("country", "must be an ISO 3166-1 alpha-2 code such as SY")

    def tri_state(name: str) -> bool | None:
        if not given(name):
            return None
        raw = data[name]
        if isinstance(raw, str) and raw.strip().lower() in _UNKNOWN:
            return None
        return _parse_bool(name, raw)

    def flag(name: str) -> bool:
        return _parse_bool(name, data[name]) if given(name) else False

    return GuideInput(
        status=status,
        as_of=as_of,
        months_in_germany=months,
        arrived_on=arrived_on,
        months_with_duldung=months_with_duldung,
        first_permit_on=first_permit_on,
        country=country,
        reception_centre=tri_state("reception_centre"),
        identity_clarified=tri_state("identity_clarified"),
        asylum_rejected_manifestly_unfounded=tri_state("asylum_rejected_manifestly_unfounded"),
        age=_parse_int("age", data["age"], maximum=MAX_AGE) if given("age") else None,
        has_job_offer=flag("has_job_offer"),
        has_training_offer=flag("has_training_offer"),
        german_level=(
            _parse_choice("german_level", data["german_level"], GermanLevel)
            if given("german_level")
            else GermanLevel.NONE
        ),
    )


# An answer is only as reliable as the least reliable rule behind it.
CONFIDENCE_ORDER = ("low", "medium", "high")


def _least(levels: Sequence[str]) -> str:
    return min(levels, key=CONFIDENCE_ORDER.index) if levels else "low"


@dataclass(frozen=True, slots=True)
class Scenario:
    """One possible value (or range of values) of a fact the person did not give.

    Booleans use ``value``; numbers and dates use the inclusive range ``low``–``high``
    (``None`` = open end).
    """

    field: str
    value: Any = None
    low: Any = None
    high: Any = None

    @property
    def is_range(self) -> bool:
        return self.value is None

    def key(self) -> tuple[Any, ...]:
        return (self.field, self.value, self.low, self.high)


@dataclass(frozen=True, slots=True)
class Leaf:
    """What one branch of a dependent answer says (the rule that decides there)."""

    verdict: str
    explanation: Text
    citations: tuple[Citation, ...]
    rule_ids: tuple[str, ...]
    confidence: str
    ba_consent: str | None = None
    office: str | None = None


@dataclass(frozen=True, slots=True)
class Branch:
    scenario: Scenario
    outcome: Leaf | Split


@dataclass(frozen=True, slots=True)
class Split:
    field: str
    branches: tuple[Branch, ...]

    def leaves(self) -> list[Leaf]:
        found: list[Leaf] = []
        for branch in self.branches:
            if isinstance(branch.outcome, Leaf):
                found.append(branch.outcome)
            else:
                found.extend(branch.outcome.leaves())
        return found

    def fields(self) -> list[str]:
        names = [self.field]
        for branch in self.branches:
            if isinstance(branch.outcome, Split):
                names.extend(n for n in branch.outcome.fields() if n not in names)
        return names


@dataclass(frozen=True, slots=True)
class Answer:
    topic: str
    verdict: str
    explanation: Text
    citations: tuple[Citation, ...]
    rule_ids: tuple[str, ...]
    confidence: str
    # The first day of the rule version that decided (shown as "Regel gilt ab").
    rule_valid_from: dt.date
    ba_consent: str | None = None
    office: str | None = None
    office_name: Text | None = None
    # Questions the answer depends on that the person left open, and what follows from
    # each possible answer. Empty when the answer does not depend on anything unknown.
    depends_on: tuple[str, ...] = ()
    tree: Split | None = None


@dataclass(frozen=True, slots=True)
class Route:
    """A route to a more secure stay, checked for this situation.

    ``state``: ``possible`` (all known conditions hold; ``open`` lists the ones we could not
    check), ``later`` (a waiting period is not over yet), ``not_possible`` (a condition
    fails; ``reason`` says which in one sentence).
    """

    id: str
    title: Text
    explanation: Text
    requirements: tuple[Text, ...]
    citations: tuple[Citation, ...]
    rule_id: str
    confidence: str
    state: str
    reason: Text | None = None
    open_checks: int = 0


@dataclass(frozen=True, slots=True)
class NextStep:
    id: str
    text: Text
    offer_tags: tuple[str, ...]
    citations: tuple[Citation, ...]
    rule_id: str


@dataclass(frozen=True, slots=True)
class EmployerItem:
    id: str
    section: str
    text: Text
    citations: tuple[Citation, ...]
    rule_id: str


ANSWER_TOPICS: tuple[str, ...] = tuple(t for t in DECISION_TOPICS if t != "employment_ba_consent")


@dataclass(frozen=True, slots=True)
class Evaluation:
    input: GuideInput
    rulebase_version: str
    answers: Mapping[str, Answer]
    routes: tuple[Route, ...]
    next_steps: tuple[NextStep, ...]
    employer: tuple[EmployerItem, ...]
    disclaimer: Text
    safe_country: bool | None
    safe_country_ban: bool | None
    used_rule_ids: tuple[str, ...] = field(default=())

    @property
    def as_of(self) -> dt.date:
        return self.input.as_of

    @property
    def missing(self) -> tuple[str, ...]:
        """Every open question some answer depends on, in the form's order."""
        names = {name for answer in self.answers.values() for name in answer.depends_on}
        return tuple(name for name in BRANCH_FIELDS if name in names)

    @property
    def status_unknown(self) -> bool:
        return self.input.status is Status.UNKNOWN


# -- facts ------------------------------------------------------------------------------


def _facts(guide_input: GuideInput, rulebase: Rulebase) -> dict[str, Any]:
    arrived_on = guide_input.arrived_on
    if arrived_on is None and guide_input.months_in_germany is not None:
        arrived_on = months_before(guide_input.as_of, guide_input.months_in_germany)
    safe: bool | None = None
    ban: bool | None = None
    if guide_input.country:
        entry = rulebase.safe_country_on(guide_input.country, guide_input.as_of)
        safe = entry is not None
        if entry is None:
            ban = False
        elif arrived_on is not None:
            ban = arrived_on >= entry.work_ban_if_arrived_from
    within_year = (
        first_permit_within_year(guide_input.first_permit_on, guide_input.as_of)
        if guide_input.first_permit_on is not None
        else None
    )
    return {
        "status": guide_input.status.value,
        "months_in_germany": guide_input.months_in_germany,
        "months_with_duldung": guide_input.months_with_duldung,
        "arrived_on": arrived_on,
        "first_permit_on": guide_input.first_permit_on,
        "first_permit_within_year": within_year,
        "months_since_first_permit": (
            whole_months_between(guide_input.first_permit_on, guide_input.as_of)
            if guide_input.first_permit_on is not None
            else None
        ),
        "country": guide_input.country,
        "reception_centre": guide_input.reception_centre,
        "identity_clarified": guide_input.identity_clarified,
        "asylum_rejected_manifestly_unfounded": guide_input.asylum_rejected_manifestly_unfounded,
        "age": guide_input.age,
        "has_job_offer": guide_input.has_job_offer,
        "has_training_offer": guide_input.has_training_offer,
        # "none" in the form means "none or unknown": route checks treat it as not known.
        "german_level": (
            None if guide_input.german_level is GermanLevel.NONE else guide_input.german_level.value
        ),
        "as_of": guide_input.as_of,
        "safe_country": safe,
        "safe_country_ban": ban,
        "missing_information": False,
    }


# General cut-off for the safe-country work bans when the nationality is unknown.
_GENERAL_SAFE_COUNTRY_CUTOFF = dt.date(2015, 9, 1)
_BOOLEAN_FIELDS = frozenset(
    {
        "reception_centre",
        "identity_clarified",
        "asylum_rejected_manifestly_unfounded",
        "safe_country",
        "safe_country_ban",
    }
)


def _within_year_boundary(as_of: dt.date) -> dt.date:
    """The earliest first-permit day that still has the § 44 Abs. 2 claim on ``as_of``."""
    day = add_years(as_of, -1)
    while first_permit_within_year(day - dt.timedelta(days=1), as_of):
        day -= dt.timedelta(days=1)
    while not first_permit_within_year(day, as_of):
        day += dt.timedelta(days=1)
    return day


def _ranges(points: Sequence[Any], *, start: Any, end: Any) -> list[tuple[Any, Any]]:
    """Inclusive ranges between split points; ``start``/``end`` bound them (None = open)."""
    step = dt.timedelta(days=1) if isinstance(end or start, dt.date) else 1
    cuts = sorted({p for p in points if (start is None or p > start) and (end is None or p <= end)})
    ranges: list[tuple[Any, Any]] = []
    low = start
    for cut in cuts:
        ranges.append((low, cut - step))
        low = cut
    ranges.append((low, end))
    return ranges


def _scenarios(
    name: str, facts: Mapping[str, Any], view: StatusView
) -> list[tuple[Scenario, dict[str, Any]]]:
    """The possible values of an unknown fact, each with the facts it sets (cached)."""
    key = (name, facts["as_of"], facts.get("arrived_on"))
    found: list[tuple[Scenario, dict[str, Any]]] | None = view.scenario_cache.get(key)
    if found is None:
        found = view.scenario_cache[key] = _compute_scenarios(name, facts, view)
    return found


def _compute_scenarios(
    name: str, facts: Mapping[str, Any], view: StatusView
) -> list[tuple[Scenario, dict[str, Any]]]:
    as_of: dt.date = facts["as_of"]
    if name in _BOOLEAN_FIELDS:
        result = []
        for value in (True, False):
            overrides: dict[str, Any] = {name: value}
            if name == "safe_country":
                arrived = facts.get("arrived_on")
                overrides["safe_country_ban"] = (
                    (arrived >= _GENERAL_SAFE_COUNTRY_CUTOFF if arrived is not None else None)
                    if value
                    else False
                )
            result.append((Scenario(name, value=value), overrides))
        return result
    points = view.split_points.get(name, ())
    if name == "first_permit_on":
        points = (*points, _within_year_boundary(as_of))
        result = []
        for low, high in _ranges(points, start=None, end=as_of):
            representative = high if high is not None else low
            result.append(
                (
                    Scenario(name, low=low, high=None if high == as_of else high),
                    {
                        name: representative,
                        "first_permit_within_year": first_permit_within_year(representative, as_of),
                    },
                )
            )
        return result
    # Whole months: from 0 upwards, split where some decision rule compares.
    return [
        (Scenario(name, low=low, high=high), {name: low})
        for low, high in _ranges(points, start=0, end=None)
    ]


def _unknown_fields(rule: Rule, facts: Mapping[str, Any]) -> list[str]:
    unknown = []
    for name in rule.branch_fields:
        if facts.get(name) is not None:
            continue
        # Whether the ban applies can only be asked once the country is known to be safe.
        if name == "safe_country_ban" and facts.get("safe_country") is None:
            name = "safe_country"
        if facts.get(name) is None and name not in unknown:
            unknown.append(name)
    return unknown


@dataclass(slots=True)
class _NeedsSplit:
    field: str


def _match(
    candidates: Sequence[ActiveRule], facts: dict[str, Any], view: StatusView, *, explore: bool
) -> ActiveRule | _NeedsSplit:
    for candidate in candidates:
        rule = candidate.rule
        unknown = _unknown_fields(rule, facts) if explore else []
        if not unknown:
            if rule.matches(facts):
                return candidate
            continue
        outcomes: set[bool | None] = set()
        options = [_scenarios(name, facts, view) for name in unknown]
        for combination in itertools.product(*options):
            trial = dict(facts)
            for _scenario, overrides in combination:
                trial.update(overrides)
            # A scenario can leave another fact open (a safe country with an unknown date of
            # application leaves open whether the ban applies): then the outcome is open too.
            outcomes.add(None if _unknown_fields(rule, trial) else rule.matches(trial))
            if len(outcomes) > 1:
                break
        if outcomes == {False}:
            continue
        if outcomes == {True}:
            return candidate
        return _NeedsSplit(unknown[0])
    # Unreachable with a loaded rule base: the loader insists on an unconditional fallback.
    raise LookupError("no rule matched")


@dataclass(slots=True)
class _World:
    assignment: dict[str, Scenario]
    facts: dict[str, Any]
    decided: dict[str, ActiveRule]


def _explore(view: StatusView, base: dict[str, Any]) -> list[_World]:
    """Decide every topic; split into worlds wherever a rule needs an unknown fact."""
    done: list[_World] = []
    pending = [(_World({}, base, {}), 0)]
    while pending:
        world, start = pending.pop()
        for index in range(start, len(DECISION_TOPICS)):
            topic = DECISION_TOPICS[index]
            explore = len(done) + len(pending) < MAX_WORLDS
            chosen = _match(view.topics[topic], world.facts, view, explore=explore)
            if isinstance(chosen, _NeedsSplit):
                for scenario, overrides in reversed(_scenarios(chosen.field, world.facts, view)):
                    facts = dict(world.facts)
                    facts.update(overrides)
                    pending.append(
                        (
                            _World(
                                {**world.assignment, chosen.field: scenario},
                                facts,
                                dict(world.decided),
                            ),
                            index,
                        )
                    )
                break
            world.decided[topic] = chosen
            world.facts[f"answers.{topic}"] = chosen.rule.outcome["verdict"]
        else:
            done.append(world)
    return done


# -- answers ----------------------------------------------------------------------------


def _merge_citations(*groups: tuple[Citation, ...]) -> tuple[Citation, ...]:
    seen: dict[tuple[str, str], Citation] = {}
    for group in groups:
        for citation in group:
            seen.setdefault((citation.law, citation.section), citation)
    return tuple(seen.values())


def _leaf(topic: str, decided: Mapping[str, ActiveRule]) -> Leaf:
    chosen = decided[topic]
    rule = chosen.rule
    if topic == "employment":
        ba = decided["employment_ba_consent"]
        return Leaf(
            verdict=rule.outcome["verdict"],
            ba_consent=ba.rule.outcome["verdict"],
            explanation=_join(rule.explanation, ba.rule.explanation),
            citations=_merge_citations(chosen.citations, ba.citations),
            rule_ids=(rule.id, ba.rule.id),
            confidence=_least([rule.confidence, ba.rule.confidence]),
        )
    return Leaf(
        verdict=rule.outcome["verdict"],
        office=rule.outcome.get("office"),
        explanation=rule.explanation,
        citations=chosen.citations,
        rule_ids=(rule.id,),
        confidence=rule.confidence,
    )


def _join(first: Text, second: Text) -> Text:
    """Two explanations as one text per language (German fills gaps on either side)."""
    languages = dict.fromkeys([*first.languages, *second.languages])
    return Text.of({lang: f"{first.get(lang)} {second.get(lang)}" for lang in languages})


def _tree(items: list[tuple[dict[str, Scenario], Leaf]], order: Sequence[str]) -> Leaf | Split:
    """A decision tree over the scenarios, merging branches that say the same."""
    return _build(items, tuple(order))[0]


def _build(
    items: list[tuple[dict[str, Scenario], Leaf]], order: tuple[str, ...]
) -> tuple[Leaf | Split, Any]:
    """(node, signature): the signature compares subtrees without walking them again."""
    first = items[0][1]
    if all(leaf.rule_ids == first.rule_ids for _a, leaf in items):
        return first, first.rule_ids
    name = next(n for n in order if all(n in assignment for assignment, _l in items))
    groups: dict[tuple[Any, ...], tuple[Scenario, list[tuple[dict[str, Scenario], Leaf]]]] = {}
    for assignment, leaf in items:
        scenario = assignment[name]
        groups.setdefault(scenario.key(), (scenario, []))[1].append((assignment, leaf))
    rest = tuple(n for n in order if n != name)
    ordered = sorted(groups.values(), key=lambda group: _scenario_sort_key(group[0]))
    children: list[tuple[Scenario, Leaf | Split, Any]] = []
    for scenario, members in ordered:
        subtree, signature = _build(members, rest)
        if children:
            previous_scenario, _previous, previous_signature = children[-1]
            if (
                scenario.is_range
                and previous_scenario.high is not None
                and previous_signature == signature
            ):
                merged = Scenario(name, low=previous_scenario.low, high=scenario.high)
                children[-1] = (merged, subtree, signature)
                continue
        children.append((scenario, subtree, signature))
    if len({signature for _s, _n, signature in children}) == 1:
        return children[0][1], children[0][2]
    node = Split(name, tuple(Branch(scenario, subtree) for scenario, subtree, _sig in children))
    signature = (name, tuple((s.key(), sig) for s, _n, sig in children))
    return node, signature


def _scenario_sort_key(scenario: Scenario) -> tuple[int, Any]:
    if not scenario.is_range:
        return (0, not scenario.value)  # "yes" before "no"
    low = scenario.low
    if low is None:
        return (1, dt.date.min)
    return (1, low)


def _answer(topic: str, worlds: list[_World], rulebase: Rulebase) -> Answer:
    cache: dict[tuple[str, ...], Leaf] = {}
    leaves = []
    for world in worlds:
        key = (world.decided[topic].rule.id, world.decided["employment_ba_consent"].rule.id)
        leaf = cache.get(key)
        if leaf is None:
            leaf = cache[key] = _leaf(topic, world.decided)
        leaves.append((world.assignment, leaf))
    node = _tree(leaves, BRANCH_FIELDS)
    head = worlds[0].decided[topic].rule
    if isinstance(node, Leaf):
        return Answer(
            topic=topic,
            verdict=node.verdict,
            explanation=node.explanation,
            citations=node.citations,
            rule_ids=node.rule_ids,
            confidence=node.confidence,
            rule_valid_from=head.valid_from,
            ba_consent=node.ba_consent,
            office=node.office,
            office_name=rulebase.offices.get(node.office) if node.office else None,
        )
    all_leaves = node.leaves()
    verdicts = {leaf.verdict for leaf in all_leaves}
    verdict = verdicts.pop() if len(verdicts) == 1 else "unclear"
    consents = {leaf.ba_consent for leaf in all_leaves}
    offices = {leaf.office for leaf in all_leaves}
    office = offices.pop() if len(offices) == 1 else ("unclear" if topic == "benefits" else None)
    return Answer(
        topic=topic,
        verdict=verdict,
        explanation=rulebase.text("depends"),
        citations=_merge_citations(*(leaf.citations for leaf in all_leaves)),
        rule_ids=tuple(dict.fromkeys(rid for leaf in all_leaves for rid in leaf.rule_ids)),
        confidence=(
            "low" if verdict == "unclear" else _least([leaf.confidence for leaf in all_leaves])
        ),
        # The newest of the rule versions behind the branches.
        rule_valid_from=max(world.decided[topic].rule.valid_from for world in worlds),
        ba_consent=(consents.pop() if len(consents) == 1 else "unclear")
        if topic == "employment"
        else None,
        office=office,
        office_name=rulebase.offices.get(office) if office else None,
        depends_on=tuple(node.fields()),
        tree=node,
    )


def _candidates(name: str, check: Check) -> tuple[Any, ...] | None:
    """Values an unknown fact could take, enough to decide whether ``check`` can hold."""
    kind = FIELD_TYPES.get(name)
    if kind is bool:
        return (True, False)
    if name == "german_level":
        return tuple(level.value for level in GermanLevel if level is not GermanLevel.NONE)
    points = tuple(check.thresholds.get(name, ()))
    if kind is int:
        return (0, 10**6, *points)
    if kind is dt.date:
        return (dt.date.min, dt.date.max, *points)
    return None


def _check_state(check: Check, facts: Mapping[str, Any]) -> str:
    """ "pass", "fail", or "open" when facts it needs are unknown and could still make it hold."""
    if check.matches(facts):
        return "pass"
    unknown = [n for n in check.fields if not n.startswith("answers.") and facts.get(n) is None]
    if not unknown:
        return "fail"
    options = [_candidates(name, check) for name in unknown]
    if any(option is None for option in options):
        return "open"
    for combination in itertools.product(*options):  # type: ignore[arg-type]  # None ruled out just above
        trial = dict(facts)
        trial.update(zip(unknown, combination, strict=True))
        if check.matches(trial):
            return "open"
    return "fail"


def _route_state(rule: Rule, facts: Mapping[str, Any]) -> tuple[str, Text | None, int]:
    failed_now: Text | None = None
    failed_later: Text | None = None
    open_checks = 0
    for check in rule.checks:
        state = _check_state(check, facts)
        if state == "pass":
            continue
        if state == "open":
            open_checks += 1
        elif check.later:
            failed_later = failed_later or check.why_not
        else:
            failed_now = failed_now or check.why_not
    if failed_now is not None:
        return "not_possible", failed_now, open_checks
    if failed_later is not None:
        return "later", failed_later, open_checks
    return "possible", None, open_checks


_ROUTE_ORDER = {"possible": 0, "later": 1, "not_possible": 2}


def evaluate(guide_input: GuideInput, rulebase: Rulebase | None = None) -> Evaluation:
    """Answer every topic for ``guide_input`` on its ``as_of`` date."""
    rulebase = rulebase or get_rulebase()
    view = rulebase.day(guide_input.as_of).for_status(guide_input.status.value)
    base = _facts(guide_input, rulebase)
    worlds = _explore(view, base)

    answers = {topic: _answer(topic, worlds, rulebase) for topic in ANSWER_TOPICS}
    # Routes, next steps and employer items see the headline answers and the given facts.
    facts = dict(base)
    for topic in DECISION_TOPICS:
        if topic == "employment_ba_consent":
            facts[f"answers.{topic}"] = answers["employment"].ba_consent
        else:
            facts[f"answers.{topic}"] = answers[topic].verdict
    facts["missing_information"] = any(answer.depends_on for answer in answers.values())

    routes: list[Route] = []
    seen_routes: set[str] = set()
    for candidate in view.topics.get("routes", ()):
        rule = candidate.rule
        route_id = rule.outcome["route"]
        if route_id in seen_routes or not rule.matches(facts):
            continue
        seen_routes.add(route_id)
        state, reason, open_checks = _route_state(rule, facts)
        routes.append(
            Route(
                id=route_id,
                title=Text.of(rule.outcome["title"]),
                explanation=rule.explanation,
                requirements=tuple(Text.of(r) for r in rule.outcome.get("requirements", ())),
                citations=candidate.citations,
                rule_id=rule.id,
                confidence=rule.confidence,
                state=state,
                reason=reason,
                open_checks=open_checks,
            )
        )
    routes.sort(key=lambda route: _ROUTE_ORDER[route.state])

    steps: list[NextStep] = []
    seen_steps: set[str] = set()
    for candidate in view.topics.get("next_steps", ()):
        rule = candidate.rule
        step_id = rule.outcome["step"]
        if step_id in seen_steps or not rule.matches(facts):
            continue
        seen_steps.add(step_id)
        steps.append(
            NextStep(
                id=step_id,
                text=rule.explanation,
                offer_tags=tuple(rule.outcome.get("offer_tags", ())),
                citations=candidate.citations,
                rule_id=rule.id,
            )
        )

    employer: list[EmployerItem] = []
    seen_items: set[str] = set()
    for candidate in view.topics.get("employer", ()):
        rule = candidate.rule
        item_id = rule.outcome["item"]
        if item_id in seen_items or not rule.matches(facts):
            continue
        seen_items.add(item_id)
        employer.append(
            EmployerItem(
                id=item_id,
                section=rule.outcome["section"],
                text=rule.explanation,
                citations=candidate.citations,
                rule_id=rule.id,
            )
        )

    used = tuple(
        dict.fromkeys(
            [rid for answer in answers.values() for rid in answer.rule_ids]
            + [route.rule_id for route in routes]
            + [step.rule_id for step in steps]
            + [item.rule_id for item in employer]
        )
    )
    return Evaluation(
        input=guide_input,
        rulebase_version=rulebase.full_version,
        answers=answers,
        routes=tuple(routes),
        next_steps=tuple(steps),
        employer=tuple(employer),
        disclaimer=rulebase.disclaimer,
        safe_country=base["safe_country"],
        safe_country_ban=base["safe_country_ban"],
        used_rule_ids=used,
    )
