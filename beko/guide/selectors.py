"""Reads of the guide: rules with their usage for staff, matching local offers for results."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from beko.core.lib.fallback_marks import START, german, mark, mark_terms, marking, strip, unmarked
from beko.directory import selectors as directory_selectors

from .engine import Evaluation
from .models import RuleUsage
from .present import shown_text
from .rulebase import Rule, get_rulebase
from .texts import Resolved

logger = logging.getLogger(__name__)

# A rule whose last review is older than this is flagged on the staff page.
REVIEW_INTERVAL = dt.timedelta(days=365)
LOCAL_OFFER_LIMIT = 6
# Offers change a few times a day; a few minutes of staleness spare every result page and
# API call the directory's search query, which costs far more than the evaluation itself.
LOCAL_OFFERS_CACHE_SECONDS = 300


def guide_pages_public() -> list[str]:
    """URL names of the guide's pages for search engines (the sitemap). Results depend on
    answers and are not listed; the status variants of the start page are the same page."""
    return ["guide:start", "guide:papers", "guide:glossary", "guide:employer"]


@dataclass(frozen=True, slots=True)
class RuleRow:
    rule: Rule
    usage: int
    review_overdue: bool


# The staff page "Rechtsänderungen" looks this far ahead.
CHANGE_WINDOW = dt.timedelta(days=90)


@dataclass(frozen=True, slots=True)
class RuleChange:
    """A rule that expires, starts or is due for review within the window."""

    rule: Rule
    kind: str  # "expires" | "starts" | "review"
    day: dt.date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(-self.days_left, 0)


def rule_changes(
    *, today: dt.date | None = None, window: dt.timedelta = CHANGE_WINDOW
) -> list[RuleChange]:
    """Rules whose validity ends or begins within ``window`` from ``today``, and rules whose
    review is due by then (their own `review_due`, else 12 months after the last review),
    soonest first; overdue reviews come first."""
    today = today or timezone.localdate()
    horizon = today + window
    changes: list[RuleChange] = []
    for rule in get_rulebase().rules:
        if rule.valid_until is not None and today <= rule.valid_until <= horizon:
            changes.append(
                RuleChange(rule, "expires", rule.valid_until, (rule.valid_until - today).days)
            )
        if today <= rule.valid_from <= horizon:
            changes.append(
                RuleChange(rule, "starts", rule.valid_from, (rule.valid_from - today).days)
            )
        due = rule.review_due or rule.last_reviewed + REVIEW_INTERVAL
        if due <= horizon and (rule.valid_until is None or rule.valid_until >= today):
            changes.append(RuleChange(rule, "review", due, (due - today).days))
    changes.sort(key=lambda change: (change.day, change.kind, change.rule.id))
    return changes


def rules_with_usage(*, today: dt.date | None = None) -> list[RuleRow]:
    """Every rule of the rule base with how many evaluations used it."""
    today = today or timezone.localdate()
    usage = dict(RuleUsage.objects.values_list("rule_id", "count"))
    return [
        RuleRow(
            rule=rule,
            usage=usage.get(rule.id, 0),
            review_overdue=today - rule.last_reviewed > REVIEW_INTERVAL,
        )
        for rule in get_rulebase().rules
    ]


def local_offers_for(
    *, evaluation: Evaluation, limit: int = LOCAL_OFFER_LIMIT
) -> list[dict[str, str]]:
    """Local offers from the directory that fit the next steps of an evaluation.

    The directory is asked through its selector ``offers_for_guide(*, tags, residence_status,
    limit)``, which returns dicts with ``title``, ``url``, ``organisation`` and ``district``.
    If it fails at run time the guide shows no offers rather than no result.
    """
    tags = list(dict.fromkeys(tag for step in evaluation.next_steps for tag in step.offer_tags))
    status = evaluation.input.status.value
    # Offer titles are translated, so the language is part of the key.
    key = f"guide:offers:{get_language()}:{status}:{limit}:{','.join(sorted(tags))}"
    cached: list[dict[str, tuple[str, bool]]] | None = cache.get(key)
    if cached is None:
        try:
            found = list(
                directory_selectors.offers_for_guide(
                    tags=tags, residence_status=status, limit=limit
                )
            )[:limit]
            cached = [_offer_plain(offer) for offer in found]
        except Exception:  # the result page must not fail because another app does
            logger.exception("directory offers for the guide failed")
            return []
        cache.set(key, cached, LOCAL_OFFERS_CACHE_SECONDS)
    return [
        {name: _shown(text, fallback) for name, (text, fallback) in offer.items()}
        for offer in cached
    ]


def _offer_plain(offer: Any) -> dict[str, tuple[str, bool]]:
    """An offer as plain text with a German-fallback flag per field: what the cache keeps.

    The directory hands out lazy texts holding model instances; pickling those per request
    cost more than the evaluation. Read once here (marked where German stands in for the
    page's language), they are cached as (text, fallback) and marked again when shown.
    """

    def pick(name: str) -> tuple[str, bool]:
        value = offer.get(name) if isinstance(offer, dict) else getattr(offer, name, "")
        if isinstance(value, Promise):
            with marking():
                shown = str(value)
            return strip(shown), shown.startswith(START)
        return ("" if value is None else str(value)), False

    url = pick("url")
    if not url[0] and hasattr(offer, "get_absolute_url"):
        url = (offer.get_absolute_url(), False)
    return {
        "title": pick("title"),
        "url": url,
        "organisation": pick("organisation"),
        "district": pick("district"),
    }


def _shown(text: str, fallback: bool) -> str:
    # Read when the page renders, so a German fallback is marked (beko.core.fallback_marks).
    # A translation keeps German words (place names, terms) marked too.
    shown = german(text) if fallback else _with_terms(text)
    return shown  # type: ignore[no-any-return]  # a lazy text, read as str when the page renders


_with_terms = lazy(mark_terms, str)


def home_section(request: HttpRequest) -> dict[str, Any]:
    """A short entry to the guide on the home page (see core.selectors.home_sections)."""
    return {"template": "guide/_home_section.html", "context": {}, "order": 20}


# --- site search ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GuideSearchDocument:
    """A page of the guide as the site search sees it (the guide has no database rows)."""

    key: str  # "start", "status:duldung", "papers", "glossary:duldung"
    kind: str  # "start" | "status" | "papers" | "glossary"
    title: str
    summary: str
    body: str
    url: str
    keywords: str = ""  # words people search for that the title does not say
    # Ranks a document against the guide's others: explanations of a single term come after
    # the pages that answer the question for a status (the status page is what people need).
    weight: float = 1.0
    # Title and summary as the result page shows them: lazy, turned into text while the page
    # renders, so a German fallback in them is marked lang="de". (The plain fields above are
    # what the search matches; the documents are cached, and marks only exist in a render.)
    shown_title: Any = None
    shown_summary: Any = None


# What people type when they mean the guide as a whole (German, as the search is German;
# the multilingual concept dictionary maps other languages onto these words).
START_KEYWORDS = (
    "Arbeitserlaubnis Beschäftigungserlaubnis Erlaubnis zur Beschäftigung Arbeitsmarktzugang "
    "Aufenthaltsstatus Aufenthaltspapier Ausbildung Selbständigkeit Integrationskurs "
    "Berufssprachkurs Leistungen Bürgergeld Asylbewerberleistungen Bleiberecht"
)


def _statuses_in(condition: Any) -> set[str]:
    """Residence statuses a rule condition names (status: {eq|in: …}, nested any/all/not)."""
    found: set[str] = set()
    if isinstance(condition, dict):
        for key, value in condition.items():
            if key == "status" and isinstance(value, dict):
                for operator in ("eq", "in"):
                    named = value.get(operator)
                    found.update([named] if isinstance(named, str) else named or [])
            else:
                found |= _statuses_in(value)
    elif isinstance(condition, list | tuple):
        for item in condition:
            found |= _statuses_in(item)
    return found


def _german_beside(label: Promise, german_text: str) -> str:
    # A translated status title shows its German wording below it (as on the papers).
    with unmarked():
        translated = str(label)
    return mark(german_text) if translated != german_text else ""


def _joined(separator: str, texts: list[Resolved]) -> str:
    return separator.join(str(shown_text(text)) for text in texts)


_shown_german_beside = lazy(_german_beside, str)
_shown_joined = lazy(_joined, str)


def search_documents() -> list[GuideSearchDocument]:
    """The guide's start page and one page per residence status (the start page with that
    status chosen), in the active language with the German wording added, for the site
    search (`beko/news/search.py`). Built from the labels and the rule base; cached per
    language and rule base version."""
    from django.urls import reverse
    from django.utils import translation

    from .labels import STATUS_LABELS, TOPIC_LABELS

    language = get_language() or "de"
    rulebase = get_rulebase()
    key = (language, rulebase.full_version)
    cached = _SEARCH_DOCUMENTS.get(key)
    if cached is not None:
        return cached
    text_language = "en" if language == "en" else "de"
    explanations: dict[str, list[str]] = {}
    for rule in rulebase.rules:
        text = rule.explanation.get(text_language) or ""
        for status in _statuses_in(rule.condition_source):
            explanations.setdefault(status, []).append(text)
    start_url = reverse("guide:start")
    start_summary = gettext_lazy(
        "Was darf die Person, die Sie begleiten? Arbeiten, eine Ausbildung machen, "
        "selbständig sein? Welches Amt zahlt? Welche Sprachkurse gibt es? Sie "
        "bekommen eine kurze Antwort mit Rechtsgrundlage."
    )
    with translation.override("de"):
        german = {k: str(v) for k, v in STATUS_LABELS.items()}
        topics_de = " ".join(str(v) for v in TOPIC_LABELS.values())
    documents = [
        GuideSearchDocument(
            key="start",
            kind="start",
            title=str(_("Wege in Arbeit")),
            summary=str(start_summary),
            body=" ".join([*(str(v) for v in TOPIC_LABELS.values()), topics_de]),
            url=start_url,
            keywords=START_KEYWORDS,
            shown_title=gettext_lazy("Wege in Arbeit"),
            shown_summary=start_summary,
        )
    ]
    for status, label in STATUS_LABELS.items():
        if status == "unknown":
            continue
        documents.append(
            GuideSearchDocument(
                key=f"status:{status}",
                kind="status",
                title=str(label),
                summary=german[status] if str(label) != german[status] else "",
                body=" ".join(explanations.get(status, [])),
                url=f"{start_url}?status={status}",
                shown_title=label,
                shown_summary=_shown_german_beside(label, german[status]),
            )
        )
    documents.extend(_papers_and_glossary_documents(language))
    _SEARCH_DOCUMENTS[key] = documents
    return documents


def _papers_and_glossary_documents(language: str) -> list[GuideSearchDocument]:
    """The papers page ("which paper does the person have?") and one document per glossary
    term, so "Fiktionsbescheinigung" or "Ausländerbehörde" find the explanation. Titles in
    the visitor's language; the German headword and definition are added because the
    index's linguistics are German (other languages reach them through the concept
    dictionary)."""
    from django.urls import reverse

    from . import content

    documents = []
    papers = content.papers()
    papers_url = reverse("guide:papers")
    names = [paper.name.resolve(language) for paper in papers]
    documents.append(
        GuideSearchDocument(
            key="papers",
            kind="papers",
            title=str(_("Welches Papier hat die Person?")),
            summary=" · ".join(name.text for name in names),
            body=" ".join(
                f"{paper.name.resolve('de').text} {paper.description.resolve('de').text}"
                for paper in papers
            ),
            url=papers_url,
            keywords="Papiere Dokumente Ausweis Aufenthaltspapier Bescheinigung",
            weight=0.6,
            shown_title=gettext_lazy("Welches Papier hat die Person?"),
            shown_summary=_shown_joined(" · ", names),
        )
    )
    glossary_url = reverse("guide:glossary")
    for term in content.glossary():
        name = term.name(language)
        definition = term.definition.resolve(language)
        german_definition = term.definition.resolve("de").text
        documents.append(
            GuideSearchDocument(
                key=f"glossary:{term.key}",
                kind="glossary",
                title=name.text,
                summary=definition.text,
                body=f"{term.de} {term.law} {german_definition}",
                url=f"{glossary_url}#{term.key}",
                keywords=term.de,
                weight=0.3,
                shown_title=shown_text(name),
                shown_summary=shown_text(definition),
            )
        )
    return documents


_SEARCH_DOCUMENTS: dict[tuple[str, str], list[GuideSearchDocument]] = {}
