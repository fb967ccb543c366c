"""Loading, validating and compiling the guide's rule files.

The rules live as YAML under ``beko/guide/rules/`` (one file per topic, see ``schema.json``).
Loading validates each file against the JSON schema, then compiles every condition into a
small closure so that evaluation needs no parsing. The condition language is deliberately
tiny: a mapping of field name to predicate (``eq``, ``ne``, ``in``, ``not_in``, ``gt``,
``gte``, ``lt``, ``lte``) plus ``all``/``any``/``not``. Nothing is ever passed to ``eval``.

Texts are per-language mappings; which languages every text must have is decided by
``texts.REQUIRED_LANGUAGES`` (injected into the schema here, so there is one switch).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import json
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .texts import LANGUAGES, REQUIRED_LANGUAGES, Text

RULES_DIR = Path(__file__).resolve().parent / "rules"
SCHEMA_FILE = RULES_DIR / "schema.json"
META_FILE = "meta.yaml"
SAFE_COUNTRIES_FILE = "safe_countries.yaml"

# Topics in evaluation order. Later topics may refer to the verdicts of earlier ones
# ("answers.employment"), so the order is part of the language.
DECISION_TOPICS: tuple[str, ...] = (
    "employment",
    "employment_ba_consent",
    "self_employment",
    "vocational_training",
    "benefits",
    "integration_course",
    "job_language_course",
)
# Collection topics: every matching rule contributes (once per route / step / item id).
COLLECTION_TOPICS: tuple[str, ...] = ("routes", "next_steps", "employer")
TOPICS: tuple[str, ...] = DECISION_TOPICS + COLLECTION_TOPICS

# Field name -> Python type of its value in the facts a condition sees.
FIELD_TYPES: dict[str, type] = {
    "status": str,
    "months_in_germany": int,
    "months_with_duldung": int,
    "arrived_on": dt.date,
    "first_permit_on": dt.date,
    "first_permit_within_year": bool,
    "months_since_first_permit": int,
    "country": str,
    "reception_centre": bool,
    "identity_clarified": bool,
    "asylum_rejected_manifestly_unfounded": bool,
    "age": int,
    "has_job_offer": bool,
    "has_training_offer": bool,
    "german_level": str,
    "as_of": dt.date,
    "safe_country": bool,
    "safe_country_ban": bool,
    # True when some answer depends on a question the person left open.
    "missing_information": bool,
    **{f"answers.{topic}": str for topic in DECISION_TOPICS},
}

# Facts a person may leave unanswered. When a decision depends on one of them, the engine
# evaluates every possible value and reports the branches instead of assuming one (see
# engine.py). Derived facts point to the input they come from. A condition must therefore
# never test these for null: "unknown" is handled by the engine, not by rules.
BRANCH_FIELDS: tuple[str, ...] = (
    "months_in_germany",
    "reception_centre",
    "months_with_duldung",
    "safe_country",
    "safe_country_ban",
    "asylum_rejected_manifestly_unfounded",
    "identity_clarified",
    "first_permit_on",
)
DERIVED_FROM: dict[str, str] = {
    "first_permit_within_year": "first_permit_on",
    "months_since_first_permit": "first_permit_on",
}

EMPLOYER_SECTIONS: tuple[str, ...] = (
    "start",
    "permits",
    "documents",
    "waiting",
    "duties",
    "contacts",
)

Facts = Mapping[str, Any]
Predicate = Callable[[Facts], bool]

_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


class RulebaseError(Exception):
    """A rule file is broken. The message names the file, the rule and the field."""

    def __init__(self, *, file: str, rule_id: str | None, field: str, message: str) -> None:
        self.file = file
        self.rule_id = rule_id
        self.field = field
        self.message = message
        rule = f"rule {rule_id!r}" if rule_id else "file level"
        super().__init__(f"{file}: {rule}: field {field!r}: {message}")


@dataclass(frozen=True, slots=True)
class Citation:
    law: str
    section: str
    url: str
    # From when the rule relies on this citation (defaults to the rule's valid_from).
    valid_from: dt.date
    # Since when the cited wording of the paragraph applies, where the rule file knows it.
    # Shown as "Fassung seit …"; without it only the rule's own start date is shown.
    version_from: dt.date | None = None

    @property
    def label(self) -> str:
        return f"{self.section} {self.law}"

    def to_dict(self) -> dict[str, str]:
        result = {
            "law": self.law,
            "section": self.section,
            "url": self.url,
            "valid_from": self.valid_from.isoformat(),
        }
        if self.version_from is not None:
            result["version_from"] = self.version_from.isoformat()
        return result


@dataclass(frozen=True, slots=True)
class Check:
    """One condition of a route. Fails → the route is a near miss and ``why_not`` says why.

    ``later`` marks conditions that time can fulfil (waiting periods): the route is then
    "possible later" rather than "not possible".
    """

    matches: Predicate = field(repr=False, compare=False)
    fields: frozenset[str] = frozenset()
    why_not: Text = field(default_factory=Text.of)
    later: bool = False
    thresholds: Mapping[str, frozenset[Any]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    topic: str
    file: str
    valid_from: dt.date
    valid_until: dt.date | None
    last_reviewed: dt.date
    review_due: dt.date | None
    confidence: str
    condition_source: Mapping[str, Any]
    outcome: Mapping[str, Any]
    explanation: Text
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]
    note: str
    matches: Predicate = field(repr=False, compare=False)
    # Fields the condition looks at, and the boundaries of their ordered comparisons
    # (so the engine can split an unknown number or date exactly at them).
    fields: frozenset[str] = frozenset()
    thresholds: Mapping[str, frozenset[Any]] = field(default_factory=dict)
    checks: tuple[Check, ...] = ()
    # The unknown-able inputs the condition depends on, in BRANCH_FIELDS order.
    branch_fields: tuple[str, ...] = ()
    # Statuses the condition can hold for (None: any). Lets the engine skip rules early.
    statuses: frozenset[str] | None = None

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    @property
    def verdict(self) -> str | None:
        value = self.outcome.get("verdict")
        return str(value) if value is not None else None


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule valid on a given day, with only the citations in force on that day.

    A rule may cite a paragraph that came into force later than the rule itself (e.g.
    § 4a AufenthG, 1 Mar 2020); for an earlier reference date that citation is left out.
    """

    rule: Rule
    citations: tuple[Citation, ...]


_MAX_CACHED_DAYS = 4096


@dataclass(frozen=True, slots=True)
class SafeCountry:
    country: str
    valid_from: dt.date
    valid_until: dt.date | None
    # § 61 Abs. 2 S. 4 AsylG and § 60a Abs. 6 S. 1 Nr. 3 AufenthG bar work only for asylum
    # applications after 31 Aug 2015; for Georgia and Moldova only for applications after
    # 30 Aug 2023 (§ 87d AsylG, § 104 Abs. 18 AufenthG: "bis zum 30. August 2023" exempt).
    # This is the first day of the ban. We approximate the application by the arrival.
    work_ban_if_arrived_from: dt.date
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class StatusView:
    """The rules of one day that can apply to one residence status."""

    topics: Mapping[str, tuple[ActiveRule, ...]]
    # Per branch field, the sorted boundaries that these decision rules compare with, so an
    # unknown number or date is split exactly where the answer can change.
    split_points: Mapping[str, tuple[Any, ...]]
    # The engine's scenarios per (field, reference date, arrival): computed once.
    scenario_cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class DayView:
    """The rule base as it applies on one day (cached per day)."""

    topics: Mapping[str, tuple[ActiveRule, ...]]
    _by_status: dict[str, StatusView] = field(default_factory=dict, repr=False, compare=False)

    def for_status(self, status: str) -> StatusView:
        cached = self._by_status.get(status)
        if cached is None:
            topics = {
                topic: tuple(
                    active
                    for active in rules
                    if active.rule.statuses is None or status in active.rule.statuses
                )
                for topic, rules in self.topics.items()
            }
            points: dict[str, set[Any]] = {}
            for topic in DECISION_TOPICS:
                for active in topics.get(topic, ()):
                    for name, values in active.rule.thresholds.items():
                        # Derived facts get their boundaries from the engine (e.g. the day
                        # one year before the reference date), not from literals.
                        if name in BRANCH_FIELDS:
                            points.setdefault(name, set()).update(values)
            cached = StatusView(
                topics=topics,
                split_points={name: tuple(sorted(values)) for name, values in points.items()},
            )
            self._by_status[status] = cached
        return cached


@dataclass(frozen=True, slots=True)
class Rulebase:
    version: str
    content_hash: str
    covered_from: dt.date
    disclaimer: Text
    offices: Mapping[str, Text]
    texts: Mapping[str, Text]
    fact_labels: Mapping[str, Mapping[str, Text]]
    topics: Mapping[str, tuple[Rule, ...]]
    safe_countries: tuple[SafeCountry, ...]
    _by_day: dict[dt.date, DayView] = field(default_factory=dict, repr=False, compare=False)

    @property
    def full_version(self) -> str:
        return f"{self.version}+{self.content_hash}"

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(rule for topic in TOPICS for rule in self.topics.get(topic, ()))

    def text(self, key: str) -> Text:
        return self.texts[key]

    def day(self, day: dt.date) -> DayView:
        """The rules valid on ``day`` with the citations in force that day.

        Cached per day: almost all evaluations use today's date, so this filtering happens
        once instead of on every evaluation.
        """
        cached = self._by_day.get(day)
        if cached is None:
            if len(self._by_day) > _MAX_CACHED_DAYS:
                self._by_day.clear()
            topics = {
                topic: tuple(
                    ActiveRule(rule, tuple(c for c in rule.citations if c.valid_from <= day))
                    for rule in rules
                    if rule.is_valid_on(day)
                )
                for topic, rules in self.topics.items()
            }
            cached = DayView(topics=topics)
            self._by_day[day] = cached
        return cached

    def active_on(self, day: dt.date) -> Mapping[str, tuple[ActiveRule, ...]]:
        return self.day(day).topics

    def safe_country_on(self, country: str, day: dt.date) -> SafeCountry | None:
        for entry in self.safe_countries:
            if (
                entry.country == country
                and entry.valid_from <= day
                and (entry.valid_until is None or day <= entry.valid_until)
            ):
                return entry
        return None


# libyaml's parser when PyYAML has it (the wheels do): the pure-Python one took about three
# seconds for the rule base, in every worker start (the guide loads it in ready()).
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DateKeepingLoader(_SafeLoader):  # type: ignore[valid-type,misc]  # chosen at import
    """SafeLoader that leaves dates as strings, so the JSON schema can check them."""


_DateKeepingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_DateKeepingLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise RulebaseError(file=path.name, rule_id=None, field="(yaml)", message=str(exc)) from exc


def schema(required_languages: Sequence[str] = REQUIRED_LANGUAGES) -> dict[str, Any]:
    """The JSON schema with the required languages of every text filled in."""
    result = copy.deepcopy(_schema_file())
    text = result["$defs"]["text"]
    text["properties"] = {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES}
    text["required"] = list(required_languages)
    jsonschema.Draft202012Validator.check_schema(result)
    return result


@functools.cache
def _schema_file() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _validator(definition: str | None, languages: tuple[str, ...]) -> Any:
    full = schema(languages)
    if definition is not None:
        full = {"$defs": full["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(full)


def validate(
    data: Any,
    *,
    file: str,
    definition: str | None = None,
    languages: Sequence[str] | None = None,
) -> None:
    """Validate ``data`` against the schema (or one of its definitions); raise RulebaseError."""
    validator = _validator(definition, tuple(languages or REQUIRED_LANGUAGES))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    # The deepest error is the most specific one ("outcome.verdict", not "rules").
    error = max(errors[:20], key=lambda e: len(e.absolute_path))
    path = list(error.absolute_path)
    rule_id = None
    field_path = path
    if len(path) >= 2 and isinstance(path[1], int) and path[0] in ("rules", "countries", "items"):
        item = data[path[0]][path[1]]
        if isinstance(item, dict):
            rule_id = str(
                item.get("id") or item.get("country") or item.get("key") or f"#{path[1] + 1}"
            )
        field_path = path[2:]
    field_name = ".".join(str(part) for part in field_path) or "(root)"
    raise RulebaseError(file=file, rule_id=rule_id, field=field_name, message=error.message)


def _date(value: str, *, file: str, rule_id: str | None, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise RulebaseError(file=file, rule_id=rule_id, field=field, message=str(exc)) from exc


def _coerce(value: Any, expected: type, *, file: str, rule_id: str, field: str) -> Any:
    """Check a literal in a condition against the field's type (dates come as strings)."""
    if value is None:
        return None
    if expected is dt.date:
        if not isinstance(value, str):
            raise RulebaseError(file=file, rule_id=rule_id, field=field, message="expected a date")
        return _date(value, file=file, rule_id=rule_id, field=field)
    # bool is a subclass of int; keep them apart so `months_in_germany: {gte: true}` fails.
    if type(value) is not expected:
        raise RulebaseError(
            file=file,
            rule_id=rule_id,
            field=field,
            message=f"expected {expected.__name__}, got {type(value).__name__} {value!r}",
        )
    return value


def _next(value: Any) -> Any:
    return value + dt.timedelta(days=1) if isinstance(value, dt.date) else value + 1


def _membership(name: str, values: frozenset[Any], *, negate: bool) -> Predicate:
    def check(facts: Facts) -> bool:
        return (facts.get(name) in values) != negate

    return check


def _equality(name: str, value: Any, *, negate: bool) -> Predicate:
    def check(facts: Facts) -> bool:
        return (facts.get(name) == value) != negate

    return check


def _ordering(name: str, value: Any, compare: Callable[[Any, Any], bool]) -> Predicate:
    # A missing value never satisfies a comparison (an unknown age is not "< 27").
    def check(facts: Facts) -> bool:
        actual = facts.get(name)
        return actual is not None and compare(actual, value)

    return check


@dataclass
class _Compiled:
    """What compiling a condition learns besides the predicate."""

    fields: set[str] = field(default_factory=set)
    thresholds: dict[str, set[Any]] = field(default_factory=dict)

    def threshold(self, name: str, value: Any, *, also_next: bool = False) -> None:
        """Remember where a comparison on a number or date changes its result."""
        if value is None or FIELD_TYPES[name] not in (int, dt.date):
            return
        found = self.thresholds.setdefault(name, set())
        found.add(value)
        if also_next:
            found.add(_next(value))


def _compile_predicate(
    name: str,
    spec: Mapping[str, Any],
    *,
    file: str,
    rule_id: str,
    path: str,
    learned: _Compiled,
) -> Predicate:
    expected = FIELD_TYPES[name]
    learned.fields.add(name)
    checks: list[Predicate] = []
    for op, raw in spec.items():
        where = f"{path}.{op}"
        if op in ("in", "not_in"):
            values = frozenset(
                _coerce(v, expected, file=file, rule_id=rule_id, field=where) for v in raw
            )
            if None in values and (name in BRANCH_FIELDS or name in DERIVED_FROM):
                raise RulebaseError(
                    file=file,
                    rule_id=rule_id,
                    field=where,
                    message=f"'{name}' may be unknown; the engine handles that, do not test for null",
                )
            for value in values:
                learned.threshold(name, value, also_next=True)
            checks.append(_membership(name, values, negate=op == "not_in"))
        elif op in ("eq", "ne"):
            value = _coerce(raw, expected, file=file, rule_id=rule_id, field=where)
            if value is None and (name in BRANCH_FIELDS or name in DERIVED_FROM):
                raise RulebaseError(
                    file=file,
                    rule_id=rule_id,
                    field=where,
                    message=f"'{name}' may be unknown; the engine handles that, do not test for null",
                )
            learned.threshold(name, value, also_next=True)
            checks.append(_equality(name, value, negate=op == "ne"))
        else:
            if expected is bool or expected is str:
                raise RulebaseError(
                    file=file, rule_id=rule_id, field=where, message="cannot order this field"
                )
            value = _coerce(raw, expected, file=file, rule_id=rule_id, field=where)
            # The first value for which the comparison changes its result.
            learned.threshold(name, value if op in ("lt", "gte") else _next(value))  # type: ignore[arg-type]  # _coerce gave a value of the field's orderable type
            checks.append(_ordering(name, value, _COMPARISONS[op]))
    return _conjunction(checks)


def _conjunction(parts: Sequence[Predicate]) -> Predicate:
    # Specialised for the common short cases: a generator per call costs more than the
    # predicates themselves, and evaluation should stay well below a millisecond.
    if not parts:
        return lambda facts: True
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        first, second = parts
        return lambda facts: first(facts) and second(facts)
    if len(parts) == 3:
        first, second, third = parts
        return lambda facts: first(facts) and second(facts) and third(facts)

    return lambda facts: all(part(facts) for part in parts)


def _disjunction(parts: Sequence[Predicate]) -> Predicate:
    return lambda facts: any(part(facts) for part in parts)


def _negation(part: Predicate) -> Predicate:
    return lambda facts: not part(facts)


def compile_condition(
    condition: Mapping[str, Any],
    *,
    file: str,
    rule_id: str,
    path: str = "condition",
    learned: _Compiled | None = None,
) -> Predicate:
    learned = learned if learned is not None else _Compiled()
    parts: list[Predicate] = []
    for key, value in condition.items():
        where = f"{path}.{key}"
        if key == "all":
            subs = [
                compile_condition(
                    c, file=file, rule_id=rule_id, path=f"{where}[{i}]", learned=learned
                )
                for i, c in enumerate(value)
            ]
            parts.append(_conjunction(subs))
        elif key == "any":
            subs = [
                compile_condition(
                    c, file=file, rule_id=rule_id, path=f"{where}[{i}]", learned=learned
                )
                for i, c in enumerate(value)
            ]
            parts.append(_disjunction(subs))
        elif key == "not":
            parts.append(
                _negation(
                    compile_condition(
                        value, file=file, rule_id=rule_id, path=where, learned=learned
                    )
                )
            )
        else:
            parts.append(
                _compile_predicate(
                    key, value, file=file, rule_id=rule_id, path=where, learned=learned
                )
            )
    return _conjunction(parts)


def _referenced_answers(condition: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for key, value in condition.items():
        if key in ("all", "any"):
            for sub in value:
                found |= _referenced_answers(sub)
        elif key == "not":
            found |= _referenced_answers(value)
        elif key.startswith("answers."):
            found.add(key.removeprefix("answers."))
    return found


def _citations(
    raw: Sequence[Mapping[str, Any]], *, default_from: dt.date, file: str, rule_id: str
) -> tuple[Citation, ...]:
    return tuple(
        Citation(
            law=item["law"],
            section=item["section"],
            url=item["url"],
            valid_from=(
                _date(item["valid_from"], file=file, rule_id=rule_id, field="basis.valid_from")
                if "valid_from" in item
                else default_from
            ),
            version_from=(
                _date(item["version_from"], file=file, rule_id=rule_id, field="basis.version_from")
                if "version_from" in item
                else None
            ),
        )
        for item in raw
    )


def _check_answers_order(
    condition: Mapping[str, Any], *, topic: str, file: str, rule_id: str, path: str
) -> None:
    earlier = set(TOPICS[: TOPICS.index(topic)]) if topic in TOPICS else set()
    for answer in sorted(_referenced_answers(condition)):
        if answer not in earlier:
            raise RulebaseError(
                file=file,
                rule_id=rule_id,
                field=f"{path}.answers.{answer}",
                message=f"'{answer}' is not decided before '{topic}'",
            )


def _route_checks(
    raw: Mapping[str, Any], *, topic: str, file: str, rule_id: str
) -> tuple[Check, ...]:
    checks = []
    for index, item in enumerate(raw.get("checks", ())):
        where = f"outcome.checks.{index}.when"
        _check_answers_order(item["when"], topic=topic, file=file, rule_id=rule_id, path=where)
        learned = _Compiled()
        matches = compile_condition(
            item["when"], file=file, rule_id=rule_id, path=where, learned=learned
        )
        checks.append(
            Check(
                matches=matches,
                fields=frozenset(learned.fields),
                why_not=Text.of(item["why_not"]),
                later=bool(item.get("later", False)),
                thresholds={k: frozenset(v) for k, v in learned.thresholds.items()},
            )
        )
    return tuple(checks)


def _load_topic_file(path: Path, seen_ids: set[str]) -> tuple[str, tuple[Rule, ...]]:
    file = path.name
    data = read_yaml(path)
    validate(data, file=file)
    topic: str = data["topic"]
    rules: list[Rule] = []
    for raw in data["rules"]:
        rule_id: str = raw["id"]
        if rule_id in seen_ids:
            raise RulebaseError(file=file, rule_id=rule_id, field="id", message="duplicate id")
        seen_ids.add(rule_id)
        if not rule_id.startswith(f"{topic}."):
            raise RulebaseError(
                file=file, rule_id=rule_id, field="id", message=f"must start with '{topic}.'"
            )
        condition = raw.get("condition") or {}
        _check_answers_order(condition, topic=topic, file=file, rule_id=rule_id, path="condition")
        valid_from = _date(raw["valid_from"], file=file, rule_id=rule_id, field="valid_from")
        valid_until = (
            _date(raw["valid_until"], file=file, rule_id=rule_id, field="valid_until")
            if "valid_until" in raw
            else None
        )
        if valid_until is not None and valid_until < valid_from:
            raise RulebaseError(
                file=file, rule_id=rule_id, field="valid_until", message="before valid_from"
            )
        # An "unclear" answer can never be given with high certainty (issue 16 point 6).
        if raw["outcome"].get("verdict") == "unclear" and raw["confidence"] != "low":
            raise RulebaseError(
                file=file,
                rule_id=rule_id,
                field="confidence",
                message="an 'unclear' verdict must have confidence 'low'",
            )
        learned = _Compiled()
        matches = compile_condition(condition, file=file, rule_id=rule_id, learned=learned)
        # The engine can split an unknown first-permit date only at literal dates and at the
        # one-year boundary of § 44 Abs. 2; other derived numbers stay for routes.
        if topic in DECISION_TOPICS and "months_since_first_permit" in learned.fields:
            raise RulebaseError(
                file=file,
                rule_id=rule_id,
                field="condition.months_since_first_permit",
                message="decision rules use first_permit_on or first_permit_within_year",
            )
        rules.append(
            Rule(
                id=rule_id,
                topic=topic,
                file=file,
                valid_from=valid_from,
                valid_until=valid_until,
                last_reviewed=_date(
                    raw["last_reviewed"], file=file, rule_id=rule_id, field="last_reviewed"
                ),
                review_due=(
                    _date(raw["review_due"], file=file, rule_id=rule_id, field="review_due")
                    if "review_due" in raw
                    else None
                ),
                confidence=raw["confidence"],
                condition_source=condition,
                outcome=dict(raw["outcome"]),
                explanation=Text.of(raw["explanation"]),
                citations=_citations(
                    raw["basis"], default_from=valid_from, file=file, rule_id=rule_id
                ),
                sources=tuple(raw.get("sources", ())),
                note=raw.get("note", ""),
                matches=matches,
                fields=frozenset(learned.fields),
                thresholds={name: frozenset(values) for name, values in learned.thresholds.items()},
                checks=_route_checks(raw["outcome"], topic=topic, file=file, rule_id=rule_id)
                if topic == "routes"
                else (),
                branch_fields=branch_fields_of(learned.fields),
                statuses=_statuses_of(condition),
            )
        )
    return topic, tuple(rules)


def _check_fallback(topic: str, rules: Sequence[Rule], *, covered_from: dt.date) -> None:
    """Every decision list ends in an unconditional "unclear" rule, so it always answers."""
    last = rules[-1]
    if (
        last.condition_source
        or last.valid_until is not None
        or last.valid_from > covered_from
        or last.outcome.get("verdict") != "unclear"
    ):
        raise RulebaseError(
            file=last.file,
            rule_id=last.id,
            field="condition",
            message=(
                f"the last rule of '{topic}' must be an unconditional 'unclear' fallback "
                f"valid from {covered_from.isoformat()} without end"
            ),
        )


def _statuses_of(condition: Mapping[str, Any]) -> frozenset[str] | None:
    """The statuses a condition can hold for, read from its `status` tests (None: any)."""
    found: frozenset[str] | None = None

    def narrow(
        current: frozenset[str] | None, other: frozenset[str] | None
    ) -> frozenset[str] | None:
        if other is None:
            return current
        return other if current is None else current & other

    for key, value in condition.items():
        if key == "status":
            if "eq" in value:
                found = narrow(found, frozenset({value["eq"]}))
            if "in" in value:
                found = narrow(found, frozenset(value["in"]))
        elif key == "all":
            for sub in value:
                found = narrow(found, _statuses_of(sub))
        elif key == "any":
            parts = [_statuses_of(sub) for sub in value]
            if all(part is not None for part in parts):
                found = narrow(found, frozenset().union(*parts))  # type: ignore[arg-type]  # None ruled out by all() above
    return found


def branch_fields_of(fields: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The unknown-able inputs behind ``fields`` (derived facts map to their input)."""
    base = {DERIVED_FROM.get(name, name) for name in fields}
    return tuple(name for name in BRANCH_FIELDS if name in base)


def _texts(raw: Mapping[str, Any]) -> dict[str, Text]:
    return {key: Text.of(value) for key, value in raw.items()}


def load_rulebase(directory: Path = RULES_DIR) -> Rulebase:
    """Read, validate and compile all rule files in ``directory``.

    Raises ``RulebaseError`` naming file, rule and field when anything is wrong.
    """
    files = sorted(directory.glob("*.yaml"))
    digest = hashlib.sha256()
    for path in [*files, directory / SCHEMA_FILE.name]:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())

    meta_path = directory / META_FILE
    if not meta_path.exists():
        raise RulebaseError(file=META_FILE, rule_id=None, field="(file)", message="missing")
    meta = read_yaml(meta_path)
    validate(meta, file=META_FILE, definition="meta_file")
    covered_from = _date(meta["covered_from"], file=META_FILE, rule_id=None, field="covered_from")

    safe_countries: list[SafeCountry] = []
    safe_path = directory / SAFE_COUNTRIES_FILE
    if safe_path.exists():
        safe = read_yaml(safe_path)
        validate(safe, file=SAFE_COUNTRIES_FILE, definition="safe_countries_file")
        for entry in safe["countries"]:
            code = entry["country"]

            def date_of(key: str, entry: Mapping[str, Any] = entry, code: str = code) -> dt.date:
                return _date(entry[key], file=SAFE_COUNTRIES_FILE, rule_id=code, field=key)

            valid_from = date_of("valid_from")
            safe_countries.append(
                SafeCountry(
                    country=code,
                    valid_from=valid_from,
                    valid_until=date_of("valid_until") if "valid_until" in entry else None,
                    work_ban_if_arrived_from=(
                        date_of("work_ban_if_arrived_from")
                        if "work_ban_if_arrived_from" in entry
                        else dt.date(2015, 9, 1)
                    ),
                    citations=_citations(
                        entry["basis"],
                        default_from=valid_from,
                        file=SAFE_COUNTRIES_FILE,
                        rule_id=code,
                    ),
                )
            )

    topics: dict[str, tuple[Rule, ...]] = {}
    seen_ids: set[str] = set()
    for path in files:
        if path.name in (META_FILE, SAFE_COUNTRIES_FILE):
            continue
        topic, rules = _load_topic_file(path, seen_ids)
        if topic in topics:
            raise RulebaseError(
                file=path.name, rule_id=None, field="topic", message=f"'{topic}' defined twice"
            )
        topics[topic] = rules
    for topic in DECISION_TOPICS:
        if topic not in topics:
            raise RulebaseError(
                file=f"{topic}.yaml", rule_id=None, field="(file)", message="topic missing"
            )
        _check_fallback(topic, topics[topic], covered_from=covered_from)

    return Rulebase(
        version=meta["version"],
        content_hash=digest.hexdigest()[:12],
        covered_from=covered_from,
        disclaimer=Text.of(meta["disclaimer"]),
        offices=_texts(meta["offices"]),
        texts=_texts(meta.get("texts", {})),
        fact_labels={name: _texts(labels) for name, labels in meta.get("facts", {}).items()},
        topics=topics,
        safe_countries=tuple(safe_countries),
    )


@functools.cache
def get_rulebase() -> Rulebase:
    """The packaged rule base, loaded once per process."""
    return load_rulebase(RULES_DIR)
