"""Facet counts for the offer list: in SQL (no text search) or from the search index's keys.

With a text search, one ranked full-text query returns the matching ids with their facet keys
(`_KeyedMatches`); filters and every count are then one pass in Python (docs/architecture.md,
"Search", cold path)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet

from beko.core.lib.fallback_marks import shown_field
from beko.core.search.highlight import Highlighter
from beko.core.vocabulary import (
    AUDIENCE_ALIASES,
    RESIDENCE_STATUS_ALIASES,
    expand_code,
)

from ..models import (
    Category,
    District,
    Language,
    Location,
    Offer,
    OpeningHours,
    Organisation,
    ResidenceStatus,
    TargetGroup,
)
from ..search import OPEN_TO_ALL
from .filters import OfferFilters, _accessible_q, _open_now, _residence_q, apply_filters
from .public import LOCAL_TZ


@dataclass
class FacetValue:
    value: str
    # Lazy: translated and, where it falls back to German, marked when the page renders.
    # (The facets are cached for every language alike.)
    label: Any
    count: int
    selected: bool = False
    obj: Any = None


@dataclass
class OfferSearchResult:
    filters: OfferFilters
    offers: list[Offer]
    total: int
    page: int
    num_pages: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)
    corrections: dict[str, str] = field(default_factory=dict)
    nearest_districts: list[FacetValue] = field(default_factory=list)
    # How the query was understood (see directory/_search_notice.html):
    suggestion: str = ""  # the query with typos corrected, for "Meinten Sie …?"
    searched: list[str] = field(default_factory=list)  # German words for a translated query
    relaxed: bool = False  # nothing matched every word: ranked on most of the words
    categories: list[Category] = field(default_factory=list)  # of the concepts named
    highlighter: Highlighter | None = None

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _sql(scope: Any) -> tuple[str, list[Any]]:
    """SQL and parameters of a subquery (a queryset or a RawSQL such as `id_list(...)`)."""
    if isinstance(scope, QuerySet):
        sql, params = scope.query.sql_with_params()
        return sql, list(params)
    return scope.sql, list(scope.params)


def _counted(model: type[Any], counts_sql: str, params: list[Any]) -> list[tuple[Any, int]]:
    """Every row of a vocabulary `model` (in its order) with its `n` from `counts_sql`, a
    query yielding (k, n) per vocabulary id.

    One query per facet that groups the matching offers once; a correlated count per
    vocabulary row made PostgreSQL re-scan the offers for each row (seconds at 100,000).
    """
    quote = connection.ops.quote_name
    order = ", ".join(
        f"v.{quote(model._meta.get_field(name).column)}" for name in ("position", "name")
    )
    sql = (
        f"SELECT v.*, COALESCE(c.n, 0) AS n FROM {_table(model)} v "  # noqa: S608 - names and placeholders only
        f"LEFT JOIN ({counts_sql}) c ON c.k = v.id ORDER BY {order}"
    )
    return [(row, row.n) for row in model.objects.raw(sql, params)]


def _table(model: type[Any]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _category_counts(scope: Any) -> list[tuple[Category, int]]:
    # A top-level category counts offers filed under it or under one of its children
    # (`_category_q`): each assignment is expanded to the category and its parent.
    scope_sql, params = _sql(scope)
    through, category = _table(Offer.categories.through), _table(Category)
    # CROSS JOIN makes SQLite start from the matching offers' assignments; with a plain
    # JOIN it looped over the expanded categories and probed every offer id for each
    # (2.5 times slower at 25,000 matches). PostgreSQL plans both forms alike.
    counts = (
        "SELECT a.k AS k, COUNT(DISTINCT t.offer_id) AS n "  # noqa: S608 - names only
        f"FROM {through} t CROSS JOIN (SELECT id AS c, id AS k FROM {category} UNION ALL "
        f"SELECT id AS c, parent_id AS k FROM {category} WHERE parent_id IS NOT NULL) a "
        f"WHERE a.c = t.category_id AND t.offer_id IN ({scope_sql}) GROUP BY a.k"
    )
    return _counted(Category, counts, params)


def _district_counts(scope: Any) -> list[tuple[District, int]]:
    scope_sql, params = _sql(scope)
    through, location = _table(Offer.locations.through), _table(Location)
    counts = (
        "SELECT l.district_id AS k, COUNT(DISTINCT t.offer_id) AS n "  # noqa: S608 - names only
        f"FROM {through} t JOIN {location} l ON l.id = t.location_id "
        f"WHERE t.offer_id IN ({scope_sql}) GROUP BY l.district_id"
    )
    return _counted(District, counts, params)


def _language_counts(scope: Any) -> list[tuple[Language, int]]:
    scope_sql, params = _sql(scope)
    # (offer, language) is unique in the through table: a plain COUNT is exact.
    counts = (
        f"SELECT t.language_id AS k, COUNT(*) AS n FROM {_table(Offer.languages.through)} t "  # noqa: S608 - names only
        f"WHERE t.offer_id IN ({scope_sql}) GROUP BY t.language_id"
    )
    return _counted(Language, counts, params)


def _facets(
    base: QuerySet[Offer], filters: OfferFilters, now: datetime
) -> tuple[dict[str, list[FacetValue]], dict[str, int]]:
    """Facet counts of a list without text search; each facet leaves out its own filter.
    (With a text search, `_KeyedMatches` counts the facet keys of the matches instead.)"""

    def scoped(skip: str) -> Any:
        return apply_filters(base, filters, now=now, skip=skip).order_by().values("pk")

    # One query per facet: the vocabulary with the number of matching offers per term.
    categories = _category_counts(scoped("category"))
    districts = _district_counts(scoped("district"))
    languages = _language_counts(scoped("language"))
    aggregates: dict[str, Any] = {
        f"tg_{value}": Count("pk", filter=Q(target_groups__contains=f",{value},"))
        for value in TargetGroup.values
    }
    aggregates.update(
        {f"rs_{value}": Count("pk", filter=_residence_q(value)) for value in ResidenceStatus.values}
    )
    aggregates["free"] = Count("pk", filter=Q(is_free=True))
    aggregates["accessible"] = Count("pk", filter=_accessible_q())
    aggregates["childcare"] = Count("pk", filter=Q(childcare=True))
    aggregates["open_now"] = Count("pk", filter=Q(_open_now(now)))
    flags = apply_filters(base, filters, now=now).aggregate(**aggregates)
    target_groups = expand_code(filters.target_group, aliases=AUDIENCE_ALIASES)
    statuses = expand_code(filters.residence_status, aliases=RESIDENCE_STATUS_ALIASES)
    facets = {
        "category": [
            FacetValue(c.slug, shown_field(c, "name"), n, c.slug == filters.category, obj=c)
            for c, n in categories
        ],
        "district": [
            FacetValue(d.slug, shown_field(d, "name"), n, d.slug == filters.district, obj=d)
            for d, n in districts
        ],
        "language": [
            FacetValue(
                lang.code,
                shown_field(lang, "name"),
                n,
                lang.code == filters.language,
                obj=lang,
            )
            for lang, n in languages
            if n or lang.code == filters.language
        ],
        "target_group": [
            FacetValue(v, label, flags[f"tg_{v}"], v in target_groups)
            for v, label in TargetGroup.choices
        ],
        "residence_status": [
            FacetValue(v, label, flags[f"rs_{v}"], v in statuses)
            for v, label in ResidenceStatus.choices
        ],
    }
    return facets, {k: flags[k] for k in ("free", "accessible", "childcare", "open_now")}


def _distance(a: District, b: District) -> float:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return math.inf
    return math.hypot(
        float(a.latitude) - float(b.latitude), float(a.longitude) - float(b.longitude)
    )


def _count_keys(keys: list[str]) -> Counter[str]:
    """How many of the offers have each key (keys are unique per offer), except the
    organisation's key: no facet counts organisations.

    Without their first key (`o<id>`, see `directory/search.py` `facet_keys`), offers share
    few key strings (~150 among the 35,000 matches of `q=Sprache`): counting the strings
    (in C) and splitting each distinct one once took 3.7 ms there, against 31.5 ms for
    splitting every offer's keys."""
    strings = Counter([k.partition(" ")[2] if k[:1] == "o" else k for k in keys])
    counted: Counter[str] = Counter()
    for string, n in strings.items():
        for key in string.split():
            counted[key] += n
    return counted


class _KeyedMatches:
    """The visible matches of a query with their facet keys (directory/search.py
    `facet_keys`), best first: the facet filters and counts run on them in Python, one pass
    over the ids, without a query on the offers per facet (the cold path at 20,000 hits).

    Vocabularies and the "open now" ids are read only when a filter or the facets need them
    (one small query each), so the number of queries depends on the request's shape only.
    """

    FACETED = ("category", "district", "language")

    def __init__(self, filters: OfferFilters, now: datetime) -> None:
        self.filters = filters
        self.now = now
        self._vocab: dict[str, list[Any]] = {}
        self._open: set[int] | None = None
        self._required: dict[str, tuple[str, ...]] | None = None

    def vocabulary(self, name: str) -> list[Any]:
        if name not in self._vocab:
            if name == "category":
                self._vocab[name] = list(Category.objects.all())
            elif name == "district":
                self._vocab[name] = list(District.objects.all())
            else:
                self._vocab[name] = list(Language.objects.all())
        return self._vocab[name]

    def open_ids(self) -> set[int]:
        if self._open is None:
            local = self.now.astimezone(LOCAL_TZ)
            hours = OpeningHours.objects.filter(
                weekday=local.weekday(), opens__lte=local.time(), closes__gt=local.time()
            ).values_list("offer_id")
            sql, params = hours.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                self._open = {row[0] for row in cursor.fetchall()}
        return self._open

    def unfaceted_groups(self) -> list[tuple[str, ...]]:
        """The key groups of the active filters whose dimension has no facet of its own: every
        count is made over the offers passing them, so the query may apply them."""
        return [keys for name, keys in self.required().items() if name not in self.FACETED]

    def open_now_only(self, ids: list[int]) -> list[int]:
        """`ids` (in their order) without the offers closed now, when the filter asks."""
        if not self.filters.open_now:
            return ids
        open_ids = self.open_ids()
        return [pk for pk in ids if pk in open_ids]

    def required(self) -> dict[str, tuple[str, ...]]:
        """Per active filter the keys of which an offer needs one (none known: no offer)."""
        if self._required is None:
            self._required = self._required_keys()
        return self._required

    def _required_keys(self) -> dict[str, tuple[str, ...]]:
        f = self.filters
        need: dict[str, tuple[str, ...]] = {}
        if f.category:
            need["category"] = tuple(
                f"c{c.pk}" for c in self.vocabulary("category") if c.slug == f.category
            )
        if f.district:
            need["district"] = tuple(
                f"d{d.pk}" for d in self.vocabulary("district") if d.slug == f.district
            )
        if f.language:
            need["language"] = tuple(
                f"l{lang.pk}" for lang in self.vocabulary("language") if lang.code == f.language
            )
        # Former codes in old links (`professionals`, `para24`) mean the shared ones.
        if f.target_group:
            need["target_group"] = tuple(
                f"t{code}" for code in expand_code(f.target_group, aliases=AUDIENCE_ALIASES)
            )
        if f.residence_status:
            need["residence_status"] = (
                *(
                    f"r{code}"
                    for code in expand_code(f.residence_status, aliases=RESIDENCE_STATUS_ALIASES)
                ),
                OPEN_TO_ALL,
            )
        for flag in ("free", "accessible", "childcare"):
            if getattr(f, flag):
                need[flag] = (flag,)
        if f.organisation:
            pks = Organisation.objects.filter(slug=f.organisation).values_list("pk", flat=True)
            need["organisation"] = tuple(f"o{pk}" for pk in pks)
        return need

    def narrow(self, rows: list[tuple[int, str]]) -> tuple[list[int], dict[str, Counter[str]]]:
        """The ids passing every filter (best first) and the key counts per facet: "all"
        over those ids, and per category/district/language facet over the ids passing every
        filter but its own (a facet leaves out its own filter)."""
        need = self.required()
        open_now = self.open_ids() if self.filters.open_now else None
        if not need and open_now is None:
            ids = [pk for pk, _keys in rows]
            total = _count_keys([keys for _pk, keys in rows])
            return ids, {"all": total, **dict.fromkeys(self.FACETED, total)}
        # One boolean list per filter, built by comprehensions (substring tests on the
        # space-padded keys): a Python loop per offer cost ten times as much at 20,000 hits.
        padded = [f" {keys} " for _pk, keys in rows]
        names: list[str] = []
        masks: list[list[bool]] = []
        for name, wanted in need.items():
            names.append(name)
            if not wanted:
                masks.append([False] * len(rows))
            elif len(wanted) == 1:
                key = f" {wanted[0]} "
                masks.append([key in keys for keys in padded])
            else:
                keys_ = [f" {w} " for w in wanted]
                masks.append([any(k in keys for k in keys_) for keys in padded])
        if open_now is not None:
            names.append("open_now")
            masks.append([pk in open_now for pk, _keys in rows])
        passing = masks[0] if len(masks) == 1 else [all(row) for row in zip(*masks, strict=True)]
        ids = [pk for (pk, _keys), ok in zip(rows, passing, strict=True) if ok]
        total = _count_keys([keys for (_pk, keys), ok in zip(rows, passing, strict=True) if ok])
        per_facet: dict[str, Counter[str]] = {"all": total}
        for name in self.FACETED:
            if name not in names:
                per_facet[name] = total
                continue
            # Leaving out this facet's own filter: the offers passing all the others.
            index = names.index(name)
            others = [m for i, m in enumerate(masks) if i != index]
            if not others:
                per_facet[name] = _count_keys([keys for _pk, keys in rows])
                continue
            keep = others[0] if len(others) == 1 else [all(r) for r in zip(*others, strict=True)]
            per_facet[name] = _count_keys(
                [keys for (_pk, keys), ok in zip(rows, keep, strict=True) if ok]
            )
        return ids, per_facet

    def facets(
        self, counted: dict[str, Counter[str]], ids: Iterable[int]
    ) -> tuple[dict[str, list[FacetValue]], dict[str, int]]:
        """The facets of `_facets`, from the key counts of `narrow`."""
        f = self.filters
        total = counted["all"]
        categories = counted["category"]
        districts = counted["district"]
        languages = counted["language"]
        target_groups = expand_code(f.target_group, aliases=AUDIENCE_ALIASES)
        statuses = expand_code(f.residence_status, aliases=RESIDENCE_STATUS_ALIASES)
        open_ids = self.open_ids()
        open_now = len(open_ids.intersection(ids))
        facets = {
            "category": [
                FacetValue(
                    c.slug, shown_field(c, "name"), categories[f"c{c.pk}"], c.slug == f.category,
                    obj=c,
                )
                for c in self.vocabulary("category")
            ],
            "district": [
                FacetValue(
                    d.slug, shown_field(d, "name"), districts[f"d{d.pk}"], d.slug == f.district,
                    obj=d,
                )
                for d in self.vocabulary("district")
            ],
            "language": [
                FacetValue(
                    lang.code, shown_field(lang, "name"), languages[f"l{lang.pk}"],
                    lang.code == f.language, obj=lang,
                )
                for lang in self.vocabulary("language")
                if languages[f"l{lang.pk}"] or lang.code == f.language
            ],
            "target_group": [
                FacetValue(v, label, total[f"t{v}"], v in target_groups)
                for v, label in TargetGroup.choices
            ],
            "residence_status": [
                FacetValue(v, label, total[f"r{v}"] + total[OPEN_TO_ALL], v in statuses)
                for v, label in ResidenceStatus.choices
            ],
        }  # fmt: skip
        flags = {
            "free": total["free"],
            "accessible": total["accessible"],
            "childcare": total["childcare"],
            "open_now": open_now,
        }
        return facets, flags
