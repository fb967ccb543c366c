"""Querying: parse once, then rank, filter or list hits for any registered models."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.expressions import RawSQL

from . import results
from .backends import get_backend
from .query import ParsedQuery, match_tokens, parse
from .text import index_text

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Hit:
    model: type[models.Model]
    object_id: int
    score: float


class Search:
    """A parsed query bound to the current database.

    >>> s = Search("Deutschkurs Barmen")
    >>> qs = s.filter(Offer.objects.all())          # matching rows only (for counts, facets)
    >>> ids = s.ranked_ids(Offer.objects.filter(...))  # best first, within a queryset
    >>> hits = s.hits([Offer, NewsItem], limit=20)  # site-wide, mixed models
    """

    def __init__(self, text: str, *, parsed: ParsedQuery | None = None) -> None:
        self.backend = get_backend()
        self.text = text[:MAX_QUERY_LENGTH]
        # Parsing asks the vocabulary (prefixes, typo candidates): shared by all workers
        # through the result cache, so each query is looked up once per index change.
        self.parsed: ParsedQuery = parsed or results.cached(
            ("parse", self.backend.vendor, self.text), lambda: parse(self.text, self.backend)
        )

    def relaxed(self) -> Search | None:
        """The same search needing one word fewer ("most of the words"), or None.

        For the fallback when all words together find nothing: documents matching more of
        the words still rank first.
        """
        relaxed = self.parsed.relaxed()
        return Search(self.text, parsed=relaxed) if relaxed is not None else None

    @property
    def is_relaxed(self) -> bool:
        return self.parsed.is_relaxed

    @property
    def searched(self) -> list[str]:
        """German words searched for, when the query was translated (else empty)."""
        return self.parsed.searched if self.parsed.translated else []

    @property
    def categories(self) -> tuple[str, ...]:
        """Directory categories of the concepts the query names."""
        return self.parsed.categories

    def names_in_title(self, title: str) -> bool:
        """Does `title` contain every group of the query as typed (synonyms left out)?"""
        if self.is_empty:
            return False
        return bool(match_tokens(self.parsed, [(index_text(title), 1.0)], typed_only=True))

    def score_texts(self, fields: Sequence[tuple[str, float]]) -> float:
        """Score of a document that lives outside the index (title, weight), … pairs of raw
        text; 0 when it does not match. Same linguistics and semantics as the index."""
        if self.is_empty:
            return 0.0
        return match_tokens(self.parsed, [(index_text(text), weight) for text, weight in fields])

    @property
    def is_empty(self) -> bool:
        return self.parsed.is_empty

    @property
    def corrections(self) -> dict[str, str]:
        """Typed word -> index term it was corrected to ("bewerbng" -> "bewerbung")."""
        return self.parsed.corrections

    def suggestion(self) -> str:
        """The query with every corrected word replaced by a readable form of its
        correction, for "Meinten Sie …?"; "" without corrections."""
        if not self.corrections:
            return ""
        from .text import _TOKEN, fold

        readable = results.cached(
            ("readable", self.backend.vendor, tuple(sorted(self.corrections.values()))),
            lambda: self.backend.readable(list(self.corrections.values())),
        )

        def replace_word(match: re.Match[str]) -> str:
            corrected = self.corrections.get(fold(match.group(0)))
            return readable.get(corrected, corrected) if corrected else match.group(0)

        return _TOKEN.sub(replace_word, self.text)

    def _match(
        self, models_: Sequence[type[models.Model]], visible_at: datetime | None = None
    ) -> tuple[str, list]:
        ids = [ContentType.objects.get_for_model(m).pk for m in models_]
        return self.backend.match_sql(self.parsed, ids, visible_at=visible_at)

    def filter(
        self, queryset: models.QuerySet, *, visible_at: datetime | None = None
    ) -> models.QuerySet:
        """`queryset` restricted to matching rows (no ordering change)."""
        if self.is_empty:
            return queryset
        sql, params = self._match([queryset.model], visible_at)
        return queryset.filter(pk__in=RawSQL(f"SELECT object_id FROM ({sql}) m", params))  # noqa: S608, S611 - only table names/placeholders; values are parameters

    def matching_ids(
        self,
        model: type[models.Model],
        *,
        visible_at: datetime | None = None,
        keys: Sequence[Sequence[str]] = (),
    ) -> list[int]:
        """Primary keys of every matching `model` document, best first (one query).

        With `visible_at`, documents outside their visibility window (Document.visible_from/
        visible_until) are left out inside the full-text query, so a caller whose window
        says everything about visibility needs no further query on the model's table.
        With `keys`, only documents having at least one key (`Document.keys`) of each group:
        a filter that needs no facet counts runs in the same query, and only the ids that
        pass it travel.
        """
        if self.is_empty:
            return []
        sql, params = self._keyed_match(model, "m.object_id", visible_at, keys)
        rows = self.backend.fetch_matches(f"{sql} ORDER BY m.score DESC, m.object_id", params)
        return [row[0] for row in rows]

    def _keyed_match(
        self,
        model: type[models.Model],
        columns: str,
        visible_at: datetime | None,
        keys: Sequence[Sequence[str]],
        *,
        column_params: Sequence[object] = (),
        where: tuple[str, list] | None = None,
    ) -> tuple[str, list]:
        """`SELECT columns FROM (the match) m`, restricted to documents with a key of every
        group in `keys` (`Backend.keys_sql`) and, with `where`, to those meeting that
        condition on `m` (SQL and parameters); the callers add ordering and limits.
        `column_params` are the parameters of `columns`."""
        sql, params = self._match([model], visible_at)
        conditions, key_params = self.backend.keys_sql("m.keys", keys)
        condition_params = list(key_params)
        if where is not None:
            conditions = " AND ".join(c for c in (conditions, where[0]) if c)
            condition_params.extend(where[1])
        return (
            f"SELECT {columns} FROM ({sql}) m{' WHERE ' + conditions if conditions else ''}",  # noqa: S608 - only placeholders; values are parameters
            [*column_params, *params, *condition_params],
        )

    def matching_page(
        self,
        model: type[models.Model],
        *,
        offset: int,
        limit: int,
        visible_at: datetime | None = None,
        keys: Sequence[Sequence[str]] = (),
        where: tuple[str, list] | None = None,
    ) -> tuple[list[int], int]:
        """The primary keys of one slice of the matches (`offset`, `limit`) in the order of
        `matching_ids`, and how many match in all: one query, which sorts only the slice
        (a top-N sort) and sends neither the other ids nor a row per match.

        The matches are materialised once and read twice (the slice, the count); that is
        cheaper than sorting and sending 20,000 ids for a page of 20 (docs/architecture.md,
        "Search"). The slice comes back with its scores and is put in order here: the order
        of rows from UNION ALL is not guaranteed. `where` as in `_keyed_match`.
        """
        if self.is_empty:
            return [], 0
        sql, params = self._keyed_match(
            model, "m.object_id, m.score", visible_at, keys, where=where
        )
        rows = self.backend.fetch_matches(
            f"WITH r AS MATERIALIZED ({sql}) "  # noqa: S608 - only placeholders; values are parameters
            "SELECT 0, p.object_id, p.score FROM (SELECT r.object_id, r.score FROM r "
            "ORDER BY r.score DESC, r.object_id LIMIT %s OFFSET %s) p "
            "UNION ALL SELECT 1, COUNT(*), 0 FROM r",
            [*params, limit, offset],
        )
        total = next(int(value) for kind, value, _score in rows if kind == 1)
        page = sorted((-score, object_id) for kind, object_id, score in rows if kind == 0)
        return [object_id for _score, object_id in page], total

    def matching_page_and_key_counts(
        self,
        model: type[models.Model],
        *,
        offset: int,
        limit: int,
        visible_at: datetime | None = None,
        keys: Sequence[Sequence[str]] = (),
        page_keys: Sequence[Sequence[str]] = (),
        mark: tuple[str, list] | None = None,
        page_marked_only: bool = False,
        drop_key_prefix: str = "",
    ) -> tuple[list[int], list[tuple[str, bool, int]]]:
        """For facet counts over many matches without sending a row per match (one query):

        - the slice (`offset`, `limit`) of the matches passing `keys` and `page_keys` (and,
          with `page_marked_only`, `mark`), in the order of `matching_ids`;
        - the matches passing `keys`, grouped by their keys and by `mark` (a condition on
          `m`, e.g. "open now"): (keys, marked, how many) per group.

        A first key starting with `drop_key_prefix` is left out of the grouped keys: a key
        each document has its own of (an organisation's) would give a group per document.
        The caller counts facet keys and applies the `page_keys` filters over the groups,
        which are few (about 150 among the 35,000 matches of `Sprache` at 100,000 offers).
        """
        if self.is_empty:
            return [], []
        mark_sql, mark_params = mark if mark is not None else ("1 = 0", [])
        sql, params = self._keyed_match(
            model,
            f"m.object_id, m.score, m.keys, CASE WHEN {mark_sql} THEN 1 ELSE 0 END AS mk",
            visible_at,
            keys,
            column_params=mark_params,
        )
        page_where, page_params = self.backend.keys_sql("r.keys", page_keys)
        if page_marked_only:
            page_where = " AND ".join(c for c in (page_where, "r.mk = 1") if c)
        grouped, grouped_params = self.backend.without_first_key_sql("r.keys", drop_key_prefix)
        rows = self.backend.fetch_matches(
            f"WITH r AS MATERIALIZED ({sql}) "  # noqa: S608 - only placeholders; values are parameters
            "SELECT 0, p.object_id, p.score, '', 0 FROM (SELECT r.object_id, r.score FROM r"
            f"{' WHERE ' + page_where if page_where else ''} "
            "ORDER BY r.score DESC, r.object_id LIMIT %s OFFSET %s) p "
            f"UNION ALL SELECT 1, COUNT(*), 0, g.k, g.mk FROM (SELECT {grouped} AS k, r.mk AS mk "
            "FROM r) g GROUP BY g.k, g.mk",
            [*params, *page_params, limit, offset, *grouped_params],
        )
        page = sorted((-score, value) for kind, value, score, _k, _m in rows if kind == 0)
        groups = [(k, bool(marked), int(n)) for kind, n, _s, k, marked in rows if kind == 1]
        return [object_id for _score, object_id in page], groups

    def matching_keys(
        self,
        model: type[models.Model],
        *,
        visible_at: datetime | None = None,
        keys: Sequence[Sequence[str]] = (),
    ) -> list[tuple[int, str]]:
        """Like `matching_ids`, with each document's facet keys (`Document.keys`, space-
        separated): the caller filters and counts facets over all matches without another
        query on the model's tables (one query)."""
        if self.is_empty:
            return []
        sql, params = self._keyed_match(model, "m.object_id, m.keys", visible_at, keys)
        rows = self.backend.fetch_matches(f"{sql} ORDER BY m.score DESC, m.object_id", params)
        return cast(list[tuple[int, str]], rows)

    def ranked_ids(self, queryset: models.QuerySet) -> list[int]:
        """Primary keys of the matching rows of `queryset`, best first (two queries).

        The ranking runs on the full-text index alone; the queryset's conditions are applied
        to the matches by primary key. Embedding the queryset in the ranking query instead
        makes SQLite scan every visible row (or worse), which costs seconds at 100,000 rows.
        """
        if self.is_empty:
            return []
        ranked = self.matching_ids(queryset.model)
        if not ranked:
            return []
        allowed = restrict_to_ids(queryset.order_by(), ranked).values_list("pk", flat=True)
        with connection.cursor() as cursor:
            # A plain cursor: 100,000 ids through the ORM's iterator cost tens of milliseconds.
            sql, params = allowed.query.sql_with_params()
            cursor.execute(sql, params)
            keep = {row[0] for row in cursor.fetchall()}
        return [pk for pk in ranked if pk in keep]

    def hits(self, models_: Sequence[type[models.Model]], *, limit: int = 50) -> list[Hit]:
        """Best hits across several models. Callers still check visibility per object."""
        if self.is_empty:
            return []
        by_type = {ContentType.objects.get_for_model(m).pk: m for m in models_}
        sql, params = self._match(models_)
        rows = self.backend.fetch_matches(
            f"SELECT m.ct, m.object_id, m.score FROM ({sql}) m "  # noqa: S608 - only table names/placeholders; values are parameters
            "ORDER BY m.score DESC, m.ct, m.object_id LIMIT %s",
            [*params, limit],
        )
        return [Hit(by_type[ct], oid, float(score)) for ct, oid, score in rows]


def id_list(ids: list[int]) -> RawSQL:
    """A subquery yielding `ids`, for `field__in=id_list(ids)`. The ids travel as one
    parameter (JSON array on SQLite, array on PostgreSQL), so 100,000 of them are fine where
    one parameter per id would hit the databases' limits."""
    sql, params = get_backend().id_list_sql(list(ids))
    return RawSQL(sql, params)  # noqa: S611 - parameters only


def restrict_to_ids(queryset: models.QuerySet, ids: list[int]) -> models.QuerySet:
    """`queryset.filter(pk__in=ids)` for any number of ids (see `id_list`)."""
    return queryset.filter(pk__in=id_list(ids))
