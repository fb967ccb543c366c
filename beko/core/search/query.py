"""Turning what a user typed into term groups: stems, prefixes, compound parts, typo
corrections, synonyms and concepts from the multilingual dictionary.

Every backend receives the same `ParsedQuery`, so SQLite and PostgreSQL search for exactly
the same tokens. A document matches when it matches every group (AND) — or, for a relaxed
query (`ParsedQuery.relaxed`), at least `min_groups` of them; inside a group any
alternative matches (OR); an alternative with `parts` needs all of its parts (AND).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Protocol

from .concepts import MAX_GERMAN_TERMS, ConceptMatch, dictionary, interpret
from .synonyms import synonyms_of
from .text import split_compound, stem_word, words

MAX_QUERY_TERMS = 10
MIN_PREFIX = 4  # shorter prefixes match too much to be useful
MIN_FUZZY = 5  # shorter words have too many neighbours at distance 1
MAX_COMBINATIONS = 20  # a relaxed query lists at most this many group combinations
# Compound heads that say little beyond "some kind of offer": in "Suchthilfe" the modifier
# carries the meaning, so "Suchtberatung" answers it too (ranked below the whole word).
GENERIC_HEADS = frozenset(
    ["hilfe", "beratung", "angebot", "stelle", "service", "unterstutzung", "begleitung"]
)


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
    # All of these (AND) instead of `term`: compound parts ("zeugnis" + "anerkennung" for
    # "Zeugnisanerkennung") or the words of a phrase.
    parts: tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class TermGroup:
    word: str  # what the user typed (for a concept: the words it consumed)
    alternatives: tuple[Alternative, ...]
    searched: tuple[str, ...] = ()  # German words shown as "Gesucht wurde" (concepts)
    translated: bool = False  # a concept matched in another language than German


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    groups: tuple[TermGroup, ...] = ()
    corrections: dict[str, str] = field(default_factory=dict)
    min_groups: int = 0  # 0 = every group; fewer = a relaxed query (see relaxed())
    categories: tuple[str, ...] = ()  # directory categories of the concepts found
    dictionary_version: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def required(self) -> int:
        return self.min_groups or len(self.groups)

    @property
    def is_relaxed(self) -> bool:
        return self.required < len(self.groups)

    @property
    def translated(self) -> bool:
        return any(group.translated for group in self.groups)

    @property
    def searched(self) -> list[str]:
        """The German words searched for, in query order ("Deutschkurs, Sprachkurs")."""
        shown: list[str] = []
        for group in self.groups:
            for word in group.searched or (group.word,):
                if word not in shown:
                    shown.append(word)
        return shown

    def relaxed(self) -> ParsedQuery | None:
        """The same query needing one group fewer (most of the words), or None."""
        if self.required <= 1:
            return None
        return replace(self, min_groups=self.required - 1)

    def combinations(self) -> list[tuple[TermGroup, ...]] | None:
        """The group combinations a relaxed query ORs, or None for "any group" (too many)."""
        chosen = list(combinations(self.groups, self.required))
        return chosen if len(chosen) <= MAX_COMBINATIONS else None


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


def _word_alternatives(word: str, *, synonym: bool = False) -> list[Alternative]:
    """A word's stem, exactly and as prefix, and its compound parts."""
    stemmed = stem_word(word)
    # The stem both exactly and as a prefix: bm25 then counts a typed word twice, which
    # ranks it above its synonyms (PostgreSQL gets the same effect from typed_tsquery).
    found = [Alternative(stemmed, synonym=synonym)]
    if len(stemmed) >= MIN_PREFIX:
        found.append(Alternative(stemmed, prefix=True, synonym=synonym))
    # The unstemmed word as prefix finds compounds: "Jugend" -> "Jugendberatung" (the stem
    # "jug" is too short for a prefix search of its own).
    if not word.startswith(stemmed) or len(stemmed) < MIN_PREFIX <= len(word):
        found.append(Alternative(word, prefix=True, synonym=synonym))
    parts = split_compound(word)
    if parts:
        # "Zeugnisanerkennung" also finds "Anerkennung von Zeugnissen" — ranked like a
        # synonym: the parts' prefixes ("kind*" of "Kindergarten") must not lift documents
        # that only share a part (ts_rank counts partial matches of an AND).
        found.append(Alternative("", synonym=True, parts=tuple(_compound_part(p) for p in parts)))
        if parts[-1] in GENERIC_HEADS:
            modifier = parts[:-1]
            found.append(
                Alternative("", synonym=True, parts=tuple(_compound_part(p) for p in modifier))
                if len(modifier) > 1
                else replace(_compound_part(modifier[0]), synonym=True)
            )
    return found


def _part(word: str) -> Alternative:
    """A word of a phrase: its stem as a prefix, so inflected forms match."""
    stemmed = stem_word(word)
    return Alternative(stemmed, prefix=len(stemmed) >= MIN_PREFIX)


def _compound_part(word: str) -> Alternative:
    """A compound part: its stem exactly. Compounds in the index carry their parts as
    tokens of their own, and a prefix ("deutsch*", "sprach*") would expand to hundreds of
    tokens and make every compound query markedly slower on a cold cache."""
    return Alternative(stem_word(word))


def _phrase_alternative(text: str) -> Alternative | None:
    """A dictionary term (one word or a phrase) as one alternative."""
    found = words(text)
    if not found:
        return None
    if len(found) == 1:
        return _part(found[0])
    return Alternative("", parts=tuple(_part(w) for w in found))


def _alternatives(word: str, stemmed: str) -> list[Alternative]:
    found = _word_alternatives(word)
    for synonym in sorted(synonyms_of(stemmed) - {stemmed}):
        found.append(Alternative(synonym, synonym=True))
    return found


def _concept_group(match: ConceptMatch) -> TermGroup:
    """A concept named in another language: its German terms, plus the typed words (offer
    translations are indexed too)."""
    alternatives: list[Alternative] = []
    typed = [w for w in match.typed if w.isalpha()]
    if len(typed) == 1:
        alternatives.extend(_word_alternatives(typed[0]))
    elif typed:
        alternatives.append(Alternative("", parts=tuple(_part(w) for w in typed)))
    for term in match.concept.german[:MAX_GERMAN_TERMS]:
        alternative = _phrase_alternative(term)
        if alternative is not None:
            alternatives.append(alternative)
    return TermGroup(
        word=" ".join(match.typed),
        alternatives=tuple(dict.fromkeys(alternatives)),
        searched=match.concept.german[:3],
        translated=True,
    )


def _typed_words(text: str) -> list[str]:
    stop = dictionary().stop_words
    return [w for w in words(text) if w not in stop]


def parse(text: str, vocabulary: Vocabulary) -> ParsedQuery:
    typed = list(dict.fromkeys(_typed_words(text)))[:MAX_QUERY_TERMS]
    if not typed:
        return ParsedQuery(text=text)
    found = interpret(typed)
    # German words stay what they are (synonyms.txt widens them); their concepts only
    # contribute categories. Words of other languages are replaced by the concept.
    matches = [m for m in found if m.language != "de"]
    consumed = {position: match for match in matches for position in match.positions}
    plain = [w for i, w in enumerate(typed) if i not in consumed]
    candidates = {stem_word(w) for w in plain} | {w for w in plain if len(w) >= MIN_PREFIX}
    known = vocabulary.known(sorted(candidates)) if candidates else set()
    groups: list[TermGroup] = []
    corrections: dict[str, str] = {}
    categories: list[str] = []
    for found_match in found:
        categories.extend(c for c in found_match.concept.categories if c not in categories)
    done: set[int] = set()
    for position, word in enumerate(typed):
        match = consumed.get(position)
        if match is not None:
            if id(match) not in done:
                done.add(id(match))
                groups.append(_concept_group(match))
            continue
        stemmed = stem_word(word)
        alternatives = _alternatives(word, stemmed)
        if stemmed not in known and word not in known and not synonyms_of(stemmed):
            limit = max_typos(len(stemmed))
            similar = vocabulary.similar(stemmed, limit) if limit else []
            if similar:
                corrections[word] = similar[0]
            elif matches and not word.isascii():
                # A word in another script that no document contains, next to a concept
                # that was understood: it can only empty the result ("في", a name).
                continue
            for term in similar:
                alternatives.append(Alternative(term))
                for synonym in sorted(synonyms_of(term) - {term}):
                    alternatives.append(Alternative(synonym, synonym=True))
        groups.append(TermGroup(word=word, alternatives=tuple(dict.fromkeys(alternatives))))
    return ParsedQuery(
        text=text,
        groups=tuple(groups),
        corrections=corrections,
        categories=tuple(categories),
        dictionary_version=dictionary().version,
    )


# --- matching in Python (documents that live outside the index, e.g. the guide's pages) ---


def _tokens_match(alternative: Alternative, tokens: set[str], prefixes: list[str]) -> int:
    if alternative.parts:
        counts = [_tokens_match(part, tokens, prefixes) for part in alternative.parts]
        return sum(counts) if all(counts) else 0
    if alternative.prefix:
        return sum(1 for token in prefixes if token.startswith(alternative.term))
    return 1 if alternative.term in tokens else 0


def match_tokens(
    query: ParsedQuery, fields: list[tuple[str, float]], *, typed_only: bool = False
) -> float:
    """Score of a document given as (index token string, weight) pairs; 0 = no match.

    The same semantics as the backends (groups ANDed or `min_groups` of them, alternatives
    ORed, parts ANDed, prefixes); the score weighs matches by field like bm25's weights.
    """
    prepared = [(set(text.split()), text.split(), weight) for text, weight in fields]
    matched_groups = 0
    score = 0.0
    for group in query.groups:
        group_score = 0.0
        for tokens, ordered, weight in prepared:
            for alternative in group.alternatives:
                if typed_only and alternative.synonym:
                    continue
                hits = _tokens_match(alternative, tokens, ordered)
                if hits:
                    group_score += weight * hits * (0.5 if alternative.synonym else 1.0)
        if group_score:
            matched_groups += 1
            score += group_score
    return score if matched_groups >= query.required else 0.0


def highlight_terms(query: ParsedQuery) -> tuple[frozenset[str], tuple[str, ...]]:
    """Index tokens and token prefixes a highlighted word may match."""
    exact: set[str] = set()
    prefixes: set[str] = set()

    def add(alternative: Alternative) -> None:
        for part in alternative.parts:
            add(part)
        if alternative.term:
            (prefixes if alternative.prefix else exact).add(alternative.term)

    for group in query.groups:
        for alternative in group.alternatives:
            add(alternative)
    return frozenset(exact), tuple(sorted(prefixes))
