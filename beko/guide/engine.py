"""The guide's rule engine: plain data in, plain data out.

``parse_input`` turns untrusted strings (query parameters, form data, CLI options) into a
``GuideInput`` or raises ``InvalidInput`` naming the field. ``evaluate`` runs the rule base
(see ``rulebase.py``) for the input's reference date and returns an ``Evaluation`` whose
``to_dict()`` is the JSON shape of ``GET /api/v1/guide/evaluate``. No ORM, no request.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from beko.guide.countries import COUNTRIES
from beko.guide.rulebase import (
    DECISION_TOPICS,
    ActiveRule,
    Citation,
    Rulebase,
    Text,
    get_rulebase,
)

# Reference dates outside this window are refused: before it the rule base has no data
# (meta.yaml covered_from), after it any answer would be a guess about future law.
EARLIEST_AS_OF = dt.date(2015, 1, 1)
LATEST_AS_OF = dt.date(2099, 12, 31)
MAX_MONTHS = 1200
MAX_AGE = 120
MAX_VALUE_LENGTH = 40


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
    country: str | None = None
    reception_centre: bool = False
    identity_clarified: bool = True
    asylum_rejected_manifestly_unfounded: bool = False
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

    country: str | None = None
    if given("country"):
        country = _text("country", data["country"]).upper()
        if country not in COUNTRIES:
            raise InvalidInput("country", "must be an ISO 3166-1 alpha-2 code such as SY")

    def flag(name: str, default: bool) -> bool:
        return _parse_bool(name, data[name]) if given(name) else default

    return GuideInput(
        status=status,
        as_of=as_of,
        months_in_germany=months,
        arrived_on=arrived_on,
        country=country,
        reception_centre=flag("reception_centre", False),
        identity_clarified=flag("identity_clarified", True),
        asylum_rejected_manifestly_unfounded=flag("asylum_rejected_manifestly_unfounded", False),
        age=_parse_int("age", data["age"], maximum=MAX_AGE) if given("age") else None,
        has_job_offer=flag("has_job_offer", False),
        has_training_offer=flag("has_training_offer", False),
        german_level=(
            _parse_choice("german_level", data["german_level"], GermanLevel)
            if given("german_level")
            else GermanLevel.NONE
        ),
    )


# An employment answer is only as reliable as the less reliable of its two rules.
_CONFIDENCE_ORDER = ("low", "medium", "high")


@dataclass(frozen=True, slots=True)
class Answer:
    topic: str
    verdict: str
    explanation: Text
    citations: tuple[Citation, ...]
    rule_ids: tuple[str, ...]
    confidence: str
    ba_consent: str | None = None
    office: str | None = None
    office_name: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"verdict": self.verdict}
        if self.ba_consent is not None:
            result["ba_consent"] = self.ba_consent
        if self.office is not None:
            result["office"] = self.office
            if self.office_name is not None:
                result["office_name"] = self.office_name.to_dict()
        result.update(
            explanation=self.explanation.to_dict(),
            citations=[c.to_dict() for c in self.citations],
            confidence=self.confidence,
            rules=list(self.rule_ids),
        )
        return result


@dataclass(frozen=True, slots=True)
class Route:
    id: str
    title: Text
    explanation: Text
    requirements: tuple[Text, ...]
    citations: tuple[Citation, ...]
    rule_id: str
    confidence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title.to_dict(),
            "explanation": self.explanation.to_dict(),
            "requirements": [r.to_dict() for r in self.requirements],
            "citations": [c.to_dict() for c in self.citations],
            "confidence": self.confidence,
            "rule": self.rule_id,
        }


@dataclass(frozen=True, slots=True)
class NextStep:
    id: str
    text: Text
    offer_tags: tuple[str, ...]
    citations: tuple[Citation, ...]
    rule_id: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text.to_dict(),
            "offer_tags": list(self.offer_tags),
            "citations": [c.to_dict() for c in self.citations],
            "rule": self.rule_id,
        }


ANSWER_TOPICS: tuple[str, ...] = tuple(t for t in DECISION_TOPICS if t != "employment_ba_consent")


@dataclass(frozen=True, slots=True)
class Evaluation:
    input: GuideInput
    rulebase_version: str
    answers: Mapping[str, Answer]
    routes: tuple[Route, ...]
    next_steps: tuple[NextStep, ...]
    disclaimer: Text
    safe_country: bool
    safe_country_ban: bool
    used_rule_ids: tuple[str, ...] = field(default=())

    @property
    def as_of(self) -> dt.date:
        return self.input.as_of

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "rulebase_version": self.rulebase_version,
            "input": self.input.to_dict(),
            "derived": {
                "safe_country_of_origin": self.safe_country,
                "safe_country_work_ban": self.safe_country_ban,
            },
            "answers": {topic: self.answers[topic].to_dict() for topic in ANSWER_TOPICS},
            "routes": [route.to_dict() for route in self.routes],
            "next_steps": [step.to_dict() for step in self.next_steps],
            "local_offers": [],
            "disclaimer": self.disclaimer.to_dict(),
        }


def _facts(guide_input: GuideInput, rulebase: Rulebase) -> dict[str, Any]:
    arrived_on = guide_input.arrived_on
    if arrived_on is None and guide_input.months_in_germany is not None:
        arrived_on = months_before(guide_input.as_of, guide_input.months_in_germany)
    safe = (
        rulebase.safe_country_on(guide_input.country, guide_input.as_of)
        if guide_input.country
        else None
    )
    # Unknown arrival: assume the later application, i.e. that the ban applies; the
    # explanation says it depends on the application date.
    ban = safe is not None and (arrived_on is None or arrived_on >= safe.work_ban_if_arrived_from)
    return {
        "status": guide_input.status.value,
        "months_in_germany": guide_input.months_in_germany,
        "arrived_on": arrived_on,
        "country": guide_input.country,
        "reception_centre": guide_input.reception_centre,
        "identity_clarified": guide_input.identity_clarified,
        "asylum_rejected_manifestly_unfounded": guide_input.asylum_rejected_manifestly_unfounded,
        "age": guide_input.age,
        "has_job_offer": guide_input.has_job_offer,
        "has_training_offer": guide_input.has_training_offer,
        "german_level": guide_input.german_level.value,
        "as_of": guide_input.as_of,
        "safe_country": safe is not None,
        "safe_country_ban": ban,
    }


def _first_match(active: tuple[ActiveRule, ...], facts: Mapping[str, Any]) -> ActiveRule:
    for candidate in active:
        if candidate.rule.matches(facts):
            return candidate
    # Unreachable with a loaded rule base: the loader insists on an unconditional fallback.
    raise LookupError("no rule matched")


def _merge_citations(*groups: tuple[Citation, ...]) -> tuple[Citation, ...]:
    seen: dict[tuple[str, str], Citation] = {}
    for group in groups:
        for citation in group:
            seen.setdefault((citation.law, citation.section), citation)
    return tuple(seen.values())


def evaluate(guide_input: GuideInput, rulebase: Rulebase | None = None) -> Evaluation:
    """Answer every topic for ``guide_input`` on its ``as_of`` date."""
    rulebase = rulebase or get_rulebase()
    active = rulebase.active_on(guide_input.as_of)
    facts = _facts(guide_input, rulebase)
    decided: dict[str, ActiveRule] = {}
    for topic in DECISION_TOPICS:
        chosen = _first_match(active[topic], facts)
        decided[topic] = chosen
        facts[f"answers.{topic}"] = chosen.rule.outcome["verdict"]

    answers: dict[str, Answer] = {}
    for topic in ANSWER_TOPICS:
        chosen = decided[topic]
        rule = chosen.rule
        if topic == "employment":
            ba = decided["employment_ba_consent"]
            answers[topic] = Answer(
                topic=topic,
                verdict=rule.outcome["verdict"],
                ba_consent=ba.rule.outcome["verdict"],
                explanation=Text(
                    de=f"{rule.explanation.de} {ba.rule.explanation.de}",
                    en=f"{rule.explanation.en} {ba.rule.explanation.en}",
                ),
                citations=_merge_citations(chosen.citations, ba.citations),
                rule_ids=(rule.id, ba.rule.id),
                confidence=min(rule.confidence, ba.rule.confidence, key=_CONFIDENCE_ORDER.index),
            )
            continue
        office = rule.outcome.get("office")
        answers[topic] = Answer(
            topic=topic,
            verdict=rule.outcome["verdict"],
            explanation=rule.explanation,
            citations=chosen.citations,
            rule_ids=(rule.id,),
            confidence=rule.confidence,
            office=office,
            office_name=rulebase.offices.get(office) if office else None,
        )

    routes: list[Route] = []
    seen_routes: set[str] = set()
    for candidate in active.get("routes", ()):
        rule = candidate.rule
        route_id = rule.outcome["route"]
        if route_id in seen_routes or not rule.matches(facts):
            continue
        seen_routes.add(route_id)
        routes.append(
            Route(
                id=route_id,
                title=Text(**rule.outcome["title"]),
                explanation=rule.explanation,
                requirements=tuple(Text(**r) for r in rule.outcome.get("requirements", ())),
                citations=candidate.citations,
                rule_id=rule.id,
                confidence=rule.confidence,
            )
        )

    steps: list[NextStep] = []
    seen_steps: set[str] = set()
    for candidate in active.get("next_steps", ()):
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

    used = tuple(
        dict.fromkeys(
            [chosen.rule.id for chosen in decided.values()]
            + [route.rule_id for route in routes]
            + [step.rule_id for step in steps]
        )
    )
    return Evaluation(
        input=guide_input,
        rulebase_version=rulebase.full_version,
        answers=answers,
        routes=tuple(routes),
        next_steps=tuple(steps),
        disclaimer=rulebase.disclaimer,
        safe_country=facts["safe_country"],
        safe_country_ban=facts["safe_country_ban"],
        used_rule_ids=used,
    )
