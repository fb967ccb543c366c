"""The terminology glossary: one agreed rendering per legal/administrative term and language.

The data is `beko/core/data/glossary.yaml`; `docs/glossary.md` is generated from it
(`manage.py glossary_doc`). Translators follow it, `messages_apply` warns about deviations and
a test checks the catalogues against it: where a msgid contains a term, each translation must
use the agreed rendering (or one of its listed inflected forms) and, for terms printed on
people's papers, keep the German word beside it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jsonschema
import yaml

# libyaml's parser where PyYAML has it (the wheels do): several times faster than the
# pure-Python one, and these files are read in every worker start.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "data" / "glossary.yaml"
TARGET_LANGUAGES = ("en", "ar", "fa", "uk", "tr", "ru")

_RENDERING_SCHEMA = {
    "type": "object",
    "required": ["term", "forms"],
    "additionalProperties": False,
    "properties": {
        "term": {"type": "string", "minLength": 1},
        "forms": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "note": {"type": "string"},
    },
}
_TEXT_PER_LANGUAGE = {
    "type": "object",
    "propertyNames": {"enum": ["de", *TARGET_LANGUAGES]},
    "additionalProperties": {"type": "string"},
}
SCHEMA = {
    "type": "object",
    "required": ["principles", "languages", "terms"],
    "additionalProperties": False,
    "properties": {
        "principles": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "text"],
                "additionalProperties": False,
                "properties": {"title": {"type": "string"}, "text": {"type": "string"}},
            },
        },
        "languages": {
            "type": "object",
            "propertyNames": {"enum": list(TARGET_LANGUAGES)},
            "additionalProperties": {
                "type": "object",
                "required": ["name", "address"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string"},
                    "address": {"type": "string"},
                    "notes": {"type": "string"},
                },
            },
        },
        "terms": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "de", "note"],
                "additionalProperties": False,
                "properties": {
                    "key": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                    "de": {"type": "string", "minLength": 1},
                    "de_match": {"type": "array", "items": {"type": "string", "minLength": 2}},
                    "keep_german": {"type": "boolean"},
                    "keep_as": {"type": "string", "minLength": 2},
                    "brand": {"type": "boolean"},
                    "apps": {"type": "array", "items": {"type": "string"}},
                    "law": {"type": "string"},
                    "note": {"type": "string"},
                    "definition": _TEXT_PER_LANGUAGE,
                    **dict.fromkeys(TARGET_LANGUAGES, _RENDERING_SCHEMA),
                },
                # A brand name stays as it is in every language; every other term needs an
                # agreed rendering in each of them.
                "if": {"properties": {"brand": {"const": True}}, "required": ["brand"]},
                "else": {"required": list(TARGET_LANGUAGES)},
            },
        },
    },
}


@dataclass(frozen=True)
class Rendering:
    term: str
    forms: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Term:
    key: str
    de: str
    de_match: tuple[str, ...]
    keep_german: bool
    keep_as: str
    brand: bool
    apps: tuple[str, ...]
    law: str
    note: str
    renderings: dict[str, Rendering] = field(hash=False)
    definition: dict[str, str] = field(hash=False)


@dataclass(frozen=True)
class Principle:
    title: str
    text: str


@dataclass(frozen=True)
class LanguageNotes:
    code: str
    name: str
    address: str
    notes: str


@dataclass(frozen=True)
class Glossary:
    principles: tuple[Principle, ...]
    languages: tuple[LanguageNotes, ...]
    terms: tuple[Term, ...]


class GlossaryError(ValueError):
    pass


# Arabic ي/ى/ك → Persian ی/ک, ZWNJ → space, ё → е, typographic apostrophes → '.
_LETTER_VARIANTS = str.maketrans("يىك\u200cё’ʼ", "ییک е''")


def fold(text: str) -> str:
    """Normalise text for matching: case, Arabic diacritics and tatweel, Arabic/Persian letter
    variants, ZWNJ, ё, apostrophes, whitespace. Matching only; the texts stay as written."""
    text = unicodedata.normalize("NFC", text).casefold().replace("\u0307", "")
    text = re.sub(r"[\u064b-\u065f\u0670\u0640]", "", text)
    text = text.translate(_LETTER_VARIANTS)
    return re.sub(r"\s+", " ", text)


def _term_from(raw: dict) -> Term:
    renderings = {
        language: Rendering(
            term=raw[language]["term"],
            forms=tuple(raw[language]["forms"]),
            note=raw[language].get("note", ""),
        )
        for language in TARGET_LANGUAGES
        if language in raw
    }
    return Term(
        key=raw["key"],
        de=raw["de"],
        de_match=tuple(raw.get("de_match") or [raw["de"]]),
        keep_german=bool(raw.get("keep_german", False)),
        keep_as=raw.get("keep_as", raw["de"]),
        brand=bool(raw.get("brand", False)),
        apps=tuple(raw.get("apps", [])),
        law=raw.get("law", ""),
        note=raw["note"].strip(),
        renderings=renderings,
        definition=dict(raw.get("definition", {})),
    )


def glossary_parse(data: object) -> Glossary:
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError as error:
        where = "/".join(str(part) for part in error.absolute_path)
        raise GlossaryError(f"glossary.yaml at {where or 'top'}: {error.message}") from error
    if not isinstance(data, dict):  # the schema guarantees it; this tells the type checker
        raise GlossaryError("glossary.yaml: expected a mapping")
    terms = tuple(_term_from(raw) for raw in data["terms"])
    keys = [term.key for term in terms]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise GlossaryError(f"glossary.yaml: duplicate keys {duplicates}")
    for term in terms:
        if term.keep_german and not term.brand:
            for language, rendering in term.renderings.items():
                if fold(term.keep_as) not in fold(rendering.term):
                    raise GlossaryError(
                        f"glossary.yaml: {term.key}/{language}: the rendering must keep the "
                        f"German word {term.keep_as!r} beside the translation"
                    )
        for language, rendering in term.renderings.items():
            if not any(fold(form) in fold(rendering.term) for form in rendering.forms):
                raise GlossaryError(
                    f"glossary.yaml: {term.key}/{language}: no accepted form occurs in the "
                    f"agreed rendering {rendering.term!r}"
                )
    return Glossary(
        principles=tuple(Principle(p["title"], p["text"].strip()) for p in data["principles"]),
        languages=tuple(
            LanguageNotes(code, v["name"], v["address"].strip(), v.get("notes", "").strip())
            for code, v in data["languages"].items()
        ),
        terms=terms,
    )


@cache
def glossary_load(path: Path = GLOSSARY_PATH) -> Glossary:
    return glossary_parse(yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER))  # noqa: S506 - a safe loader


@cache
def _pattern(form: str) -> re.Pattern[str]:
    prefix = form.endswith("*")
    body = re.escape(fold(form.rstrip("*")))
    return re.compile(r"(?<!\w)" + body + (r"\w*" if prefix else "") + r"(?!\w)")


@dataclass(frozen=True)
class TermMatch:
    term: Term
    words: tuple[str, ...]  # the German words as they appear (folded)
    quoted: bool  # every occurrence is inside quotation marks („Duldung“)


# Placeholders and tags are code, not German words ("%(organisation)s").
_PLACEHOLDERS = re.compile(r"%\(\w+\)[a-zA-Z]|\{\w*\}|<[^<>]*>")
_QUOTED = re.compile(r"„[^“”]*[“”]|“[^”]*”|\"[^\"]*\"|«[^»]*»")


def term_matches(glossary: Glossary, text: str, *, apps: Iterable[str] = ()) -> list[TermMatch]:
    """The glossary terms a German text contains.

    A match gives way to a longer match of another term that starts at the same place
    ("Ausbildungsduldung" is that term, not "Ausbildung"; "Jobcenter Wuppertal" is the name)
    and to any name (brand) that contains it ("Meet & Eat" holds no "eAT"). A term limited to
    some apps only counts in msgids those apps use.
    """
    folded = fold(_PLACEHOLDERS.sub(" ", text))
    quotes = [match.span() for match in _QUOTED.finditer(folded)]
    used_by = set(apps)
    matches: list[tuple[int, int, int, Term]] = []
    for term in glossary.terms:
        if term.apps and used_by and not used_by & set(term.apps):
            continue
        for form in term.de_match:
            for match in _pattern(form).finditer(folded):
                matches.append((match.start(), match.end(), len(form), term))

    def gives_way(a: tuple[int, int, int, Term]) -> bool:
        for b in matches:
            if b[3] is a[3] or not (b[0] <= a[0] and a[1] <= b[1]):
                continue
            larger = (b[1] - b[0], b[2]) > (a[1] - a[0], a[2])
            if larger and (b[3].brand or b[0] == a[0]):
                return True
        return False

    found: dict[str, TermMatch] = {}
    for start, end, length, term in sorted(matches, key=lambda m: m[0]):
        if gives_way((start, end, length, term)):
            continue
        quoted = any(q_start < start and end < q_end for q_start, q_end in quotes)
        previous = found.get(term.key)
        words = (previous.words if previous else ()) + (folded[start:end],)
        found[term.key] = TermMatch(
            term=term, words=words, quoted=quoted and (previous is None or previous.quoted)
        )
    return list(found.values())


def terms_in(glossary: Glossary, text: str, *, apps: Iterable[str] = ()) -> list[Term]:
    return [match.term for match in term_matches(glossary, text, apps=apps)]


def term_problems(
    term: Term, *, language: str, text: str, quoted: tuple[str, ...] = ()
) -> list[str]:
    """How one translation deviates from the glossary entry of one term. `quoted`: German
    words the msgid quotes („Duldung“, a search example); the translation may keep them."""
    folded = fold(text)
    problems = []
    if term.brand:
        if fold(term.keep_as) not in folded:
            problems.append(f"{term.de!r}: keep the name {term.keep_as!r} unchanged")
        return problems
    rendering = term.renderings.get(language)
    if rendering is None:
        return problems
    accepted = [*rendering.forms, *quoted]
    if not any(fold(form) in folded for form in accepted):
        problems.append(
            f"{term.de!r}: use the agreed rendering {rendering.term!r} "
            f"(accepted forms: {', '.join(rendering.forms)})"
        )
    if term.keep_german and fold(term.keep_as) not in folded:
        problems.append(f"{term.de!r}: keep the German word {term.keep_as!r} beside it")
    return problems


def glossary_problems(
    glossary: Glossary,
    *,
    msgid: str,
    language: str,
    texts: Iterable[str],
    apps: Iterable[str] = (),
) -> list[str]:
    """Glossary deviations of the translations (e.g. all plural forms) of one msgid."""
    if language not in TARGET_LANGUAGES:
        return []
    matches = term_matches(glossary, msgid, apps=apps)
    problems: list[str] = []
    for text in texts:
        if not text:
            continue
        for match in matches:
            quoted = match.words if match.quoted else ()
            for problem in term_problems(match.term, language=language, text=text, quoted=quoted):
                if problem not in problems:
                    problems.append(problem)
    return problems


LANGUAGE_NAMES = {
    "en": "English",
    "ar": "Arabic",
    "fa": "Farsi/Dari",
    "uk": "Ukrainian",
    "tr": "Turkish",
    "ru": "Russian",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def glossary_markdown(glossary: Glossary) -> str:
    """`docs/glossary.md`: principles, per-language conventions, every term."""
    out = [
        "# Translation glossary and principles",
        "",
        "<!-- Generated from beko/core/data/glossary.yaml by `manage.py glossary_doc`."
        " Do not edit by hand: edit the YAML and run the command. -->",
        "",
        "One agreed rendering per legal and administrative term, for every language of the "
        "interface. Translators of the UI catalogues, the guide's rule texts and the content "
        "use it; `manage.py messages_apply` warns about deviations and "
        "`beko/core/tests/test_glossary.py` checks the catalogues against it. How to translate: "
        "[translations.md](translations.md).",
        "",
        "## Principles",
        "",
    ]
    for number, principle in enumerate(glossary.principles, start=1):
        out += [f"{number}. **{principle.title}.** {principle.text}", ""]
    out += ["## Per language", "", "| language | address | notes |", "|---|---|---|"]
    for notes in glossary.languages:
        out.append(
            f"| {notes.name} (`{notes.code}`) | {_cell(notes.address)} | {_cell(notes.notes)} |"
        )
    out += [
        "",
        "## Terms",
        "",
        "**German on the papers** marks terms printed on people's documents and letters: the "
        "translation keeps the German word beside it, so they can match it. *Accepted forms* "
        "are the inflected forms and stems the glossary test accepts (compared without case, "
        "Arabic diacritics, ZWNJ and letter variants). Where the German msgid quotes a term "
        "(„Duldung“, a search example), the translation may quote the German word instead.",
        "",
        "| German | key | English |",
        "|---|---|---|",
    ]
    for term in glossary.terms:
        english = term.renderings["en"].term if "en" in term.renderings else term.de
        out.append(f"| [{_cell(term.de)}](#{term.key}) | `{term.key}` | {_cell(english)} |")
    out.append("")
    for term in glossary.terms:
        out += [f'### <a id="{term.key}"></a>{term.de}', ""]
        facts = [f"key `{term.key}`"]
        if term.brand:
            facts.append("name: stays unchanged in every language")
        elif term.keep_german:
            facts.append(f"German on the papers: keep **{term.keep_as}** beside the translation")
        if term.law:
            facts.append(term.law)
        if term.apps:
            facts.append("checked in: " + ", ".join(term.apps))
        facts.append("found in German as: " + ", ".join(f"`{m}`" for m in term.de_match))
        out += [" · ".join(facts), "", term.note, ""]
        if term.renderings:
            out += ["| language | agreed rendering | accepted forms |", "|---|---|---|"]
            for language, rendering in term.renderings.items():
                note = f" ({_cell(rendering.note)})" if rendering.note else ""
                out.append(
                    f"| {LANGUAGE_NAMES[language]} | {_cell(rendering.term)}{note} | "
                    f"{_cell(', '.join(rendering.forms))} |"
                )
            out.append("")
        if term.definition:
            out += ["Definition:", ""]
            for language, text in term.definition.items():
                out.append(f"- `{language}`: {text.strip()}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
