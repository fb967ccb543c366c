"""Loading, validating and compiling the guide's rule files.

The rules live as YAML under ``beko/guide/rules/`` (one file per topic, see ``schema.json``).
Loading validates each file against the JSON schema, then compiles every condition into a
small closure so that evaluation needs no parsing. The condition language is deliberately
tiny: a mapping of field name to predicate (``eq``, ``ne``, ``in``, ``not_in``, ``gt``,
``gte``, ``lt``, ``lte``) plus ``all``/``any``/``not``. Nothing is ever passed to ``eval``.
"""

from __future__ import annotations

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
COLLECTION_TOPICS: tuple[str, ...] = ("routes", "next_steps")
TOPICS: tuple[str, ...] = DECISION_TOPICS + COLLECTION_TOPICS

# Field name -> Python type of its value in the facts a condition sees.
FIELD_TYPES: dict[str, type] = {
    "status": str,
    "months_in_germany": int,
    "arrived_on": dt.date,
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
    **{f"answers.{topic}": str for topic in DECISION_TOPICS},
}

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
class Text:
    de: str
    en: str

    def get(self, language: str) -> str:
        return self.de if language.startswith("de") else self.en

    def to_dict(self) -> dict[str, str]:
        return {"de": self.de, "en": self.en}


@dataclass(frozen=True, slots=True)
class Citation:
    law: str
    section: str
    url: str
    valid_from: dt.date

    @property
    def label(self) -> str:
        return f"{self.section} {self.law}"

    def to_dict(self) -> dict[str, str]:
        return {
            "law": self.law,
            "section": self.section,
            "url": self.url,
            "valid_from": self.valid_from.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    topic: str
    file: str
    valid_from: dt.date
    valid_until: dt.date | None
    last_reviewed: dt.date
    confidence: str
    condition_source: Mapping[str, Any]
    outcome: Mapping[str, Any]
    explanation: Text
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]
    note: str
    matches: Predicate = field(repr=False, compare=False)

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


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
    # applications after 31 Aug 2015; Georgia and Moldova have a later cut-off (transitional
    # rule of Dec 2023). We approximate the application date by the arrival date.
    work_ban_if_arrived_from: dt.date
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Rulebase:
    version: str
    content_hash: str
    covered_from: dt.date
    disclaimer: Text
    offices: Mapping[str, Text]
    topics: Mapping[str, tuple[Rule, ...]]
    safe_countries: tuple[SafeCountry, ...]
    _by_day: dict[dt.date, Mapping[str, tuple[ActiveRule, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def full_version(self) -> str:
        return f"{self.version}+{self.content_hash}"

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(rule for topic in TOPICS for rule in self.topics.get(topic, ()))

    def active_on(self, day: dt.date) -> Mapping[str, tuple[ActiveRule, ...]]:
        """Per topic, the rules valid on ``day`` with the citations in force that day.

        Cached per day: almost all evaluations use today's date, so this filtering happens
        once instead of on every evaluation.
        """
        cached = self._by_day.get(day)
        if cached is None:
            if len(self._by_day) > _MAX_CACHED_DAYS:
                self._by_day.clear()
            cached = {
                topic: tuple(
                    ActiveRule(rule, tuple(c for c in rule.citations if c.valid_from <= day))
                    for rule in rules
                    if rule.is_valid_on(day)
                )
                for topic, rules in self.topics.items()
            }
            self._by_day[day] = cached
        return cached

    def safe_country_on(self, country: str, day: dt.date) -> SafeCountry | None:
        for entry in self.safe_countries:
            if (
                entry.country == country
                and entry.valid_from <= day
                and (entry.valid_until is None or day <= entry.valid_until)
            ):
                return entry
        return None


class _DateKeepingLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so the JSON schema can check them."""


_DateKeepingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_DateKeepingLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise RulebaseError(file=path.name, rule_id=None, field="(yaml)", message=str(exc)) from exc


@functools.cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _validator(definition: str | None) -> jsonschema.Draft202012Validator:
    schema = _schema()
    if definition is not None:
        schema = {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(schema)


def _validate(data: Any, *, file: str, definition: str | None = None) -> None:
    errors = sorted(_validator(definition).iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    # The deepest error is the most specific one ("outcome.verdict", not "rules").
    error = max(errors[:20], key=lambda e: len(e.absolute_path))
    path = list(error.absolute_path)
    rule_id = None
    field_path = path
    if len(path) >= 2 and path[0] in ("rules", "countries") and isinstance(path[1], int):
        item = data[path[0]][path[1]]
        if isinstance(item, dict):
            rule_id = str(item.get("id") or item.get("country") or f"#{path[1] + 1}")
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


def _compile_predicate(
    name: str, spec: Mapping[str, Any], *, file: str, rule_id: str, path: str
) -> Predicate:
    expected = FIELD_TYPES[name]
    checks: list[Predicate] = []
    for op, raw in spec.items():
        where = f"{path}.{op}"
        if op in ("in", "not_in"):
            values = frozenset(
                _coerce(v, expected, file=file, rule_id=rule_id, field=where) for v in raw
            )
            checks.append(_membership(name, values, negate=op == "not_in"))
        elif op in ("eq", "ne"):
            value = _coerce(raw, expected, file=file, rule_id=rule_id, field=where)
            checks.append(_equality(name, value, negate=op == "ne"))
        else:
            if expected is bool or expected is str:
                raise RulebaseError(
                    file=file, rule_id=rule_id, field=where, message="cannot order this field"
                )
            value = _coerce(raw, expected, file=file, rule_id=rule_id, field=where)
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


def _compile_condition(
    condition: Mapping[str, Any], *, file: str, rule_id: str, path: str = "condition"
) -> Predicate:
    parts: list[Predicate] = []
    for key, value in condition.items():
        where = f"{path}.{key}"
        if key == "all":
            subs = [
                _compile_condition(c, file=file, rule_id=rule_id, path=f"{where}[{i}]")
                for i, c in enumerate(value)
            ]
            parts.append(_conjunction(subs))
        elif key == "any":
            subs = [
                _compile_condition(c, file=file, rule_id=rule_id, path=f"{where}[{i}]")
                for i, c in enumerate(value)
            ]
            parts.append(_disjunction(subs))
        elif key == "not":
            parts.append(
                _negation(_compile_condition(value, file=file, rule_id=rule_id, path=where))
            )
        else:
            parts.append(_compile_predicate(key, value, file=file, rule_id=rule_id, path=where))
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
        )
        for item in raw
    )


def _load_topic_file(path: Path, seen_ids: set[str]) -> tuple[str, tuple[Rule, ...]]:
    file = path.name
    data = _read_yaml(path)
    _validate(data, file=file)
    topic: str = data["topic"]
    earlier = set(TOPICS[: TOPICS.index(topic)]) if topic in TOPICS else set()
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
        for answer in sorted(_referenced_answers(condition)):
            if answer not in earlier:
                raise RulebaseError(
                    file=file,
                    rule_id=rule_id,
                    field=f"condition.answers.{answer}",
                    message=f"'{answer}' is not decided before '{topic}'",
                )
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
                confidence=raw["confidence"],
                condition_source=condition,
                outcome=dict(raw["outcome"]),
                explanation=Text(**raw["explanation"]),
                citations=_citations(
                    raw["basis"], default_from=valid_from, file=file, rule_id=rule_id
                ),
                sources=tuple(raw.get("sources", ())),
                note=raw.get("note", ""),
                matches=_compile_condition(condition, file=file, rule_id=rule_id),
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
    meta = _read_yaml(meta_path)
    _validate(meta, file=META_FILE, definition="meta_file")
    covered_from = _date(meta["covered_from"], file=META_FILE, rule_id=None, field="covered_from")

    safe_countries: list[SafeCountry] = []
    safe_path = directory / SAFE_COUNTRIES_FILE
    if safe_path.exists():
        safe = _read_yaml(safe_path)
        _validate(safe, file=SAFE_COUNTRIES_FILE, definition="safe_countries_file")
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
        disclaimer=Text(**meta["disclaimer"]),
        offices={key: Text(**value) for key, value in meta["offices"].items()},
        topics=topics,
        safe_countries=tuple(safe_countries),
    )


@functools.cache
def get_rulebase() -> Rulebase:
    """The packaged rule base, loaded once per process."""
    return load_rulebase(RULES_DIR)
