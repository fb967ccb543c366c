"""Facet counts and the search index's visibility window, checked against independent oracles.

A facet count promises: "choose this value and you get this many results". The oracle is
therefore the search itself with that value chosen (`with_facets=False`), which takes a
different code path (the filters) than the counts (grouped queries over the matches).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from beko.core.search import Search
from beko.directory.models import District, Location, Offer
from beko.directory.selectors import OfferFilters, offer_search, offers_public


@pytest.fixture
def varied(make_offer: Any, other_organisation: Any) -> list[Offer]:
    now = timezone.now()
    stale = now - timedelta(
        days=settings.BEKO_DIRECTORY_STALE_DAYS + settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS + 1
    )
    offers = [
        # Filed under a parent *and* two of its children: counted once for the parent.
        make_offer("Sprachkurs und Beratung", categories=("beratung", "beratung-recht",
                   "beratung-migration"), district="barmen", languages=("de", "ar"),
                   target_groups=("refugees",), is_free=True, hours=((0, "00:00", "23:59"),)),
        make_offer("Sprachkurs am Abend", categories=("sprache",), district="elberfeld",
                   languages=("de", "fa", "uk"), residence_statuses=("duldung",),
                   wheelchair_accessible=True),
        make_offer("Sprachkurs für Frauen", categories=("sprache", "frauen"), district="barmen",
                   languages=("de", "ar"), target_groups=("refugees", "volunteers"), is_free=True),
        make_offer("Sprachcafé", categories=("begegnung-freizeit", "sprache"),
                   district="vohwinkel", languages=("de",), residence_statuses=("gestattung",)),
        make_offer("Bewerbungstraining", categories=("arbeit-beruf",), district="ronsdorf",
                   languages=("de", "en"), hearing_loop=True),
        make_offer("Schuldnerberatung", categories=("beratung-schulden",), district="barmen",
                   languages=("de", "tr"), is_free=True),
        # Not public: never counted anywhere.
        make_offer("Sprachkurs Entwurf", categories=("sprache",), status=Offer.Status.DRAFT),
        make_offer("Sprachkurs veraltet", categories=("sprache",), last_verified_at=stale),
        make_offer("Sprachkurs vorbei", categories=("sprache",),
                   valid_until=timezone.localdate() - timedelta(days=1)),
        make_offer("Sprachkurs verborgen", categories=("sprache",), organisation_=other_organisation),
    ]  # fmt: skip
    other_organisation.is_public = False
    other_organisation.save()
    # Two locations in one district and one in another: counted once per district.
    first = offers[0]
    for street, slug in (("Werth 1", "barmen"), ("Wall 2", "elberfeld")):
        first.locations.add(
            Location.objects.create(
                organisation=first.organisation,
                street=street,
                postal_code="42275",
                district=District.objects.get(slug=slug),
            )
        )
    # As the services do after every change: the index holds the visibility window and the
    # facet keys (districts included) the counts are made from.
    from beko.directory.services import offers_reindex

    offers_reindex()
    return offers


FILTER_SETS = [
    OfferFilters(),
    OfferFilters(q="Sprachkurs"),
    OfferFilters(q="Beratung"),
    OfferFilters(q="Sprachkurs", district="barmen"),
    OfferFilters(q="Sprachkurs", category="beratung", language="ar"),
    OfferFilters(district="barmen", free=True),
    OfferFilters(category="sprache", target_group="refugees"),
    OfferFilters(q="Kurs", residence_status="duldung"),
]


@pytest.mark.parametrize("filters", FILTER_SETS, ids=lambda f: repr(f.active() | {"q": f.q}))
def test_every_facet_count_equals_the_results_of_choosing_it(
    varied: list[Offer], filters: OfferFilters
) -> None:
    result = offer_search(filters=filters)
    checked = 0
    for name, values in result.facets.items():
        for facet in values:
            chosen = replace(filters, **{name: facet.value})
            expected = offer_search(filters=chosen, with_facets=False).total
            assert facet.count == expected, (name, facet.value)
            checked += expected
    for flag in ("free", "accessible", "open_now"):
        chosen = replace(filters, **{flag: True})
        assert result.flags[flag] == offer_search(filters=chosen, with_facets=False).total, flag
    assert checked > 0  # the fixture really gives the facets something to count


# Filters with a query and no facet counts run in the full-text query itself (SQL on the
# facet keys); with facets they run in Python over the keyed matches. Both must agree.
FILTERED_QUERIES = [  # (filters, whether the fixture has hits for them)
    (OfferFilters(q="Sprachkurs", district="barmen"), True),
    (OfferFilters(q="Sprachkurs", category="beratung", language="ar"), True),
    (OfferFilters(q="Sprachkurs", category="sprache", free=True), True),
    (OfferFilters(q="Sprachkurs", target_group="refugees"), True),
    (OfferFilters(q="Sprachkurs", target_group="professionals"), False),  # a former code
    (OfferFilters(q="Kurs", residence_status="duldung"), True),
    (OfferFilters(q="Sprachkurs", accessible=True), True),
    (OfferFilters(q="Sprachkurs", open_now=True), None),  # depends on the weekday
    (OfferFilters(q="Sprachkurs Beratung", organisation="verein-bruecke"), True),
    (OfferFilters(q="Sprachkurs", organisation="initiative-nord"), False),
    (OfferFilters(q="Sprachkurs", district="nirgendwo"), False),  # no such district
    (OfferFilters(q="Sprachkurs", district="barmen' OR '1'='1"), False),
    (OfferFilters(q="Sprachkurs", language="ar%"), False),
]


@pytest.mark.parametrize(
    ("filters", "hits"),
    FILTERED_QUERIES,
    ids=lambda v: repr(v.active()) if isinstance(v, OfferFilters) else str(v),
)
def test_filters_in_the_query_equal_filters_over_the_keyed_matches(
    varied: list[Offer], filters: OfferFilters, hits: bool | None
) -> None:
    counted = offer_search(filters=filters, with_facets=True)
    plain = offer_search(filters=filters, with_facets=False)
    assert [o.pk for o in plain.offers] == [o.pk for o in counted.offers]
    assert plain.total == counted.total
    if hits is not None:
        assert (plain.total > 0) == hits
    # The oracle: the public offers matching the query, filtered by the ORM's own filters.
    from beko.directory.selectors.filters import apply_filters

    now = timezone.now()
    base = Search(filters.q).filter(offers_public(now=now))
    expected = set(
        apply_filters(base, replace(filters, q=""), now=now).values_list("pk", flat=True)
    )
    assert {o.pk for o in plain.offers} == expected


@pytest.mark.parametrize(("page", "page_size"), [(1, 2), (2, 2), (3, 2), (99, 2), (2, 3), (1, 100)])
def test_a_page_of_ranked_results_without_facets_is_the_same_page_as_with_them(
    varied: list[Offer], page: int, page_size: int
) -> None:
    """Without facets the ranked list reads only the page and the total (`_RankedMatches`);
    with facets it pages through every match. Same offers, total and page number, a page
    out of range included (the last page, as Django's paginator does)."""
    for filters in (OfferFilters(q="Sprachkurs"), OfferFilters(q="Sprachkurs", district="barmen")):
        filters = replace(filters, page=page, page_size=page_size)
        counted = offer_search(filters=filters, with_facets=True)
        plain = offer_search(filters=filters, with_facets=False)
        assert counted.total >= (3 if not filters.district else 2)  # several pages of 2
        assert [o.pk for o in plain.offers] == [o.pk for o in counted.offers]
        assert (plain.total, plain.page, plain.num_pages) == (
            counted.total, counted.page, counted.num_pages,
        )  # fmt: skip
        assert plain.offers


def test_parent_category_and_district_count_each_offer_once(varied: list[Offer]) -> None:
    facets = offer_search(filters=OfferFilters(q="Sprachkurs")).facets
    categories = {f.value: f.count for f in facets["category"]}
    districts = {f.value: f.count for f in facets["district"]}
    assert categories["beratung"] == 1  # one offer in the parent and two of its children
    assert categories["sprache"] == 2
    assert districts["barmen"] == 2 and districts["elberfeld"] == 2
    # Every term of the vocabularies is listed (zero counts too), in the vocabulary's order.
    assert [f.value for f in facets["district"]] == list(
        District.objects.values_list("slug", flat=True)
    )
    assert districts["cronenberg"] == 0


@pytest.mark.parametrize("days", [-1, 0, 1])
def test_the_index_window_equals_the_public_rule_at_every_boundary(
    make_offer: Any, organisation: Any, days: int
) -> None:
    """`matching_ids(visible_at=now)` must be exactly offers_public() among the matches,
    on both sides of every date boundary: valid_from, valid_until, the freshness cutoff."""
    now = timezone.now()
    today = timezone.localdate(now)
    hide = settings.BEKO_DIRECTORY_STALE_DAYS + settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS
    make_offer("Nähcafé beginnt", valid_from=today + timedelta(days=days))
    make_offer("Nähcafé endet", valid_until=today + timedelta(days=days))
    make_offer("Nähcafé geprüft", last_verified_at=now - timedelta(days=hide + days))
    make_offer("Nähcafé ungeprüft", last_verified_at=None)
    make_offer("Nähcafé Entwurf", status=Offer.Status.DRAFT)
    make_offer("Nähcafé archiviert", status=Offer.Status.ARCHIVED)
    matched = set(Search("Nähcafé").matching_ids(Offer, visible_at=now))
    public = set(
        offers_public(now=now).filter(title__startswith="Nähcafé").values_list("pk", flat=True)
    )
    assert matched == public
    assert "Nähcafé ungeprüft" in set(
        Offer.objects.filter(pk__in=matched).values_list("title", flat=True)
    )
    # The organisation going private hides its offers from the index too (after reindexing).
    organisation.is_public = False
    organisation.save()
    from beko.directory.services import offers_reindex

    offers_reindex(queryset=Offer.objects.filter(organisation=organisation))
    assert Search("Nähcafé").matching_ids(Offer, visible_at=now) == []


def test_cached_facet_counts_follow_every_offer_change(
    varied: list[Offer], make_offer: Any, staff_client: Any
) -> None:
    def barmen() -> int:
        facets = offer_search(filters=OfferFilters(q="Sprachkurs")).facets
        return next(f.count for f in facets["district"] if f.value == "barmen")

    def titles() -> set[str]:
        return {o.title for o in offer_search(filters=OfferFilters(q="Sprachkurs")).offers}

    assert barmen() == 2 and "Sprachkurs am Morgen" not in titles()
    make_offer("Sprachkurs am Morgen", categories=("sprache",), district="barmen")
    assert barmen() == 3 and "Sprachkurs am Morgen" in titles()
    staff_client.post(f"/intern/directory/angebote/{varied[2].pk}/status/", {"status": "archived"})
    assert barmen() == 2 and varied[2].title not in titles()


@pytest.mark.parametrize("filters", [f for f in FILTER_SETS if f.q], ids=lambda f: repr(f.active()))
def test_filters_on_the_index_keys_equal_the_sql_filters(
    varied: list[Offer], filters: OfferFilters
) -> None:
    """With a query, filters and counts work on the facet keys of the search documents
    (`_KeyedMatches`); every facet value chosen must give exactly the offers the SQL
    filters (`apply_filters` on `offers_public()`, used without a query) give."""
    from beko.directory.selectors import apply_filters

    now = timezone.now()
    search = Search(filters.q)
    result = offer_search(filters=filters, now=now)
    for name, values in result.facets.items():
        for facet in values:
            chosen = replace(filters, **{name: facet.value})
            sql = search.filter(apply_filters(offers_public(now=now), chosen, now=now))
            expected = set(sql.values_list("pk", flat=True))
            found = offer_search(filters=replace(chosen, page_size=100), now=now)
            assert {o.pk for o in found.offers} == expected, (name, facet.value)
            assert facet.count == len(expected), (name, facet.value)
    for flag in ("free", "accessible", "childcare", "open_now"):
        chosen = replace(filters, **{flag: True})
        sql = search.filter(apply_filters(offers_public(now=now), chosen, now=now))
        assert result.flags[flag] == sql.count(), flag


def test_ranked_matches_read_like_the_list_of_every_matching_id(varied: list[Offer]) -> None:
    """`_RankedMatches` (the paginator's view of a ranked search) answers length, slices and
    single positions as the full list of ids would, reading only what is asked."""
    from beko.directory.selectors.listing import _RankedMatches

    now = timezone.now()
    search = Search("Sprachkurs")
    every = search.matching_ids(Offer, visible_at=now)
    ranked = _RankedMatches(search, keys=[], now=now, first=(0, 2))
    assert len(ranked) == len(every) >= 3
    assert ranked[0:2] == every[0:2]
    assert ranked[1:3] == every[1:3]  # outside the first slice: read again
    assert ranked[-1] == every[-1] and ranked[0] == every[0]
    assert ranked[5:2] == []
    with pytest.raises(IndexError):
        ranked[len(every)]


@pytest.fixture
def open_today(varied: list[Offer]) -> list[Offer]:
    """Opening hours: two language courses and the debt counselling are open all day today,
    a third course only on another weekday (so "open now" picks some matches, not all)."""
    from datetime import time

    from beko.directory.models import OpeningHours
    from beko.directory.selectors.public import LOCAL_TZ

    today = timezone.now().astimezone(LOCAL_TZ).weekday()
    by_title = {o.title: o for o in varied}
    opened = [by_title["Sprachkurs und Beratung"], by_title["Sprachkurs für Frauen"],
              by_title["Schuldnerberatung"]]  # fmt: skip
    for offer in opened:
        OpeningHours.objects.create(
            offer=offer, weekday=today, opens=time(0, 0), closes=time(23, 59, 59, 999999)
        )
    OpeningHours.objects.create(
        offer=by_title["Sprachkurs am Abend"], weekday=(today + 3) % 7,
        opens=time(0, 0), closes=time(23, 59, 59, 999999),
    )  # fmt: skip
    return opened


@pytest.mark.parametrize(
    "filters",
    [
        OfferFilters(q="Sprachkurs"),
        OfferFilters(q="Sprachkurs", open_now=True),
        OfferFilters(q="Sprachkurs", open_now=True, page_size=1),
        OfferFilters(q="Sprachkurs", open_now=True, page=5, page_size=1),  # out of range
        OfferFilters(q="Kurs", open_now=True, district="barmen"),
        OfferFilters(q="Sprachkurs", open_now=True, category="sprache", free=True),
        OfferFilters(q="Sprachkurs", open_now=True, sort="name"),
        OfferFilters(q="Sprachkurs", sort="verified", language="ar"),
    ],
    ids=lambda f: repr(f.active() | {"q": f.q, "page": f.page, "sort": f.sort}),
)
def test_open_now_with_a_query_counts_and_pages_as_the_orm_filters(
    varied: list[Offer], open_today: list[Offer], filters: OfferFilters
) -> None:
    """With facet counts, "open now" is a mark in the grouped query (relevance) or the
    opening hours read apart (other orders): the page, the total, the "open now" count and
    every facet count equal the ORM's filters over the public matches."""
    from beko.directory.selectors.filters import apply_filters

    now = timezone.now()
    result = offer_search(filters=filters, now=now)
    plain = offer_search(filters=filters, with_facets=False, now=now)
    assert [o.pk for o in result.offers] == [o.pk for o in plain.offers]
    assert (result.total, result.page, result.num_pages) == (
        plain.total, plain.page, plain.num_pages,
    )  # fmt: skip
    base = Search(filters.q).filter(offers_public(now=now))
    expected = set(
        apply_filters(base, replace(filters, q="", page=1), now=now).values_list("pk", flat=True)
    )
    assert result.total == len(expected)
    if filters.page_size >= result.total:
        assert {o.pk for o in result.offers} == expected
    opened = offer_search(filters=replace(filters, open_now=True), with_facets=False, now=now)
    assert result.flags["open_now"] == opened.total
    for name, values in result.facets.items():
        for facet in values:
            chosen = replace(filters, **{name: facet.value})
            assert facet.count == offer_search(filters=chosen, with_facets=False, now=now).total
    if filters.q == "Sprachkurs" and not filters.language:
        assert 0 < result.flags["open_now"] < len(varied)  # the mark really tells apart
