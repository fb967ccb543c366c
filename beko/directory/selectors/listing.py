"""The offer search behind the list page and the API, one offer, and the vocabularies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, cast, overload

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone

from beko.core.search import Search, restrict_to_ids
from beko.core.search.highlight import Highlighter

from ..models import (
    Category,
    District,
    Language,
    Offer,
)
from .facets import (
    ORGANISATION_KEY,
    Narrowed,
    OfferSearchResult,
    _distance,
    _facets,
    _KeyedMatches,
)
from .filters import OfferFilters, _category_q, apply_filters
from .public import MAX_PAGE_SIZE, _page_related, _with_related, offers_public


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
    ids: Sequence[int] | None = None
    narrowed: Narrowed | None = None
    keyed = _KeyedMatches(filters, now)
    relaxed = False
    if search is not None:
        # The visibility window in the index equals offers_public() (directory/search.py),
        # so one full-text query yields the visible matches, best first, with the facet keys
        # the filters and counts need.
        wider: Search | None = search
        key_groups = list(keyed.required().values())  # every active filter, as facet keys
        first = (max(0, (filters.page - 1) * page_size), page_size)
        while wider is not None:
            if sort == "relevance":
                known: tuple[list[int], int] | None = None
                if with_facets:
                    # Filters no facet leaves out (target group, status, flags, organisation)
                    # run in the query; the faceted ones leave out their own filter for their
                    # counts: the query groups the matches by their keys (few groups), the
                    # filters and counts run over the groups, and only the page travels.
                    page_ids, groups = wider.matching_page_and_key_counts(
                        Offer,
                        offset=first[0],
                        limit=first[1],
                        visible_at=now,
                        keys=keyed.unfaceted_groups(),
                        page_keys=keyed.faceted_groups(),
                        mark=keyed.open_sql(),
                        page_marked_only=filters.open_now,
                        drop_key_prefix=ORGANISATION_KEY,
                    )
                    narrowed = keyed.narrow(groups)
                    known = (page_ids, narrowed.total)
                # Only the page and the total are read (the paginator asks for them), never
                # the ids of 20,000 matches; without facets every filter runs in the query.
                ids = _RankedMatches(
                    wider,
                    keys=key_groups,
                    now=now,
                    first=first,
                    where=keyed.open_sql() if filters.open_now else None,
                    known=known,
                )
            elif with_facets:
                # Another order than relevance needs every passing id.
                rows = wider.matching_keys(Offer, visible_at=now, keys=keyed.unfaceted_groups())
                narrowed = keyed.narrow(keyed.groups_of(rows))
                ids = keyed.passing_ids(rows, narrowed)
            else:
                ids = keyed.open_now_only(
                    wider.matching_ids(Offer, visible_at=now, keys=key_groups)
                )
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
        if narrowed is not None:
            result.facets, result.flags = keyed.facets(narrowed)
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


class _RankedMatches(Sequence[int]):
    """The ids of a search's visible matches, best first, for the paginator, without reading
    them all: its length is the total and a slice is one page (`Search.matching_page`, one
    query that reads both). The first read is the slice `first` (offset, limit: the page
    asked for), unless the caller read it already (`known`: its ids and the total); another
    slice (a page number out of range, which the paginator turns into the last page) runs
    a query of its own. `keys` and `where` (e.g. "open now") restrict the matches."""

    def __init__(
        self,
        search: Search,
        *,
        keys: list[tuple[str, ...]],
        now: datetime,
        first: tuple[int, int],
        where: tuple[str, list[Any]] | None = None,
        known: tuple[list[int], int] | None = None,
    ) -> None:
        self.search = search
        self.keys = keys
        self.now = now
        self.first = first
        self.where = where
        self._slice: tuple[int, int, list[int]] | None = None
        self._total: int | None = None
        if known is not None:  # the slice `first` and the total, read by the caller
            self._slice, self._total = (*first, known[0]), known[1]

    def _read(self, offset: int, limit: int) -> list[int]:
        ids, total = self.search.matching_page(
            Offer,
            offset=offset,
            limit=limit,
            visible_at=self.now,
            keys=self.keys,
            where=self.where,
        )
        self._slice, self._total = (offset, limit, ids), total
        return ids

    def __len__(self) -> int:
        if self._total is None:
            self._read(*self.first)
        return cast(int, self._total)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            position = index + len(self) if index < 0 else index
            if not 0 <= position < len(self):
                raise IndexError(index)
            return self[position : position + 1][0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            raise ValueError("only contiguous slices")
        if self._slice is not None:
            offset, limit, ids = self._slice
            if start >= offset and stop <= offset + limit:
                return ids[start - offset : stop - offset]
        return self._read(start, max(0, stop - start)) if stop > start else []


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
