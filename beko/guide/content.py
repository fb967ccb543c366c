"""The guide's content besides the rules: the papers page and the public glossary.

Both are YAML files under ``beko/guide/content/`` with per-language texts, validated against
``rules/schema.json`` with the same required languages as the rules (``texts.py``).

The glossary's term list belongs to the whole site: ``beko/core/data/glossary.yaml`` (German
headword, agreed rendering per language, whether the German word is kept beside it). The
guide adds only the public definitions (``content/glossary.yaml``, keyed by the same term
keys) and links every defined term in its texts to the glossary page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from beko.core.lib.fallback_marks import mark_terms
from beko.core.lib.glossary import SAFE_LOADER

from .rulebase import RulebaseError, read_yaml, validate
from .texts import LANGUAGES, SOURCE_LANGUAGE, Resolved, Text, base_language

CONTENT_DIR = Path(__file__).resolve().parent / "content"
PAPERS_FILE = CONTENT_DIR / "papers.yaml"
DEFINITIONS_FILE = CONTENT_DIR / "glossary.yaml"
# Owned by the translation team; see docs/glossary.md once it is on main.
CORE_GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "core" / "data" / "glossary.yaml"


# -- papers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperLead:
    status: str
    label: Text
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Paper:
    key: str
    image: str
    name: Text
    alt: Text
    description: Text
    look_for: tuple[Text, ...]
    leads: tuple[PaperLead, ...]


def load_papers(path: Path = PAPERS_FILE) -> tuple[Paper, ...]:
    data = read_yaml(path)
    validate(data, file=path.name, definition="papers_file")
    papers = []
    for raw in data["papers"]:
        leads = tuple(
            PaperLead(
                status=lead["status"],
                label=Text.of(lead["label"]),
                params=(("reception_centre", lead["reception_centre"]),)
                if "reception_centre" in lead
                else (),
            )
            for lead in raw["leads"]
        )
        papers.append(
            Paper(
                key=raw["key"],
                image=raw["image"],
                name=Text.of(raw["name"]),
                alt=Text.of(raw["alt"]),
                description=Text.of(raw["description"]),
                look_for=tuple(Text.of(item) for item in raw["look_for"]),
                leads=leads,
            )
        )
    return tuple(papers)


@functools.cache
def papers() -> tuple[Paper, ...]:
    return load_papers()


# -- glossary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryTerm:
    key: str
    de: str
    law: str
    keep_german: bool
    keep_as: str
    renderings: dict[str, str] = field(hash=False)
    forms: dict[str, tuple[str, ...]] = field(hash=False)
    de_match: tuple[str, ...] = ()
    definition: Text = field(default_factory=Text.of)

    def name(self, lang: str) -> Resolved:
        """The term as a visitor in ``lang`` reads it (German headword for German)."""
        lang = base_language(lang)
        if lang == SOURCE_LANGUAGE:
            return Resolved(self.de, SOURCE_LANGUAGE, False)
        if lang in self.renderings:
            return Resolved(self.renderings[lang], lang, False)
        return Resolved(self.de, SOURCE_LANGUAGE, True)


def load_definitions(path: Path = DEFINITIONS_FILE) -> dict[str, Text]:
    data = read_yaml(path)
    validate(data, file=path.name, definition="glossary_definitions_file")
    return {key: Text.of(value) for key, value in data["definitions"].items()}


def load_glossary(
    core: Path = CORE_GLOSSARY_FILE, definitions: Path = DEFINITIONS_FILE
) -> tuple[GlossaryTerm, ...]:
    """Terms of the core glossary that have a public definition, in the core file's order.

    Without the core file (before the translation team's work is merged) the glossary is
    empty and nothing is linked; the definitions are still validated.
    """
    defined = load_definitions(definitions)
    if not core.exists():
        return ()
    try:
        data: Any = yaml.load(core.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
        raw_terms = data["terms"]
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise RulebaseError(
            file=core.name, rule_id=None, field="terms", message=f"unreadable glossary: {exc}"
        ) from exc
    terms = []
    for raw in raw_terms:
        key = raw["key"]
        definition = defined.get(key) or (
            Text.of(raw["definition"]) if raw.get("definition") else None
        )
        if definition is None or raw.get("brand"):
            continue
        renderings = {
            lang: raw[lang]["term"] for lang in LANGUAGES if isinstance(raw.get(lang), dict)
        }
        forms = {
            lang: tuple(raw[lang].get("forms", ()))
            for lang in LANGUAGES
            if isinstance(raw.get(lang), dict)
        }
        terms.append(
            GlossaryTerm(
                key=key,
                de=raw["de"],
                law=raw.get("law", ""),
                keep_german=bool(raw.get("keep_german", False)),
                keep_as=raw.get("keep_as", raw["de"]),
                renderings=renderings,
                forms=forms,
                de_match=tuple(raw.get("de_match") or [raw["de"]]),
                definition=definition,
            )
        )
    return tuple(terms)


@functools.cache
def glossary() -> tuple[GlossaryTerm, ...]:
    return load_glossary()


def _word_pattern(form: str) -> str:
    """A de_match form as a regex: whole word; a trailing * allows a longer word."""
    prefix = form.endswith("*")
    words = [re.escape(word) for word in form.rstrip("*").split()]
    body = r"\s+".join(words)
    return r"(?<!\w)" + body + (r"\w*" if prefix else "") + r"(?!\w)"


@dataclass(frozen=True)
class _Linker:
    pattern: re.Pattern[str] | None
    keys: tuple[str, ...]


@functools.cache
def _linker(lang: str, terms: tuple[GlossaryTerm, ...]) -> _Linker:
    """One regex per language: every matchable form of every term, longest first."""
    alternatives: list[tuple[int, str, str]] = []
    for term in terms:
        patterns = [_word_pattern(form) for form in term.de_match]
        # Texts in other languages keep the German word for terms printed on papers, and use
        # the agreed rendering (its accepted forms are stems: matched as word beginnings).
        if lang != SOURCE_LANGUAGE:
            patterns += [
                r"(?<!\w)" + re.escape(form) for form in term.forms.get(lang, ()) if len(form) >= 4
            ]
        for pattern in patterns:
            alternatives.append((len(pattern), pattern, term.key))
    if not alternatives:
        return _Linker(None, ())
    alternatives.sort(key=lambda item: -item[0])
    keys = tuple(key for _length, _pattern, key in alternatives)
    combined = "|".join(f"({pattern})" for _length, pattern, _key in alternatives)
    return _Linker(re.compile(combined, re.IGNORECASE), keys)


def link_terms(
    text: str,
    *,
    lang: str,
    url: str,
    terms: Iterable[GlossaryTerm] | None = None,
    seen: set[str] | None = None,
) -> SafeString:
    """``text`` escaped, with the first mention of each glossary term linked to its entry.

    ``seen`` carries the terms already linked on the page part (so a card links each term
    once); ``url`` is the glossary page, the term key becomes the fragment.
    """
    language = base_language(lang)
    linker = _linker(language, tuple(terms) if terms is not None else glossary())
    if linker.pattern is None or not text:
        return escape(mark_terms(text, language))
    seen = seen if seen is not None else set()
    out: list[str] = []
    position = 0
    for match in linker.pattern.finditer(text):
        key = linker.keys[(match.lastindex or 1) - 1]
        if key in seen:
            continue
        seen.add(key)
        out.append(escape(mark_terms(text[position : match.start()], language)))
        link_text = mark_terms(match.group(0), language)
        out.append(format_html('<a class="guide-term" href="{}#{}">{}</a>', url, key, link_text))
        position = match.end()
    # German words a translation keeps ("(Duldung)", "§ 60c AufenthG") are marked lang="de".
    out.append(escape(mark_terms(text[position:], language)))
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped or built by format_html
