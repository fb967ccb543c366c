"""The multilingual concept dictionary: questions in seven languages become German terms.

`data/concepts.yaml` (versioned, edited by staff through the repository, see
docs/directory.md) lists concepts of refugee work ("language course", "childcare", …) with
their words in de, en, ar, fa, uk, tr, ru and the directory categories they belong to. A
query's words that spell a concept in another language are replaced by the concept's German
terms; German words that name a concept get its other German terms as synonyms. Pure Python
on a small in-memory table, so both databases receive the same expanded query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from .text import DATA, STOP_WORDS, fold, stem_word

LANGUAGES = ("de", "en", "ar", "fa", "uk", "tr", "ru")
MAX_GERMAN_TERMS = 6  # expansions per concept: enough for recall, cheap for the index
_TOKEN = re.compile(r"[^\W_]+")
# Arabic prefixes glued to a word: the article and conjunction/preposition + article.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "کال", "لل", "ال")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


GLOSSARY = DATA.parent.parent / "data" / "glossary.yaml"
_PARENTHESIS = re.compile(r"\(([^)]*)\)")


def _file() -> Path:
    return Path(getattr(settings, "BEKO_SEARCH_CONCEPTS", DATA / "concepts.yaml"))


def _glossary_renderings(path: Path, loader: Any) -> dict[str, dict[str, list[str]]]:
    """Glossary key -> language -> search terms from its agreed rendering:
    "Duldung (toleration)" gives "Duldung" and "toleration"; "a / b" gives both."""
    if not path.exists():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    found: dict[str, dict[str, list[str]]] = {}
    for term in data.get("terms") or []:
        for language in LANGUAGES[1:]:
            rendering = (term.get(language) or {}).get("term", "")
            pieces = [*_PARENTHESIS.findall(rendering), _PARENTHESIS.sub(" ", rendering)]
            found.setdefault(term["key"], {})[language] = [
                part.strip() for piece in pieces for part in piece.split("/") if part.strip()
            ]
    return found


@dataclass(frozen=True)
class Concept:
    id: str
    german: tuple[str, ...]  # search terms, the first ones are shown ("Gesucht wurde")
    categories: tuple[str, ...]
    terms: dict[str, tuple[str, ...]]  # language -> terms as written in the file


@dataclass(frozen=True)
class ConceptMatch:
    concept: Concept
    positions: tuple[int, ...]  # query word positions it consumed
    language: str  # the language whose term matched ("de": German synonyms only)
    typed: tuple[str, ...]  # the query words it consumed (folded)


def normalise(word: str) -> str:
    """A folded word for comparing dictionary terms with queries (Arabic article off)."""
    if _ARABIC.search(word):
        for prefix in _ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                return word[len(prefix) :]
    return word


def tokens(text: str, language: str = "") -> list[str]:
    stop = _foreign_stop_words()
    return [
        normalise(w) for w in _TOKEN.findall(fold(text)) if w not in STOP_WORDS and w not in stop
    ]


@dataclass(frozen=True)
class _Phrase:
    concept: Concept
    language: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Dictionary:
    version: str
    concepts: tuple[Concept, ...]
    stop_words: frozenset[str]
    phrases: tuple[_Phrase, ...]
    by_prefix: dict[str, tuple[int, ...]]  # first 3 letters of a phrase word -> phrases
    by_deletion: dict[str, tuple[int, ...]]  # 1-deletions of long words (typos) -> phrases


def _text(value: object, where: str) -> str:
    # YAML reads on/off/yes/no as booleans and 24 as a number: such words must be quoted.
    if not isinstance(value, str):
        raise ValueError(f"concepts.yaml, {where}: quote the term {value!r}")
    return value


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


@lru_cache(maxsize=4)
def _load(path: Path) -> Dictionary:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is 10 times faster
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    stop = frozenset(
        fold(_text(w, "stop_words"))
        for words in (data.get("stop_words") or {}).values()
        for w in words
    )
    glossary = _glossary_renderings(GLOSSARY, loader)
    concepts = []
    for raw in data["concepts"]:
        terms = {
            lang: tuple(_text(t, raw["id"]) for t in raw.get(lang) or ()) for lang in LANGUAGES
        }
        for key in raw.get("glossary") or ():
            if key not in glossary and glossary:
                raise ValueError(f"concepts.yaml, {raw['id']}: no glossary term {key!r}")
            for lang, renderings in glossary.get(key, {}).items():
                terms[lang] = tuple(dict.fromkeys([*terms[lang], *renderings]))
        concepts.append(
            Concept(
                id=raw["id"],
                german=terms["de"],
                categories=tuple(raw.get("categories") or ()),
                terms=terms,
            )
        )
    phrases: list[_Phrase] = []
    by_prefix: dict[str, list[int]] = {}
    by_deletion: dict[str, list[int]] = {}
    for concept in concepts:
        for language, written in concept.terms.items():
            for term in written:
                words = tuple(
                    normalise(w)
                    for w in _TOKEN.findall(fold(term))
                    if w not in STOP_WORDS and w not in stop
                )
                if not words:
                    continue
                index = len(phrases)
                phrases.append(_Phrase(concept, language, words))
                for word in words:
                    by_prefix.setdefault(word[:3], []).append(index)
                    if len(word) >= 6 and language != "de":
                        for deletion in _deletions(word):
                            by_deletion.setdefault(deletion, []).append(index)
    return Dictionary(
        version=str(data.get("version", "")),
        concepts=tuple(concepts),
        stop_words=stop,
        phrases=tuple(phrases),
        by_prefix={k: tuple(dict.fromkeys(v)) for k, v in by_prefix.items()},
        by_deletion={k: tuple(dict.fromkeys(v)) for k, v in by_deletion.items()},
    )


def dictionary() -> Dictionary:
    return _load(_file())


def _foreign_stop_words() -> frozenset[str]:
    return dictionary().stop_words


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def word_matches(typed: str, term: str, *, language: str) -> bool:
    """Does a typed word spell a dictionary word? German: same stem. Other languages:
    inflected forms (a shared beginning: "курсы"/"курс", "kursları"/"kurs"), or one typo
    in a long word."""
    if typed == term:
        return True
    if language == "de":
        return stem_word(typed) == stem_word(term)
    if len(term) >= 4 and typed.startswith(term):
        return True
    if len(typed) >= 5 and term.startswith(typed):
        return True
    shared = _common_prefix(typed, term)
    if shared >= 3 and shared >= max(len(typed), len(term)) - 3:
        return True
    if len(term) >= 6 and abs(len(typed) - len(term)) <= 1:
        from .query import damerau_levenshtein

        return damerau_levenshtein(typed, term, 1) <= 1
    return False


def _candidates(words: Iterable[str], book: Dictionary) -> list[int]:
    found: dict[int, None] = {}
    for word in words:
        for index in book.by_prefix.get(word[:3], ()):
            found[index] = None
        if len(word) >= 5:
            for deletion in _deletions(word):
                for index in book.by_deletion.get(deletion, ()):
                    found[index] = None
    return list(found)


def interpret(words: list[str]) -> list[ConceptMatch]:
    """Concepts spelled by the (folded, stop-word-free) query words, longest phrases first;
    every query word belongs to at most one concept."""
    book = dictionary()
    normalised = [normalise(w) for w in words]
    taken: set[int] = set()
    matches: list[tuple[int, int, ConceptMatch]] = []
    for index in _candidates(normalised, book):
        phrase = book.phrases[index]
        used: list[int] = []
        for term_word in phrase.words:
            position = next(
                (
                    i
                    for i, typed in enumerate(normalised)
                    if i not in used and word_matches(typed, term_word, language=phrase.language)
                ),
                None,
            )
            if position is None:
                break
            used.append(position)
        else:
            exact = sum(normalised[i] == w for i, w in zip(used, phrase.words, strict=True))
            match = ConceptMatch(
                concept=phrase.concept,
                positions=tuple(sorted(used)),
                language=phrase.language,
                typed=tuple(words[i] for i in sorted(used)),
            )
            matches.append((len(used), exact, match))
    # Longest phrase first, then exact spellings, then German (the words need no
    # translation), then the dictionary's order.
    matches.sort(key=lambda m: (-m[0], -m[1], m[2].language != "de"))
    chosen: list[ConceptMatch] = []
    for _length, _exact, match in matches:
        if taken.intersection(match.positions):
            continue
        taken.update(match.positions)
        chosen.append(match)
    return chosen
