"""Facet counts for the offer list: in SQL (no text search) or from the search index's keys.

With a text search, one ranked full-text query returns the page and the matches grouped by
their facet keys (`Search.matching_page_and_key_counts`); the faceted filters and every count
then run over the groups in Python (`_KeyedMatches`; docs/architecture.md, "Search", cold
path)."""

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


# Facet keys of a group of matches (without the organisation's key), whether they are open
# now, and how many matches share both (`Search.matching_page_and_key_counts`).
KeyGroup = tuple[str, bool, int]

# Every offer's first key is its organisation's (`directory/search.py` `facet_keys`); no facet
# counts organisations, and without it offers share few key strings.
ORGANISATION_KEY = "o"


def _grouped_keys(keys: str) -> str:
    """`keys` without the organisation's key (as `Backend.without_first_key_sql`)."""
    return keys.partition(" ")[2] if keys[:1] == ORGANISATION_KEY else keys


def _count_keys(groups: Iterable[tuple[str, int]]) -> Counter[str]:
    """How many offers have each key, from (key string, number of offers) pairs; keys are
    unique per offer.

    Offers share few key strings once the organisation's key is left out (~150 among the
    35,000 matches of `q=Sprache`): each distinct string is split once and its keys counted
    with its weight, instead of splitting every offer's keys (31.5 ms there)."""
    strings: Counter[str] = Counter()
    for string, n in groups:
        strings[string] += n
    counted: Counter[str] = Counter()
    for string, n in strings.items():
        for key in string.split():
            counted[key] += n
    return counted


@dataclass
class Narrowed:
    """The key groups of the matches after the filters (`_KeyedMatches.narrow`)."""

    total: int  # matches passing every filter
    open_now: int  # of those, how many are open now
    counted: dict[str, Counter[str]]  # key counts: "all", and per facet without its filter
    passing: set[tuple[str, bool]]  # the (keys, open now) groups passing every filter


class _KeyedMatches:
    """The filters and facet counts of a query over its matches' facet keys
    (directory/search.py `facet_keys`), without a query on the offers per facet (the cold
    path at 20,000 hits): the filters no facet leaves out go into the full-text query
    (`unfaceted_groups`), the faceted ones and "open now" run over the key groups of the
    matches (`narrow`), a few hundred instead of a row per match.

    Vocabularies and the "open now" ids (other orders than relevance) are read only when a
    filter or the facets need them (one small query each), so the number of queries depends
    on the request's shape only.
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

    def _open_hours_sql(self) -> tuple[str, list[Any]]:
        """A query yielding the ids of the offers open now (their opening hours)."""
        local = self.now.astimezone(LOCAL_TZ)
        # No ordering: the model's default would sort the hours for a membership test.
        hours = (
            OpeningHours.objects.filter(
                weekday=local.weekday(), opens__lte=local.time(), closes__gt=local.time()
            )
            .order_by()
            .values_list("offer_id")
        )
        sql, params = hours.query.sql_with_params()
        return sql, list(params)

    def open_ids(self) -> set[int]:
        if self._open is None:
            sql, params = self._open_hours_sql()
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

    def faceted_groups(self) -> list[tuple[str, ...]]:
        """The key groups of the active filters that have a facet of their own."""
        return [keys for name, keys in self.required().items() if name in self.FACETED]

    def open_sql(self, column: str = "m.object_id") -> tuple[str, list[Any]]:
        """Condition: the offer with the id in `column` is open now (its opening hours)."""
        sql, params = self._open_hours_sql()
        return f"{column} IN ({sql})", params

    def groups_of(self, rows: list[tuple[int, str]]) -> list[KeyGroup]:
        """The key groups of matches read one by one (id, keys), as the query groups them."""
        open_ids = self.open_ids()
        grouped = Counter((_grouped_keys(keys), pk in open_ids) for pk, keys in rows)
        return [(keys, is_open, n) for (keys, is_open), n in grouped.items()]

    def passing_ids(self, rows: list[tuple[int, str]], narrowed: Narrowed) -> list[int]:
        """The ids of `rows` (in their order) in a group passing every filter."""
        open_ids = self.open_ids()
        passing = narrowed.passing
        return [pk for pk, keys in rows if (_grouped_keys(keys), pk in open_ids) in passing]

    def narrow(self, groups: list[KeyGroup]) -> Narrowed:
        """The faceted filters and "open now" over the key groups of the matches: how many
        pass every filter (and are open now), the key counts per facet ("all" over those
        passing every filter, and per category/district/language facet over those passing
        every filter but its own: a facet leaves out its own filter), and which groups pass.

        The other filters ran in the query (`unfaceted_groups`): the groups are of the
        matches passing them, and no longer hold the organisation's key."""
        need = {k: v for k, v in self.required().items() if k in self.FACETED}
        # One boolean list per filter, built by comprehensions (substring tests on the
        # space-padded keys).
        padded = [f" {keys} " for keys, _open, _n in groups]
        names: list[str] = []
        masks: list[list[bool]] = []
        for name, wanted in need.items():
            names.append(name)
            if not wanted:
                masks.append([False] * len(groups))
            else:
                keys_ = [f" {w} " for w in wanted]
                masks.append([any(k in keys for k in keys_) for keys in padded])
        if self.filters.open_now:
            names.append("open_now")
            masks.append([is_open for _keys, is_open, _n in groups])

        def passing_all(skip: int = -1) -> list[bool]:
            kept = [m for i, m in enumerate(masks) if i != skip]
            if not kept:
                return [True] * len(groups)
            return [all(row) for row in zip(*kept, strict=True)]

        passing = passing_all()
        chosen = [g for g, ok in zip(groups, passing, strict=True) if ok]
        total = _count_keys((keys, n) for keys, _open, n in chosen)
        counted: dict[str, Counter[str]] = {"all": total}
        for name in self.FACETED:
            if name not in names:
                counted[name] = total
                continue
            # Leaving out this facet's own filter: the groups passing all the others.
            kept = passing_all(skip=names.index(name))
            counted[name] = _count_keys(
                (keys, n) for (keys, _open, n), ok in zip(groups, kept, strict=True) if ok
            )
        return Narrowed(
            total=sum(n for _keys, _open, n in chosen),
            open_now=sum(n for _keys, is_open, n in chosen if is_open),
            counted=counted,
            passing={(keys, is_open) for keys, is_open, _n in chosen},
        )

    def facets(self, narrowed: Narrowed) -> tuple[dict[str, list[FacetValue]], dict[str, int]]:
        """The facets of `_facets`, from the key counts of `narrow`."""
        f = self.filters
        counted = narrowed.counted
        total = counted["all"]
        categories = counted["category"]
        districts = counted["district"]
        languages = counted["language"]
        target_groups = expand_code(f.target_group, aliases=AUDIENCE_ALIASES)
        statuses = expand_code(f.residence_status, aliases=RESIDENCE_STATUS_ALIASES)
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
            "open_now": narrowed.open_now,
        }
        return facets, flags
