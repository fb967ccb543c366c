"""An evaluation as the visitor reads it: texts in one language, labels, dates, country names.

The engine returns per-language texts and codes; this module picks the visitor's language
(German where a text has no translation yet, marked as fallback so templates can set
``lang="de"``), turns codes into words and formats dates in the visitor's locale. The HTML
pages, the bilingual sheet, the employer view, the API and the CLI all use it, so they say
the same things.

Dates use Django's localisation (``formats.date_format`` with the language active). The
project's shared date helpers in core were not on main when this was written; switch to them
once they exist (docs/guide.md).

Labels are resolved here (as `Resolved`, which templates mark with ``lang_attrs``), but the
plain strings the view model holds (fact values, dates, "Fassung seit …") are lazy: they are
turned into text while the page renders, so a German fallback in them (a label, a month name
the catalogue lacks) is marked lang="de" like any other (`beko.core.lib.fallback_marks`).
The caches below hold unmarked text only: marks exist only during a render.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, translation
from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, trans_real
from django_stubs_ext import StrOrPromise

from beko.core.lib.fallback_marks import is_marking, mark, mark_terms, unmarked

from .countries import country_name
from .engine import (
    ANSWER_TOPICS,
    Answer,
    Branch,
    Evaluation,
    Leaf,
    Route,
    Scenario,
    Split,
)
from .labels import (
    BA_CONSENT_LABELS,
    CONFIDENCE_LABELS,
    DEPENDS_LABEL,
    EMPLOYER_SECTION_LABELS,
    ROUTE_STATE_LABELS,
    STATUS_LABELS,
    TOPIC_LABELS,
    VERDICT_LABELS,
    VERDICT_TONES,
)
from .rulebase import EMPLOYER_SECTIONS, Citation, Rulebase, get_rulebase
from .texts import RTL_LANGUAGES, SOURCE_LANGUAGE, Resolved, base_language

_UI_CACHE: dict[tuple[str, str], Resolved] = {}


def _msgid(label: Promise | str) -> str:
    # gettext_lazy("…") keeps its argument; other promises are evaluated in German.
    args = getattr(label, "_args", None)
    if isinstance(args, tuple) and len(args) == 1 and isinstance(args[0], str):
        return args[0]
    with translation.override(SOURCE_LANGUAGE):
        return str(label)


def ui(label: Promise | str, lang: str) -> Resolved:
    """A gettext label in ``lang``; marked as German fallback when the catalogue lacks it.

    Cached per message and language: a result page resolves some forty labels, and
    switching the active language for each one cost more than the evaluation itself.
    """
    msgid = _msgid(label)
    key = (msgid, lang)
    found = _UI_CACHE.get(key)
    if found is None:
        text = trans_real.translation(lang).gettext(msgid) if lang != SOURCE_LANGUAGE else msgid
        if lang == SOURCE_LANGUAGE:
            found = Resolved(text, lang, False)
        elif text == msgid:
            found = Resolved(text, SOURCE_LANGUAGE, True)
        else:
            found = Resolved(text, lang, False)
        _UI_CACHE[key] = found
    return found


_DATE_CACHE: dict[tuple[dt.date, str], str] = {}


def clear_caches() -> None:
    """Forget cached labels and dates (after catalogues were reloaded or swapped)."""
    _UI_CACHE.clear()
    _DATE_CACHE.clear()


def format_date(day: dt.date | None, lang: str) -> str:
    """``day`` in the locale of ``lang`` (month names and order), cached per day."""
    if day is None:
        return ""
    key = (day, lang)
    found = _DATE_CACHE.get(key)
    if found is None:
        if len(_DATE_CACHE) > 20_000:
            _DATE_CACHE.clear()
        with translation.override(lang):
            found = _DATE_CACHE[key] = formats.date_format(day, "DATE_FORMAT")
    return found


def _page_text(value: Resolved) -> str:
    # German fallback marked as a whole; German words a translation keeps marked inside it.
    return mark(value.text) if value.fallback else mark_terms(value.text, value.lang)


def _page_date(day: dt.date, lang: str) -> str:
    # English month names are Django's msgids: never a German fallback (Django gives English
    # no fallback catalogue), though the English catalogue has no entry for them.
    if not is_marking() or lang == "en":
        with unmarked():
            return format_date(day, lang)
    # While a page renders, a month name the catalogue lacks comes marked: not for the cache.
    with translation.override(lang):
        return formats.date_format(day, "DATE_FORMAT")


# A label's text and a date as the page shows them, resolved when the template renders them
# (outside a render: the plain text, e.g. for JSON or the CLI).
shown_text = lazy(_page_text, str)
shown_date = lazy(_page_date, str)


def _page_text_with_date(label: Resolved, day: dt.date) -> str:
    # A sentence shown in German gives its date in German too.
    return _page_text(label) % {"date": _page_date(day, label.lang)}


_shown_with_date = lazy(_page_text_with_date, str)


@dataclass(frozen=True)
class CitationView:
    label: str
    url: str
    law: str
    section: str
    valid_from: dt.date
    version_from: dt.date | None
    version_text: StrOrPromise


@dataclass(frozen=True)
class LeafView:
    verdict: str
    verdict_label: Resolved
    tone: str
    explanation: Resolved
    ba_consent_label: Resolved | None
    citations: list[CitationView]


@dataclass(frozen=True)
class BranchView:
    label: Resolved
    leaf: LeafView | None = None
    split: SplitView | None = None


@dataclass(frozen=True)
class SplitView:
    field: str
    question: Resolved
    branches: list[BranchView]


@dataclass(frozen=True)
class AnswerView:
    topic: str
    label: Resolved
    verdict: str
    verdict_label: Resolved
    tone: str
    explanation: Resolved
    office: Resolved | None
    ba_consent: str | None
    ba_consent_label: Resolved | None
    citations: list[CitationView]
    confidence: str
    confidence_label: Resolved
    rule_valid_from: dt.date
    rule_valid_from_text: StrOrPromise
    rules: tuple[str, ...]
    depends_on: list[Resolved]
    tree: SplitView | None


@dataclass(frozen=True)
class RouteView:
    id: str
    title: Resolved
    explanation: Resolved
    requirements: list[Resolved]
    citations: list[CitationView]
    state: str
    state_label: Resolved
    reason: Resolved | None
    open_checks: int
    rule: str


@dataclass(frozen=True)
class StepView:
    id: str
    text: Resolved
    citations: list[CitationView]
    rule: str


@dataclass(frozen=True)
class EmployerSection:
    key: str
    label: Resolved
    items: list[StepView]


@dataclass(frozen=True)
class FactView:
    label: Resolved
    value: StrOrPromise


@dataclass(frozen=True)
class ResultView:
    lang: str
    rtl: bool
    status: str
    status_label: Resolved
    status_unknown: bool
    status_needed: Resolved
    facts: list[FactView]
    answers: list[AnswerView]
    routes: list[RouteView]
    routes_possible: list[RouteView]
    routes_checked: list[RouteView]
    next_steps: list[StepView]
    employer: list[EmployerSection]
    missing: list[Resolved]
    disclaimer: Resolved
    as_of: dt.date
    as_of_text: StrOrPromise
    rulebase_version: str
    extra: dict[str, Any] = field(default_factory=dict)


VERSION_FROM = gettext_lazy("Fassung seit %(date)s")


def _citation(citation: Citation, lang: str) -> CitationView:
    version_text: StrOrPromise = ""
    if citation.version_from is not None:
        version_text = _shown_with_date(ui(VERSION_FROM, lang), citation.version_from)
    return CitationView(
        label=citation.label,
        url=citation.url,
        law=citation.law,
        section=citation.section,
        valid_from=citation.valid_from,
        version_from=citation.version_from,
        version_text=version_text,
    )


def _citations(citations: tuple[Citation, ...], lang: str) -> list[CitationView]:
    return [_citation(c, lang) for c in citations]


def _verdict_label(verdict: str, lang: str) -> Resolved:
    return ui(VERDICT_LABELS[verdict], lang)


def _scenario_label(scenario: Scenario, rulebase: Rulebase, lang: str) -> Resolved:
    labels = rulebase.fact_labels.get(scenario.field, {})
    if not scenario.is_range:
        return labels["yes" if scenario.value else "no"].resolve(lang)
    low, high = scenario.low, scenario.high

    def show(value: Any) -> str:
        return format_date(value, lang) if isinstance(value, dt.date) else str(value)

    if low is None or (isinstance(low, int) and low == 0 and high is not None):
        template = labels["to"].resolve(lang)
        after = high + dt.timedelta(days=1) if isinstance(high, dt.date) else high + 1
        text = template.text.format(high=show(high), next=show(after), low="")
    elif high is None:
        template = labels["from"].resolve(lang)
        text = template.text.format(low=show(low), high="", next="")
    else:
        template = labels["between"].resolve(lang)
        text = template.text.format(low=show(low), high=show(high), next="")
    return Resolved(text, template.lang, template.fallback)


def _leaf(leaf: Leaf, lang: str) -> LeafView:
    return LeafView(
        verdict=leaf.verdict,
        verdict_label=_verdict_label(leaf.verdict, lang),
        tone=VERDICT_TONES[leaf.verdict],
        explanation=leaf.explanation.resolve(lang),
        ba_consent_label=ui(BA_CONSENT_LABELS[leaf.ba_consent], lang) if leaf.ba_consent else None,
        citations=_citations(leaf.citations, lang),
    )


def _split(split: Split, rulebase: Rulebase, lang: str) -> SplitView:
    branches = []
    for branch in split.branches:
        branches.append(_branch(branch, rulebase, lang))
    return SplitView(
        field=split.field,
        question=rulebase.fact_labels[split.field]["question"].resolve(lang),
        branches=branches,
    )


def _branch(branch: Branch, rulebase: Rulebase, lang: str) -> BranchView:
    label = _scenario_label(branch.scenario, rulebase, lang)
    if isinstance(branch.outcome, Leaf):
        return BranchView(label=label, leaf=_leaf(branch.outcome, lang))
    return BranchView(label=label, split=_split(branch.outcome, rulebase, lang))


def _answer(answer: Answer, rulebase: Rulebase, lang: str) -> AnswerView:
    depends = bool(answer.tree) and answer.verdict == "unclear"
    return AnswerView(
        topic=answer.topic,
        label=ui(TOPIC_LABELS[answer.topic], lang),
        verdict=answer.verdict,
        verdict_label=ui(DEPENDS_LABEL, lang) if depends else _verdict_label(answer.verdict, lang),
        tone=VERDICT_TONES[answer.verdict],
        explanation=answer.explanation.resolve(lang),
        office=answer.office_name.resolve(lang) if answer.office_name else None,
        ba_consent=answer.ba_consent,
        ba_consent_label=(
            ui(BA_CONSENT_LABELS[answer.ba_consent], lang) if answer.ba_consent else None
        ),
        citations=_citations(answer.citations, lang),
        confidence=answer.confidence,
        confidence_label=ui(CONFIDENCE_LABELS[answer.confidence], lang),
        rule_valid_from=answer.rule_valid_from,
        rule_valid_from_text=shown_date(answer.rule_valid_from, lang),
        rules=answer.rule_ids,
        depends_on=[
            rulebase.fact_labels[name]["question"].resolve(lang) for name in answer.depends_on
        ],
        tree=_split(answer.tree, rulebase, lang) if answer.tree else None,
    )


def _route(route: Route, lang: str) -> RouteView:
    return RouteView(
        id=route.id,
        title=route.title.resolve(lang),
        explanation=route.explanation.resolve(lang),
        requirements=[item.resolve(lang) for item in route.requirements],
        citations=_citations(route.citations, lang),
        state=route.state,
        state_label=ui(ROUTE_STATE_LABELS[route.state], lang),
        reason=route.reason.resolve(lang) if route.reason else None,
        open_checks=route.open_checks,
        rule=route.rule_id,
    )


def _facts(evaluation: Evaluation, lang: str) -> list[FactView]:
    from django.utils.translation import gettext_lazy as _

    given = evaluation.input
    yes, no = shown_text(ui(_("ja"), lang)), shown_text(ui(_("nein"), lang))
    facts: list[FactView] = []

    def add(label: Promise, value: StrOrPromise) -> None:
        facts.append(FactView(ui(label, lang), value))

    add(_("Aufenthaltspapier"), shown_text(ui(STATUS_LABELS[given.status.value], lang)))
    if given.months_in_germany is not None:
        add(_("Monate in Deutschland"), str(given.months_in_germany))
    if given.months_with_duldung is not None:
        add(_("Monate mit Duldung"), str(given.months_with_duldung))
    if given.first_permit_on is not None:
        add(_("Erste Aufenthaltserlaubnis"), shown_date(given.first_permit_on, lang))
    if given.country:
        name: StrOrPromise = country_name(given.country, lang)
        if evaluation.safe_country:
            safe = shown_text(ui(_("sicherer Herkunftsstaat"), lang))
            name = format_lazy("{} – {}", name, safe)
        add(_("Staatsangehörigkeit"), name)
    if given.reception_centre is not None:
        add(_("Muss in einer Aufnahmeeinrichtung wohnen"), yes if given.reception_centre else no)
    if given.identity_clarified is not None:
        add(_("Identität geklärt"), yes if given.identity_clarified else no)
    if given.asylum_rejected_manifestly_unfounded is not None:
        add(
            _("Als „offensichtlich unbegründet“ abgelehnt"),
            yes if given.asylum_rejected_manifestly_unfounded else no,
        )
    if given.age is not None:
        add(_("Alter"), str(given.age))
    if given.has_job_offer:
        add(_("Jobangebot"), yes)
    if given.has_training_offer:
        add(_("Ausbildungsplatz"), yes)
    if given.german_level.value != "none":
        add(_("Deutsch"), given.german_level.value)
    add(_("Stichtag"), shown_date(given.as_of, lang))
    return facts


def present(
    evaluation: Evaluation, lang: str | None, rulebase: Rulebase | None = None
) -> ResultView:
    """The evaluation in ``lang`` (German for missing translations, marked as fallback)."""
    lang = base_language(lang)
    with translation.override(lang):
        return _present(evaluation, lang, rulebase or get_rulebase())


def _present(evaluation: Evaluation, lang: str, rulebase: Rulebase) -> ResultView:
    answers = [_answer(evaluation.answers[topic], rulebase, lang) for topic in ANSWER_TOPICS]
    routes = [_route(route, lang) for route in evaluation.routes]
    steps = [
        StepView(step.id, step.text.resolve(lang), _citations(step.citations, lang), step.rule_id)
        for step in evaluation.next_steps
    ]
    sections: list[EmployerSection] = []
    for key in EMPLOYER_SECTIONS:
        items = [
            StepView(
                item.id, item.text.resolve(lang), _citations(item.citations, lang), item.rule_id
            )
            for item in evaluation.employer
            if item.section == key
        ]
        if items:
            sections.append(EmployerSection(key, ui(EMPLOYER_SECTION_LABELS[key], lang), items))
    return ResultView(
        lang=lang,
        rtl=lang in RTL_LANGUAGES,
        status=evaluation.input.status.value,
        status_label=ui(STATUS_LABELS[evaluation.input.status.value], lang),
        status_unknown=evaluation.status_unknown,
        status_needed=rulebase.text("status_needed").resolve(lang),
        facts=_facts(evaluation, lang),
        answers=answers,
        routes=routes,
        routes_possible=[r for r in routes if r.state != "not_possible"],
        routes_checked=[r for r in routes if r.state == "not_possible"],
        next_steps=steps,
        employer=sections,
        missing=[
            rulebase.fact_labels[name]["question"].resolve(lang) for name in evaluation.missing
        ],
        disclaimer=evaluation.disclaimer.resolve(lang),
        as_of=evaluation.as_of,
        as_of_text=shown_date(evaluation.as_of, lang),
        rulebase_version=evaluation.rulebase_version,
    )


# -- JSON (API, CLI) ------------------------------------------------------------------


def _text_json(value: Resolved) -> dict[str, Any]:
    return value.to_dict()


def _citations_json(citations: list[CitationView]) -> list[dict[str, Any]]:
    result = []
    for citation in citations:
        item: dict[str, Any] = {
            "law": citation.law,
            "section": citation.section,
            "url": citation.url,
            "valid_from": citation.valid_from.isoformat(),
        }
        if citation.version_from is not None:
            item["version_from"] = citation.version_from.isoformat()
        result.append(item)
    return result


def _leaf_json(leaf: LeafView) -> dict[str, Any]:
    return {
        "verdict": leaf.verdict,
        "verdict_label": _text_json(leaf.verdict_label),
        "explanation": _text_json(leaf.explanation),
        "citations": _citations_json(leaf.citations),
    }


def _split_json(split: SplitView) -> dict[str, Any]:
    return {
        "question": split.field,
        "question_label": _text_json(split.question),
        "branches": [
            {
                "when": _text_json(branch.label),
                **(
                    {"outcome": _leaf_json(branch.leaf)}
                    if branch.leaf
                    else {"then": _split_json(branch.split)}  # type: ignore[arg-type]  # a branch without a leaf has a split
                ),
            }
            for branch in split.branches
        ],
    }


def evaluation_json(evaluation: Evaluation, lang: str | None) -> dict[str, Any]:
    """The JSON of ``GET /api/v1/guide/evaluate``: codes plus texts in one language.

    Every text is ``{"text", "lang", "fallback"}``: ``fallback`` is true where German was used
    because the text has no translation in the requested language yet.
    """
    view = present(evaluation, lang)
    answers: dict[str, Any] = {}
    source: Mapping[str, Answer] = evaluation.answers
    for answer_view in view.answers:
        answer = source[answer_view.topic]
        item: dict[str, Any] = {"verdict": answer.verdict}
        if answer.ba_consent is not None:
            item["ba_consent"] = answer.ba_consent
        if answer.office is not None:
            item["office"] = answer.office
            if answer_view.office is not None:
                item["office_name"] = _text_json(answer_view.office)
        item.update(
            verdict_label=_text_json(answer_view.verdict_label),
            explanation=_text_json(answer_view.explanation),
            citations=_citations_json(answer_view.citations),
            confidence=answer.confidence,
            rule_valid_from=answer.rule_valid_from.isoformat(),
            rules=list(answer.rule_ids),
            depends_on=list(answer.depends_on),
        )
        if answer_view.tree is not None:
            item["branches"] = _split_json(answer_view.tree)
        answers[answer_view.topic] = item
    return {
        "as_of": evaluation.as_of.isoformat(),
        "lang": view.lang,
        "rulebase_version": evaluation.rulebase_version,
        "input": evaluation.input.to_dict(),
        "derived": {
            "safe_country_of_origin": evaluation.safe_country,
            "safe_country_work_ban": evaluation.safe_country_ban,
        },
        "missing": list(evaluation.missing),
        # One clear message instead of six identical "unclear" answers (issue 16).
        "status_needed": _text_json(view.status_needed) if view.status_unknown else None,
        "answers": answers,
        "routes": [
            {
                "id": route.id,
                "state": route.state,
                "title": _text_json(route.title),
                "explanation": _text_json(route.explanation),
                "reason": _text_json(route.reason) if route.reason else None,
                "requirements": [_text_json(r) for r in route.requirements],
                "citations": _citations_json(route.citations),
                "rule": route.rule,
            }
            for route in view.routes
        ],
        "next_steps": [
            {
                "id": step.id,
                "text": _text_json(step.text),
                "offer_tags": list(original.offer_tags),
                "citations": _citations_json(step.citations),
                "rule": step.rule,
            }
            for step, original in zip(view.next_steps, evaluation.next_steps, strict=True)
        ],
        "employer": [
            {
                "id": item.id,
                "section": section.key,
                "text": _text_json(item.text),
                "citations": _citations_json(item.citations),
                "rule": item.rule,
            }
            for section in view.employer
            for item in section.items
        ],
        "local_offers": [],
        "disclaimer": _text_json(view.disclaimer),
    }
