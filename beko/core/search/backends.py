"""Database-specific matching and ranking. Both backends take the same ParsedQuery.

- SQLite: FTS5 (`search_searchdocument_fts`), ranked with bm25 and column weights.
- PostgreSQL: weighted tsvector with GIN index in the narrow table `search_match` (kept in
  step with the documents by triggers, migration 0005), ranked with ts_rank; typo
  candidates come from a pg_trgm index on the vocabulary.

A backend produces SQL returning `(object_id, ct, score)` rows (ct = content type id), higher score = better, so callers
can embed it in larger queries (filters, facet counts) without knowing the database.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db import connection

from .models import SearchTerm
from .query import Alternative, ParsedQuery, TermGroup, damerau_levenshtein

# Relative weights title : summary : body.
WEIGHTS = (10.0, 4.0, 1.0)


_CACHE_SECONDS = 60.0
_cache: dict[tuple[str, str, int], tuple[float, Any]] = {}


def _cached(kind: str, key: str, extra: int, compute: Callable[[], Any]) -> Any:
    """Per-process memo for vocabulary look-ups (60 s). Staleness is harmless: a word's own
    stem and prefix are always searched; the vocabulary only decides about typo fallbacks."""
    now = time.monotonic()
    hit = _cache.get((kind, key, extra))
    if hit and now - hit[0] < _CACHE_SECONDS:
        return hit[1]
    if len(_cache) > 20_000:
        _cache.clear()
    value = compute()
    _cache[(kind, key, extra)] = (now, value)
    return value


def clear_vocabulary_cache() -> None:
    _cache.clear()


class Backend:
    vendor = ""

    def match_sql(
        self, query: ParsedQuery, content_type_ids: list[int], *, visible_at: datetime | None = None
    ) -> tuple[str, list]:
        raise NotImplementedError

    @staticmethod
    def window_sql(visible_at: datetime | None) -> tuple[str, list]:
        """Condition on the document row `d`: inside its visibility window at `visible_at`."""
        if visible_at is None:
            return "", []
        value = connection.ops.adapt_datetimefield_value(visible_at)
        return (
            " AND (d.visible_from IS NULL OR d.visible_from <= %s)"
            " AND (d.visible_until IS NULL OR d.visible_until >= %s)",
            [value, value],
        )

    def id_list_sql(self, ids: list[int]) -> tuple[str, list]:
        """A subquery yielding `ids`, as one parameter (no limit on the number of ids)."""
        raise NotImplementedError

    # instr (SQLite) and strpos (PostgreSQL): position of the 2nd argument in the 1st, 0 = none.
    position_function = "instr"

    def keys_sql(self, column: str, groups: Sequence[Sequence[str]]) -> tuple[str, list]:
        """Condition: the space-separated keys in `column` hold at least one key of every
        group (an empty group matches nothing); "" without groups."""
        parts: list[str] = []
        params: list[str] = []
        padded = f"' ' || {column} || ' '"
        for group in groups:
            if not group:
                parts.append("1 = 0")
                continue
            parts.append(
                "("
                + " OR ".join([f"{self.position_function}({padded}, %s) > 0"] * len(group))
                + ")"
            )
            params.extend(f" {key} " for key in group)
        return " AND ".join(parts), params

    def without_first_key_sql(self, column: str, prefix: str) -> tuple[str, list]:
        """The space-separated keys in `column` without the first one when it starts with
        `prefix` ("" = keep every key): `keys.partition(" ")[2] if keys.startswith(prefix)`."""
        if not prefix:
            return column, []
        position = f"{self.position_function}({column} || ' ', ' ')"
        return (
            f"CASE WHEN substr({column}, 1, {len(prefix)}) = %s "
            f"THEN substr({column}, {position} + 1) ELSE {column} END",
            [prefix],
        )

    def fetch_matches(self, sql: str, params: list) -> list[tuple]:
        """Rows of a query built on `match_sql` (the backend may adjust how it is planned)."""
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # --- vocabulary (Vocabulary protocol of query.parse) --------------------------------

    def known(self, stems: list[str]) -> set[str]:
        """Which terms occur as a token or token prefix (one query for all uncached terms)."""
        now = time.monotonic()
        result: set[str] = set()
        missing = []
        for item in stems:
            hit = _cache.get(("known", item, 0))
            if hit and now - hit[0] < _CACHE_SECONDS:
                if hit[1]:
                    result.add(item)
            else:
                missing.append(item)
        if missing:
            found = self._known(missing)
            for item in missing:
                _cache[("known", item, 0)] = (now, item in found)
            result |= found
        return result

    def _known(self, stems: list[str]) -> set[str]:
        if not stems:
            return set()
        table = SearchTerm._meta.db_table
        parts = []
        params: list[str] = []
        for item in stems:
            low, high = item, item + "\U0010ffff"
            parts.append(f"EXISTS (SELECT 1 FROM {table} WHERE term >= %s AND term < %s)")  # noqa: S608 - only table names/placeholders; values are parameters
            params.extend([low, high])
        with connection.cursor() as cursor:
            cursor.execute(self._collated("SELECT " + ", ".join(parts)), params)
            row = cursor.fetchone()
        return {item for item, hit in zip(stems, row, strict=True) if hit}

    def _collated(self, sql: str) -> str:
        return sql

    def candidates(self, stem: str, max_distance: int) -> list[str]:
        raise NotImplementedError

    def readable(self, terms: list[str]) -> dict[str, str]:
        """Index term -> a readable word for it (nouns capitalised), for "Meinten Sie …?"."""
        from .text import fold, lexicon, split_compound

        found = dict(
            SearchTerm.objects.filter(term__in=terms).exclude(word="").values_list("term", "word")
        )
        return {
            # German nouns (and compounds, whose last part is a noun) are capitalised.
            term: (
                word[:1].upper() + word[1:]
                if fold(word) in lexicon() or split_compound(fold(word))
                else word
            )
            for term, word in found.items()
        }

    def similar(self, stem: str, max_distance: int) -> list[str]:
        return _cached("similar", stem, max_distance, lambda: self._similar(stem, max_distance))

    def _similar(self, stem: str, max_distance: int) -> list[str]:
        scored = []
        for term in self.candidates(stem, max_distance):
            distance = damerau_levenshtein(stem, term, max_distance)
            if distance <= max_distance:
                scored.append((distance, term))
        scored.sort()
        return [term for _distance, term in scored[:5]]


def _fts5_term(alternative: Alternative) -> str:
    # Terms are [^\W_]+ sequences (see text.py), so quoting cannot be broken out of.
    if alternative.parts:
        return "(" + " AND ".join(_fts5_term(p) for p in alternative.parts) + ")"
    return f'"{alternative.term}"' + ("*" if alternative.prefix else "")


def _expression(query: ParsedQuery, term: Callable[[Alternative], str], and_: str, or_: str) -> str:
    """The boolean match expression: groups ANDed (or, relaxed, `required` of them)."""

    def group_sql(group: TermGroup) -> str:
        return "(" + or_.join(term(a) for a in group.alternatives) + ")"

    if not query.is_relaxed:
        return and_.join(group_sql(g) for g in query.groups)
    combos = query.combinations()
    if combos is None:
        return or_.join(group_sql(g) for g in query.groups)
    return or_.join("(" + and_.join(group_sql(g) for g in combo) + ")" for combo in combos)


class SqliteBackend(Backend):
    vendor = "sqlite"

    def match_expression(self, query: ParsedQuery) -> str:
        return _expression(query, _fts5_term, " AND ", " OR ")

    def candidates(self, stem: str, max_distance: int) -> list[str]:
        table = SearchTerm._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term FROM {table} WHERE length(term) BETWEEN %s AND %s",  # noqa: S608 - only table names/placeholders; values are parameters
                [len(stem) - max_distance, len(stem) + max_distance],
            )
            return [row[0] for row in cursor.fetchall()]

    def id_list_sql(self, ids: list[int]) -> tuple[str, list]:
        return "SELECT value FROM json_each(%s)", [json.dumps(ids)]

    def match_sql(
        self, query: ParsedQuery, content_type_ids: list[int], *, visible_at: datetime | None = None
    ) -> tuple[str, list]:
        placeholders = ", ".join(["%s"] * len(content_type_ids))
        title, summary, body = WEIGHTS
        window, window_params = self.window_sql(visible_at)
        sql = (
            "SELECT d.object_id AS object_id, d.content_type_id AS ct, d.keys AS keys, "  # noqa: S608 - only table names/placeholders; values are parameters
            f"-bm25(search_searchdocument_fts, {title}, {summary}, {body}) AS score "
            "FROM search_searchdocument_fts "
            # CROSS JOIN fixes the order: SQLite must start from the full-text matches, never
            # from all documents of a content type (a full-text lookup per document).
            "CROSS JOIN search_searchdocument d ON d.id = search_searchdocument_fts.rowid "
            "WHERE search_searchdocument_fts MATCH %s "
            f"AND d.content_type_id IN ({placeholders}){window}"
        )
        return sql, [self.match_expression(query), *content_type_ids, *window_params]


def _tsquery_term(alternative: Alternative) -> str:
    if alternative.parts:
        return "(" + " & ".join(_tsquery_term(p) for p in alternative.parts) + ")"
    return f"'{alternative.term}'" + (":*" if alternative.prefix else "")


class PostgresBackend(Backend):
    vendor = "postgresql"
    position_function = "strpos"

    def _collated(self, sql: str) -> str:
        # Byte order makes "term >= x AND term < x || U+10FFFF" an exact prefix test.
        return sql.replace(
            "term >= %s AND term < %s", 'term COLLATE "C" >= %s AND term COLLATE "C" < %s'
        )

    def tsquery(self, query: ParsedQuery) -> str:
        return _expression(query, _tsquery_term, " & ", " | ")

    def typed_tsquery(self, query: ParsedQuery) -> str:
        """Only what the user typed (no synonyms), any of it: ranks direct hits first.

        bm25 on SQLite gets the same effect from term rarity; ts_rank has no IDF.
        """
        return " | ".join(
            _tsquery_term(a) for group in query.groups for a in group.alternatives if not a.synonym
        )

    def candidates(self, stem: str, max_distance: int) -> list[str]:
        # The trigram index narrows the vocabulary; the edit distance decides (in similar()).
        table = SearchTerm._meta.db_table
        with connection.cursor() as cursor:
            # pg_trgm.similarity_threshold is lowered to 0.15 per connection (apps.py), so
            # one typo in a short word still qualifies.
            cursor.execute(
                f"SELECT term FROM {table} WHERE term %% %s AND length(term) BETWEEN %s AND %s",  # noqa: S608 - only table names/placeholders; values are parameters
                [stem, len(stem) - max_distance, len(stem) + max_distance],
            )
            return [row[0] for row in cursor.fetchall()]

    def id_list_sql(self, ids: list[int]) -> tuple[str, list]:
        return "SELECT unnest(%s::bigint[])", [ids]

    def match_sql(
        self, query: ParsedQuery, content_type_ids: list[int], *, visible_at: datetime | None = None
    ) -> tuple[str, list]:
        placeholders = ", ".join(["%s"] * len(content_type_ids))
        title, summary, body = WEIGHTS
        window, window_params = self.window_sql(visible_at)
        # ts_rank weights are {D, C, B, A}; normalised so the title weight is 1.
        weights = f"{{0, {round(body / title, 3)}, {round(summary / title, 3)}, 1}}"
        expression = self.tsquery(query)
        typed = self.typed_tsquery(query)
        rank = f"ts_rank('{weights}'::float4[], d.tsv, %s::tsquery)"
        if expression in (typed, f"({typed})"):  # one group: the same alternatives
            # Nothing but typed words (no synonyms, parts or corrections, e.g. `Sprache`):
            # both ranks are the same, so compute it once (the same score, one call per hit).
            score, rank_params = f"2 * {rank}", [expression]
        else:
            score, rank_params = f"{rank} + {rank}", [expression, typed]
        sql = (
            "SELECT d.object_id AS object_id, d.content_type_id AS ct, d.keys AS keys, "  # noqa: S608 - only table names/placeholders; values are parameters
            f"{score} AS score "
            # The narrow copy of the documents (no texts; migration 0005): every broad query
            # visits a third of its rows.
            "FROM search_match d "
            "WHERE d.tsv @@ %s::tsquery "
            # `+ 0`: not a condition the content-type index could serve (fetch_matches).
            f"AND d.content_type_id + 0 IN ({placeholders}){window}"
        )
        return sql, [*rank_params, expression, *content_type_ids, *window_params]

    def fetch_matches(self, sql: str, params: list) -> list[tuple]:
        """Matches are read through the GIN index (a bitmap scan), never by a sequential
        scan or the content-type index.

        The planner overestimates how many documents a tsquery with prefixes matches (two to
        three times at 100,000 offers) and does not count the cost of `@@` per row, so it
        read every document: 113 ms for `Hausaufgabenhilfe` (6,400 hits) where the bitmap
        scan takes 20 ms, 158 vs 74 ms for `Deutschkurs` (22,700 hits); for a word that
        matches a third of all documents (`Sprache`) both plans cost the same. Forbidding
        only the sequential scan is not enough: the planner then walks the content-type
        index over every document (129 ms), hence also `content_type_id + 0` in `match_sql`.
        The settings travel in the same round trip as the query: outside a transaction
        several statements sent at once run as one, so SET LOCAL ends with the query;
        inside an outer transaction the defaults are restored in the same round trip.
        """
        settings = (
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; "
            # The sort of 35,000 (id, keys, score) rows spilled to disk at the default
            # 4 MB (83 vs 52 ms for `Sprache`).
            "SET LOCAL work_mem = '32MB'; "
        )
        reset = (
            "; SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL enable_indexscan TO DEFAULT; "
            "SET LOCAL work_mem TO DEFAULT"
            if connection.in_atomic_block
            else ""
        )
        with connection.cursor() as cursor:
            cursor.execute(settings + sql + reset, params)
            while cursor.description is None:  # the results of the SETs come first
                cursor.nextset()
            return cursor.fetchall()


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise RuntimeError(f"No search backend for database vendor {connection.vendor!r}.")
