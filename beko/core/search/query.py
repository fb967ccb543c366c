"""Turning what a user typed into term groups: stems, prefixes, typo corrections, synonyms.

Every backend receives the same `ParsedQuery`, so SQLite and PostgreSQL search for exactly
the same tokens. A document matches when it matches every group (AND); inside a group any
alternative matches (OR).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .synonyms import synonyms_of
from .text import stem_word, words

MAX_QUERY_TERMS = 10
MIN_PREFIX = 4  # shorter prefixes match too much to be useful
MIN_FUZZY = 5  # shorter words have too many neighbours at distance 1


class Vocabulary(Protocol):
    def known(self, stems: list[str]) -> set[str]:
        """The stems that occur in the index as a token or as a token prefix."""

    def similar(self, stem: str, max_distance: int) -> list[str]:
        """Index tokens within `max_distance` edits of `stem`."""


@dataclass(frozen=True)
class Alternative:
    term: str
    prefix: bool = False
    synonym: bool = False  # ranked below the words the user typed


@dataclass(frozen=True)
class TermGroup:
    word: str
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    groups: tuple[TermGroup, ...] = ()
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def max_typos(length: int) -> int:
    if length < MIN_FUZZY:
        return 0
    return 1 if length < 9 else 2


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions; returns limit + 1 as soon as it is exceeded."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _alternatives(word: str, stemmed: str) -> list[Alternative]:
    # The stem both exactly and as a prefix: bm25 then counts a typed word twice, which
    # ranks it above its synonyms (PostgreSQL gets the same effect from typed_tsquery).
    found = [Alternative(stemmed)]
    if len(stemmed) >= MIN_PREFIX:
        found.append(Alternative(stemmed, prefix=True))
    # The unstemmed word as prefix finds compounds: "Jugend" -> "Jugendberatung" (the stem
    # "jug" is too short for a prefix search of its own).
    if not word.startswith(stemmed) or len(stemmed) < MIN_PREFIX <= len(word):
        found.append(Alternative(word, prefix=True))
    for synonym in sorted(synonyms_of(stemmed) - {stemmed}):
        found.append(Alternative(synonym, synonym=True))
    return found


def parse(text: str, vocabulary: Vocabulary) -> ParsedQuery:
    seen: dict[str, str] = {}
    for word in words(text):
        seen.setdefault(word, stem_word(word))
        if len(seen) >= MAX_QUERY_TERMS:
            break
    if not seen:
        return ParsedQuery(text=text)
    candidates = set(seen.values()) | {w for w in seen if len(w) >= MIN_PREFIX}
    known = vocabulary.known(sorted(candidates))
    groups = []
    corrections: dict[str, str] = {}
    for word, stemmed in seen.items():
        alternatives = _alternatives(word, stemmed)
        if stemmed not in known and word not in known and not synonyms_of(stemmed):
            limit = max_typos(len(stemmed))
            if limit:
                similar = vocabulary.similar(stemmed, limit)
                if similar:
                    corrections[word] = similar[0]
                for term in similar:
                    alternatives.append(Alternative(term))
                    for synonym in sorted(synonyms_of(term) - {term}):
                        alternatives.append(Alternative(synonym, synonym=True))
        unique = tuple(dict.fromkeys(alternatives))
        groups.append(TermGroup(word=word, alternatives=unique))
    return ParsedQuery(text=text, groups=tuple(groups), corrections=corrections)
