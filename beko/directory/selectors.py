"""Reads of the directory. Other apps use these (never the models directly):

- `offers_for(...)`: matching published offers for the guide, events and news pages;
- `organisations_public()`: organisations with a public profile (events: market stands);
- `offer_search(filters=...)`: the search behind the list page and the API;
- `home_section(request)`: the block on the home page.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beko.core.lib.charts import Chart, Series
from beko.core.lib.fallback_marks import german, shown_field
from beko.core.reports import ReportPeriod
from beko.core.search import Search, restrict_to_ids
from beko.core.search.highlight import Highlighter
from beko.core.vocabulary import (
    AUDIENCE_ALIASES,
    RESIDENCE_STATUS_ALIASES,
    RESIDENCE_STATUS_GROUPS,
    expand_code,
)

from .district_map import district_map as districts_map
from .models import (
    Category,
    District,
    Language,
    Location,
    LocationChange,
    Offer,
    OfferChange,
    OfferReport,
    OpeningHours,
    Organisation,
    ResidenceStatus,
    TargetGroup,
)
from .search import OPEN_TO_ALL

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SORTS = ("relevance", "name", "verified")
LOCAL_TZ = ZoneInfo("Europe/Berlin")


def visibility_cutoff(*, now: datetime | None = None) -> datetime:
    """Offers verified before this moment are hidden from the public (freshness rule)."""
    now = now or timezone.now()
    return now - timedelta(
        days=settings.BEKO_DIRECTORY_STALE_DAYS + settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS
    )


def offers_public(*, now: datetime | None = None) -> QuerySet[Offer]:
    """Published, currently valid, verified recently enough, of a public organisation."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    cutoff = visibility_cutoff(now=now)
    return Offer.objects.filter(
        Q(last_verified_at__gte=cutoff) | Q(last_verified_at__isnull=True, created_at__gte=cutoff),
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        status=Offer.Status.PUBLISHED,
        organisation__is_public=True,
    )


def organisations_public() -> QuerySet[Organisation]:
    """Organisations shown on the public site, with `public_offer_count` annotated."""
    return Organisation.objects.filter(is_public=True).annotate(
        public_offer_count=Count("offers", filter=Q(offers__in=offers_public()), distinct=True)
    )


def organisations_all() -> QuerySet[Organisation]:
    """Every organisation, public or not, by name: other apps' back-office choices (events
    keep contacts and stands of organisations the public directory does not show)."""
    return Organisation.objects.order_by("name")


def offers_visible_to(*, user: Any) -> QuerySet[Offer]:
    """Back office: staff see every offer, partner editors their organisation's."""
    from beko.accounts.permissions import is_staff_member, partner_organisation_ids

    if is_staff_member(user):
        return Offer.objects.all()
    return Offer.objects.filter(organisation_id__in=partner_organisation_ids(user))


@dataclass(frozen=True)
class OfferFilters:
    """The whole state of a search; the list page and the API parse into this."""

    q: str = ""
    category: str = ""
    district: str = ""
    language: str = ""
    target_group: str = ""
    residence_status: str = ""
    free: bool = False
    accessible: bool = False
    childcare: bool = False
    open_now: bool = False
    organisation: str = ""
    sort: str = ""
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and not (self.sort == "relevance" and not self.q.strip()):
            return self.sort
        return "relevance" if self.q.strip() else "name"

    def active(self) -> dict[str, Any]:
        """Filters that narrow the result (for "remove this filter" help)."""
        names = ("category", "district", "language", "target_group", "residence_status",
                 "free", "accessible", "childcare", "open_now", "organisation")  # fmt: skip
        return {name: getattr(self, name) for name in names if getattr(self, name)}


def _open_now(now: datetime) -> Exists:
    local = now.astimezone(LOCAL_TZ)
    return Exists(
        OpeningHours.objects.filter(
            offer=OuterRef("pk"),
            weekday=local.weekday(),
            opens__lte=local.time(),
            closes__gt=local.time(),
        )
    )


def _category_q(slug: str) -> Exists:
    through = Offer.categories.through
    return Exists(
        through.objects.filter(offer_id=OuterRef("pk")).filter(
            Q(category__slug=slug) | Q(category__parent__slug=slug)
        )
    )


def _district_q(slug: str) -> Exists:
    through = Offer.locations.through
    return Exists(through.objects.filter(offer_id=OuterRef("pk"), location__district__slug=slug))


def _language_q(code: str) -> Exists:
    through = Offer.languages.through
    return Exists(through.objects.filter(offer_id=OuterRef("pk"), language__code=code))


def _target_group_q(value: str) -> Q:
    # A former code (old links, API clients) stands for one or more of today's codes.
    condition = Q()
    for code in expand_code(value, aliases=AUDIENCE_ALIASES):
        condition |= Q(target_groups__contains=f",{code},")
    return condition


def _residence_q(value: str) -> Q:
    # No status listed means the offer is open to everybody.
    condition = Q(residence_statuses="")
    for code in expand_code(value, aliases=RESIDENCE_STATUS_ALIASES):
        condition |= Q(residence_statuses__contains=f",{code},")
    return condition


def _accessible_q() -> Q:
    return Q(wheelchair_accessible=True) | Q(hearing_loop=True) | Q(sign_language=True)


def apply_filters(
    queryset: QuerySet[Offer], filters: OfferFilters, *, now: datetime, skip: str = ""
) -> QuerySet[Offer]:
    """All facet filters except `skip` (facet counts leave out their own dimension)."""
    if filters.category and skip != "category":
        queryset = queryset.filter(_category_q(filters.category))
    if filters.district and skip != "district":
        queryset = queryset.filter(_district_q(filters.district))
    if filters.language and skip != "language":
        queryset = queryset.filter(_language_q(filters.language))
    if filters.target_group and skip != "target_group":
        queryset = queryset.filter(_target_group_q(filters.target_group))
    if filters.residence_status and skip != "residence_status":
        queryset = queryset.filter(_residence_q(filters.residence_status))
    if filters.free:
        queryset = queryset.filter(is_free=True)
    if filters.accessible:
        queryset = queryset.filter(_accessible_q())
    if filters.childcare:
        queryset = queryset.filter(childcare=True)
    if filters.open_now:
        queryset = queryset.filter(_open_now(now))
    if filters.organisation:
        queryset = queryset.filter(organisation__slug=filters.organisation)
    return queryset


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


def _with_related(queryset: QuerySet[Offer], *, hours: bool = False) -> QuerySet[Offer]:
    queryset = queryset.select_related("organisation").prefetch_related(
        "categories",
        "languages",
        Prefetch("locations", queryset=Location.objects.select_related("district")),
    )
    return queryset.prefetch_related("opening_hours") if hours else queryset


def _page_related(queryset: QuerySet[Offer], *, hours: bool = False) -> QuerySet[Offer]:
    """Like `_with_related`, into plain lists (Offer.category_items & co.) for speed."""
    lookups = [
        Prefetch("categories", to_attr="prefetched_categories"),
        Prefetch("languages", to_attr="prefetched_languages"),
        Prefetch(
            "locations",
            queryset=Location.objects.select_related("district"),
            to_attr="prefetched_locations",
        ),
    ]
    if hours:
        lookups.append(Prefetch("opening_hours", to_attr="prefetched_opening_hours"))
    return queryset.select_related("organisation").prefetch_related(*lookups)


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
    """How many of the offers have each key (keys are unique per offer): one join and one
    split, both in C, instead of a split per offer."""
    return Counter(" ".join(keys).split())


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

    def required(self) -> dict[str, tuple[str, ...]]:
        """Per active filter the keys of which an offer needs one (none known: no offer)."""
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

    def narrow(
        self, rows: list[tuple[int, str]], *, counts: bool
    ) -> tuple[list[int], dict[str, Counter[str]]]:
        """The ids passing every filter (best first) and, with `counts`, the key counts per
        facet: "all" over those ids, and per category/district/language facet over the ids
        passing every filter but its own (a facet leaves out its own filter)."""
        need = self.required()
        open_now = self.open_ids() if self.filters.open_now else None
        if not need and open_now is None:
            ids = [pk for pk, _keys in rows]
            if not counts:
                return ids, {}
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
        if not counts:
            return ids, {}
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
        self, counted: dict[str, Counter[str]], ids: list[int]
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


def offer_search(
    *,
    filters: OfferFilters,
    with_facets: bool = True,
    with_hours: bool = False,
    now: datetime | None = None,
) -> OfferSearchResult:
    """One page of public offers for `filters`, with facet counts. Constant query count."""
    # Not cached here: the response cache keeps the finished page or API response
    # (beko/core/lib/response_cache.py), so this is the cold path only.
    now = now or timezone.now()
    base = offers_public(now=now)
    search = Search(filters.q) if filters.q.strip() else None
    if search is not None and search.is_empty:
        search = None  # only stop words: treat as no query
    sort = filters.effective_sort
    page_size = max(1, min(filters.page_size, MAX_PAGE_SIZE))
    ids: list[int] | None = None
    counted: dict[str, Counter[str]] = {}
    keyed = _KeyedMatches(filters, now)
    relaxed = False
    if search is not None:
        # The visibility window in the index equals offers_public() (directory/search.py),
        # so one full-text query yields the visible matches, best first, with the facet keys
        # the filters and counts need.
        wider: Search | None = search
        while wider is not None:
            rows = wider.matching_keys(Offer, visible_at=now)
            ids, counted = keyed.narrow(rows, counts=with_facets)
            # Nothing has every word: rank the offers with most of them instead of showing
            # an empty page (the page says so). Zero-hit queries only, so popular queries
            # never pay for it.
            if ids:
                relaxed = wider is not search
                break
            # Nothing at all: the facets count the matches of the widest search tried.
            wider = wider.relaxed()

    def load_page() -> tuple[list[Offer], int, int, int]:
        """The page's offers with their relations, the total, the page number, pages."""
        if ids is not None and sort == "relevance":
            id_pages = Paginator(ids, page_size)
            id_page = id_pages.get_page(filters.page)
            # offers_public() again: a safety net should a document's window ever be stale.
            by_id = _page_related(
                base.filter(pk__in=list(id_page.object_list)), hours=with_hours
            ).in_bulk()
            offers = [by_id[pk] for pk in id_page.object_list if pk in by_id]
            return offers, id_pages.count, id_page.number, id_pages.num_pages
        if ids is not None:
            queryset = restrict_to_ids(base, ids)
        else:
            queryset = apply_filters(base, filters, now=now)
        ordering = ["-last_verified_at", "title", "pk"] if sort == "verified" else ["title", "pk"]
        paginator = Paginator(
            _page_related(queryset.order_by(*ordering), hours=with_hours), page_size
        )
        page = paginator.get_page(filters.page)
        return list(page.object_list), paginator.count, page.number, paginator.num_pages

    offers, total, page_number, num_pages = load_page()
    result = OfferSearchResult(
        filters=replace(filters, sort=sort),
        offers=offers,
        total=total,
        page=page_number,
        num_pages=num_pages,
        corrections=search.corrections if search else {},
    )
    if search is not None:
        result.suggestion = search.suggestion()
        result.searched = search.searched
        result.relaxed = relaxed
        result.highlighter = Highlighter.for_query(search.parsed)
    if with_facets:
        if ids is not None:
            result.facets, result.flags = keyed.facets(counted, ids)
        else:
            result.facets, result.flags = _facets(base, filters, now)
        if search is not None and search.categories:
            # The categories of the concepts the query names ("Passende Kategorie: …"),
            # taken from the facet values: no query of their own.
            by_slug = {f.value: f.obj for f in result.facets["category"]}
            result.categories = [by_slug[s] for s in search.categories if s in by_slug]
        if result.total == 0 and filters.district:
            values = result.facets["district"]
            selected = next((f for f in values if f.selected), None)
            if selected is not None:
                others = [f for f in values if not f.selected and f.count]
                others.sort(key=lambda f: _distance(selected.obj, f.obj))
                result.nearest_districts = others[:3]
    return result


def offers_for(
    *,
    category_slugs: list[str] | None = None,
    target_group: str | None = None,
    district: str | None = None,
    language: str | None = None,
    residence_status: str | None = None,
    q: str | None = None,
    limit: int = 5,
) -> list[Offer]:
    """Public offers matching all given criteria, freshest first, at most `limit`.

    For other apps: the guide (offers matching a path into work: `category_slugs=["anerkennung"],
    residence_status="duldung"`), events and news audience pages (`target_group="employers"`).
    Values are the same slugs/codes as the list page's URL (`District.slug`, ISO 639 code,
    `beko.core.vocabulary.Audience` and `ResidenceStatus` values). Unknown values simply
    match nothing.
    """
    now = timezone.now()
    queryset = offers_public(now=now)
    if category_slugs:
        condition = Q()
        for slug in category_slugs:
            condition |= Q(_category_q(slug))
        queryset = queryset.filter(condition)
    filters = OfferFilters(
        district=district or "",
        language=language or "",
        target_group=target_group or "",
        residence_status=residence_status or "",
    )
    queryset = apply_filters(queryset, filters, now=now)
    if q and q.strip():
        search = Search(q)
        if not search.is_empty:
            ids = search.ranked_ids(queryset)[:limit]
            by_id = _with_related(Offer.objects.filter(pk__in=ids)).in_bulk()
            return [by_id[pk] for pk in ids if pk in by_id]
    return list(_with_related(queryset.order_by("-last_verified_at", "title"))[:limit])


def offer_public_detail(*, pk: int) -> Offer:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        _with_related(offers_public()).prefetch_related("opening_hours"), pk=pk
    )


def categories_public() -> list[Category]:
    return list(Category.objects.select_related("parent"))


def districts_public() -> list[District]:
    return list(District.objects.all())


def languages_public() -> list[Language]:
    return list(Language.objects.all())


def home_section(request: HttpRequest) -> list[dict[str, Any]]:
    """Two blocks on the home page: topic tiles with counts (first, right under the
    search) and the district map (after the guide's entry)."""
    base = offers_public()
    # A top-level category counts the offers filed under it or its children, each once
    # (like the list page's category filter).
    per_topic = dict(
        Offer.categories.through.objects.filter(offer__in=base.values("pk"))  # type: ignore[misc]  # values_list over an annotation: django-stubs only knows model fields
        .annotate(topic=Coalesce("category__parent_id", "category_id"))
        .values_list("topic")
        .annotate(n=Count("offer_id", distinct=True))
    )
    tiles = [
        {"category": c, "count": per_topic.get(c.pk, 0)}
        for c in Category.objects.filter(parent__isnull=True)
    ]
    districts = dict(
        Offer.locations.through.objects.filter(offer__in=base.values("pk"))
        .values_list("location__district_id")
        .annotate(n=Count("offer_id", distinct=True))
    )
    list_url = reverse("directory:offer_list")
    district_map = districts_map(
        districts=[(d, districts.get(d.pk, 0)) for d in District.objects.all()],
        url_for=lambda slug: f"{list_url}?{urlencode({'district': slug})}",
    )
    return [
        {
            "template": "directory/_home_section.html",
            "order": 10,
            "context": {
                "offer_count": base.count(),
                "organisation_count": Organisation.objects.filter(is_public=True, offers__in=base)
                .distinct()
                .count(),
                "tiles": tiles,
            },
        },
        {
            "template": "directory/_home_districts.html",
            "order": 25,
            "context": {"district_map": district_map},
        },
    ]


# Same blocks for every visitor: core caches their HTML per language (docs/architecture.md).
home_section.cache_seconds = 60  # type: ignore[attr-defined]  # a function attribute core reads

# --- back office ------------------------------------------------------------------------


def pending_changes(*, user: Any) -> QuerySet[OfferChange]:
    from beko.accounts.permissions import is_staff_member, partner_organisation_ids

    queryset = OfferChange.objects.filter(state=OfferChange.State.PENDING).select_related(
        "offer", "organisation", "proposed_by"
    )
    if not is_staff_member(user):
        queryset = queryset.filter(organisation_id__in=partner_organisation_ids(user))
    return queryset


def pending_location_changes() -> QuerySet[LocationChange]:
    return LocationChange.objects.filter(state=LocationChange.State.PENDING).select_related(
        "location__organisation", "proposed_by"
    )


def open_reports() -> QuerySet[OfferReport]:
    return OfferReport.objects.filter(state=OfferReport.State.OPEN).select_related("offer")


def freshness_overview(*, now: datetime | None = None) -> dict[str, Any]:
    """Staff dashboard: counts by state, the oldest unverified offers, open reports."""
    now = now or timezone.now()
    published = Offer.objects.filter(status=Offer.Status.PUBLISHED)
    verified, hidden = _freshness_q(now=now)
    counts = Offer.objects.aggregate(
        draft=Count("pk", filter=Q(status=Offer.Status.DRAFT)),
        archived=Count("pk", filter=Q(status=Offer.Status.ARCHIVED)),
        published_fresh=Count("pk", filter=Q(status=Offer.Status.PUBLISHED) & verified),
        published_hidden=Count("pk", filter=Q(status=Offer.Status.PUBLISHED) & hidden),
        published=Count("pk", filter=Q(status=Offer.Status.PUBLISHED)),
    )
    counts["published_stale"] = (
        counts["published"] - counts["published_fresh"] - counts["published_hidden"]
    )
    oldest = (
        published.exclude(verified)
        .select_related("organisation")
        .order_by("last_verified_at", "created_at")[:10]
    )
    return {
        "counts": counts,
        "oldest": list(oldest),
        "reports": list(open_reports()[:20]),
        "report_count": open_reports().count(),
        "pending_count": OfferChange.objects.filter(state=OfferChange.State.PENDING).count()
        + LocationChange.objects.filter(state=LocationChange.State.PENDING).count(),
    }


def _freshness_q(*, now: datetime, prefix: str = "") -> tuple[Q, Q]:
    """(verified recently, hidden as too old) for offers; the rest of the published ones
    is "due". `prefix="offers__"` asks the same from the organisation's side."""
    stale_cutoff = now - timedelta(days=settings.BEKO_DIRECTORY_STALE_DAYS)
    hidden_cutoff = visibility_cutoff(now=now)
    verified = Q(**{f"{prefix}last_verified_at__gte": stale_cutoff}) | Q(
        **{f"{prefix}last_verified_at__isnull": True, f"{prefix}created_at__gte": stale_cutoff}
    )
    hidden = Q(**{f"{prefix}last_verified_at__lt": hidden_cutoff}) | Q(
        **{f"{prefix}last_verified_at__isnull": True, f"{prefix}created_at__lt": hidden_cutoff}
    )
    return verified, hidden


REPORT_CHART_ROWS = 15


def report_charts(*, period: ReportPeriod, now: datetime | None = None) -> list[Chart]:
    """Directory freshness per organisation (staff reports page, beko.core.reports).

    A snapshot of today, whatever the period: freshness has no history.
    """
    now = now or timezone.now()
    verified, hidden = _freshness_q(now=now, prefix="offers__")
    published = Q(offers__status=Offer.Status.PUBLISHED)
    rows = list(
        Organisation.objects.annotate(
            fresh=Count("offers", filter=published & verified),
            hidden=Count("offers", filter=published & hidden),
            total=Count("offers", filter=published),
        )
        .filter(total__gt=0)
        .values_list("name", "fresh", "hidden", "total")
    )
    table = [(name, fresh, total - fresh - gone, gone) for name, fresh, gone, total in rows]
    table.sort(key=lambda row: (-(row[2] + row[3]), row[0].casefold()))
    return [
        Chart(
            slug="verzeichnis-aktualitaet",
            title=_("Aktualität des Verzeichnisses je Organisation"),
            description=_(
                "Veröffentlichte Angebote je Organisation, Stand heute: geprüft (bestätigt in "
                "den letzten %(stale)s Tagen), Prüfung fällig (Erinnerung an die Organisation) "
                "und ausgeblendet (zu lange nicht bestätigt, öffentlich nicht mehr sichtbar)."
            )
            % {"stale": settings.BEKO_DIRECTORY_STALE_DAYS},
            row_header=_("Organisation"),
            rows=tuple(row[0] for row in table),
            kind="bars",
            stacked=True,
            series=(
                Series(_("geprüft"), tuple(row[1] for row in table), color="#1e6b34"),
                Series(_("Prüfung fällig"), tuple(row[2] for row in table), color="#8a5a00"),
                Series(_("ausgeblendet"), tuple(row[3] for row in table), color="#b3261e"),
            ),
            total_label=_("Angebote"),
            chart_rows=REPORT_CHART_ROWS,
            note=_(
                "Die Grafik zeigt die %(rows)s Organisationen mit dem größten Prüfbedarf; "
                "Tabelle und CSV enthalten alle."
            )
            % {"rows": REPORT_CHART_ROWS}
            if len(table) > REPORT_CHART_ROWS
            else "",
        )
    ]


# The guide's step tags (beko/guide/rules/next_steps.yaml) -> directory categories.
GUIDE_TAG_CATEGORIES = {
    "business_startup": ["arbeit-beruf"],
    "employer_service": ["arbeit-beruf"],
    "job_counselling": ["arbeit-beruf"],
    "vocational_training": ["ausbildung"],
    "german_course": ["sprache"],
    "integration_course": ["sprache"],
    "job_language_course": ["sprache"],
    "migration_counselling": ["beratung-migration"],
    "youth_migration_service": ["beratung-migration", "jugend"],
    "foreigners_authority": ["beratung-migration"],
    "legal_counselling": ["beratung-recht"],
    "recognition_counselling": ["anerkennung"],
    "jobcenter": ["beratung"],
    "social_welfare_office": ["beratung"],
}


def offers_for_guide(
    *, tags: list[str], residence_status: str, limit: int = 5
) -> list[dict[str, Any]]:
    """Local offers for the guide's next steps: `tags` from its rules, the person's status.

    Returns plain dicts (title, url, organisation, district) as the guide expects; the texts
    are lazy strings (`str()` them outside a page).
    """
    slugs = list(dict.fromkeys(slug for tag in tags for slug in GUIDE_TAG_CATEGORIES.get(tag, [])))
    if not slugs:
        return []
    status = RESIDENCE_STATUS_GROUPS.get(residence_status)
    offers = offers_for(
        category_slugs=slugs, residence_status=status.value if status else None, limit=limit
    )
    # Lazy texts, read when the page renders: a German fallback is then marked lang="de".
    return [
        {
            "title": shown_field(offer, "title"),
            "url": offer.get_absolute_url(),
            "organisation": shown_field(offer.organisation, "name"),
            "district": german(
                ", ".join(dict.fromkeys(loc.district.name for loc in offer.locations.all()))
            ),
        }
        for offer in offers
    ]


def offers_for_audience(*, audience: str, limit: int = 5) -> list[Offer]:
    """Offers for the news app's audience pages (`volunteers`, `employers`, `counselling`,
    `associations`): the offers' target groups are the same shared audience codes."""
    if audience not in TargetGroup.values:
        return []
    return offers_for(target_group=audience, limit=limit)


def offers_by_ids(*, ids: list[int]) -> list[Offer]:
    """Public offers with these ids, in the given order (news links related offers)."""
    by_id = _with_related(offers_public().filter(pk__in=ids)).in_bulk()
    return [by_id[pk] for pk in ids if pk in by_id]


def directory_numbers() -> dict[str, int]:
    """Public offers and the organisations behind them ("BeKo in Zahlen" on "Über uns")."""
    base = offers_public()
    return {
        "offers": base.count(),
        "organisations": Organisation.objects.filter(is_public=True, offers__in=base)
        .distinct()
        .count(),
    }


# --- back-office homes ----------------------------------------------------------------------


def staff_todos(*, user: Any, now: datetime) -> list[Any]:
    """The directory's share of the staff home's "what needs doing" (three queries)."""
    from beko.core.selectors import StaffTodo

    verified, hidden = _freshness_q(now=now)
    about_to_hide = Offer.objects.filter(status=Offer.Status.PUBLISHED).exclude(verified | hidden)
    return [
        StaffTodo(
            label=_("Änderungen von Partnern warten auf Freigabe"),
            count=OfferChange.objects.filter(state=OfferChange.State.PENDING).count(),
            url=reverse("directory_staff:review_list"),
            urgency=30,
        ),
        StaffTodo(
            label=_("Gemeldete Fehler in Angeboten"),
            count=open_reports().count(),
            url=reverse("directory_staff:dashboard"),
            urgency=40,
        ),
        StaffTodo(
            label=_("Angebote werden bald als veraltet ausgeblendet"),
            count=about_to_hide.count(),
            url=reverse("directory_staff:dashboard"),
            urgency=60,
        ),
    ]


@dataclass
class PartnerOffer:
    """One offer as its partner sees it on the partner home."""

    offer: Offer
    status: str  # "public", "draft", "hidden" (as outdated) or "archived"
    status_label: str
    waiting_for_review: bool
    needs_check: bool  # stale or hidden: "still correct?" is asked
    staff_note: str  # what staff asked them to change (latest rejection), or ""


def _partner_offer_status(offer: Offer, *, now: datetime) -> tuple[str, str, bool]:
    if offer.status == Offer.Status.DRAFT:
        return "draft", _("Entwurf"), False
    if offer.status == Offer.Status.ARCHIVED:
        return "archived", _("archiviert"), False
    freshness = offer.freshness_state(now=now)
    if freshness == "hidden":
        return "hidden", _("als veraltet ausgeblendet"), True
    return "public", _("öffentlich"), freshness == "stale"


def partner_offers(*, organisation: Organisation, now: datetime | None = None) -> dict[str, Any]:
    """The organisation's offers, proposals and locations for its partner home (four queries)."""
    now = now or timezone.now()
    changes = list(
        OfferChange.objects.filter(organisation=organisation)
        .filter(
            Q(state=OfferChange.State.PENDING)
            | Q(state=OfferChange.State.REJECTED, decided_at__gte=now - timedelta(days=90))
        )
        .order_by("proposed_at", "pk")
    )
    pending = {c.offer_id for c in changes if c.state == OfferChange.State.PENDING}
    notes: dict[int | None, str] = {}
    for change in changes:
        if change.state == OfferChange.State.REJECTED and change.offer_id is not None:
            notes[change.offer_id] = change.decision_note  # the latest wins
        elif change.state == OfferChange.State.PENDING:
            notes.pop(change.offer_id, None)  # answered by a newer proposal
    offers = []
    for offer in Offer.objects.filter(organisation=organisation).order_by("title", "pk"):
        status, label, needs_check = _partner_offer_status(offer, now=now)
        offers.append(
            PartnerOffer(
                offer=offer,
                status=status,
                status_label=str(label),
                waiting_for_review=offer.pk in pending,
                needs_check=needs_check,
                staff_note=notes.get(offer.pk, ""),
            )
        )
    new_offers = [c for c in changes if c.offer_id is None]
    locations = list(Location.objects.filter(organisation=organisation).select_related("district"))
    return {
        "offers": offers,
        "proposed": [c for c in new_offers if c.state == OfferChange.State.PENDING],
        "declined": [c for c in new_offers if c.state == OfferChange.State.REJECTED],
        "to_check": [item for item in offers if item.needs_check],
        "locations": locations,
    }


def partner_home_section(*, user: Any, organisation: Organisation) -> dict[str, Any]:
    return {
        "template": "directory/staff/_partner_home.html",
        "context": {"organisation": organisation, **partner_offers(organisation=organisation)},
        "order": 10,
    }
