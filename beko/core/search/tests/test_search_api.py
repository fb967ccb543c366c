"""The generic search API with a core model (Page), so it is tested without domain apps."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from beko.core import search
from beko.core.models import Page
from beko.core.search import backends as search_backends
from beko.core.search.models import SearchDocument


@pytest.fixture
def pages(db: Any) -> Iterator[list[Page]]:
    from beko.core.search import index as search_index

    saved = dict(search_index._registry)
    search.register(
        Page, document=lambda p: search.Document(title=p.title, summary=p.intro, body=p.body)
    )
    items = [
        Page.objects.create(slug="a", title="Beratung für Ehrenamtliche", body="Sprechstunde"),
        Page.objects.create(slug="b", title="Impressum", body="Verantwortlich: Beratungsstelle"),
        Page.objects.create(slug="c", title="Datenschutz", body="Cookies"),
    ]
    search.index_objects(objects=items)
    yield items
    search_index._registry.clear()
    search_index._registry.update(saved)


def test_ranked_ids_put_title_hits_first(pages: list[Page]) -> None:
    ids = search.Search("Beratung").ranked_ids(Page.objects.all())
    assert ids[0] == pages[0].pk


def test_filter_restricts_any_queryset(pages: list[Page]) -> None:
    queryset = search.Search("Cookies").filter(Page.objects.all())
    assert list(queryset) == [pages[2]]


def test_hits_across_models_carry_model_and_id(pages: list[Page]) -> None:
    hits = search.Search("Sprechstunde").hits([Page])
    assert [(h.model, h.object_id) for h in hits] == [(Page, pages[0].pk)]


def test_updating_and_removing_keeps_the_index_current(pages: list[Page]) -> None:
    page = pages[2]
    page.title = "Barrierefreiheit"
    page.save()
    search.index_update(obj=page)
    assert search.Search("Barrierefreiheit").filter(Page.objects.all()).count() == 1
    assert search.Search("Datenschutz").filter(Page.objects.all()).count() == 0
    search.index_remove(model=Page, object_id=page.pk)
    assert not SearchDocument.objects.filter(object_id=page.pk, title__contains="barriere").exists()
    assert search.Search("Barrierefreiheit").filter(Page.objects.all()).count() == 0


def test_a_builder_returning_none_removes_the_document(pages: list[Page]) -> None:
    search.register(
        Page, document=lambda p: None if p.slug == "a" else search.Document(title=p.title)
    )
    search.index_objects(objects=pages)
    assert search.Search("Ehrenamtliche").filter(Page.objects.all()).count() == 0


@pytest.mark.parametrize("query", ['"', "*", "NEAR(a b)", "a OR", "'; --", "(((", "ع" * 300, ""])
def test_hostile_queries_never_raise(pages: list[Page], query: str) -> None:
    assert isinstance(search.Search(query).ranked_ids(Page.objects.all()), list)


def _vocabulary_queries(context: Any) -> int:
    return sum("searchterm" in q["sql"].lower() for q in context.captured_queries)


def test_results_are_cached_until_the_index_changes(pages: list[Page]) -> None:
    from beko.core.search import results

    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    assert results.cached(("demo", 1), compute) == [1]
    assert results.cached(("demo", 1), compute) == [1]  # served from the cache
    assert results.cached(("demo", 2), compute) == [2]  # other parts, other entry
    # Any index write voids every entry.
    new = Page.objects.create(slug="d", title="Beratung am Abend")
    search.index_update(obj=new)
    assert results.cached(("demo", 1), compute) == [3]
    search.index_remove(model=Page, object_id=new.pk)
    assert results.cached(("demo", 1), compute) == [4]


def test_parsed_queries_are_shared_through_the_cache_and_it_can_be_switched_off(
    pages: list[Page], settings: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert search.Search("Beratng").corrections == {"beratng": "beratung"}
    with CaptureQueriesContext(connection) as context:
        again = search.Search("Beratng")
    assert again.corrections == {"beratng": "beratung"}
    assert _vocabulary_queries(context) == 0
    settings.BEKO_SEARCH_CACHE_SECONDS = 0
    from beko.core.search.backends import clear_vocabulary_cache

    clear_vocabulary_cache()  # the per-process vocabulary cache, below the result cache
    with CaptureQueriesContext(connection) as context:
        search.Search("Beratng")
    assert _vocabulary_queries(context) >= 1


@pytest.mark.parametrize("query", ["Beratung", "Sprechstunde"])
def test_scores_are_the_rank_of_the_query_plus_that_of_the_typed_words(
    pages: list[Page], query: str
) -> None:
    """PostgreSQL ranks once (doubled) when the typed words are the whole query (`Beratung`)
    and twice otherwise (`Sprechstunde` has its compound parts too): the same scores."""
    from django.db import connection

    hits = search.Search(query).hits([Page])
    assert hits[0].object_id == pages[0].pk
    if connection.vendor != "postgresql":
        return
    s = search.Search(query)
    backend = s.backend
    assert isinstance(backend, search_backends.PostgresBackend)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_rank('{0, 0.1, 0.4, 1}'::float4[], tsv, %s::tsquery) "
            "+ ts_rank('{0, 0.1, 0.4, 1}'::float4[], tsv, %s::tsquery) "
            "FROM search_match WHERE object_id = %s AND content_type_id = %s",
            [
                backend.tsquery(s.parsed),
                backend.typed_tsquery(s.parsed),
                pages[0].pk,
                ContentType.objects.get_for_model(Page).pk,
            ],
        )
        expected = cursor.fetchone()[0]
    assert hits[0].score == pytest.approx(expected, rel=1e-6)
    assert expected > 0


@pytest.mark.django_db(transaction=True)
def test_match_planner_settings_end_with_the_query(pages: list[Page]) -> None:
    """PostgreSQL reads matches through the GIN index (SET LOCAL, backends.fetch_matches):
    neither outside nor inside a transaction may the settings outlive the match."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("planner settings are PostgreSQL's")

    def settings() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), "
                "current_setting('work_mem')"
            )
            return list(cursor.fetchone())

    before = settings()
    assert before[:2] == ["on", "on"]
    assert search.Search("Beratung").ranked_ids(Page.objects.all())[0] == pages[0].pk
    assert settings() == before
    with transaction.atomic():
        assert search.Search("Sprechstunde").matching_ids(Page) == [pages[0].pk]
        assert settings() == before


def _match_rows() -> dict[int, tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, content_type_id, object_id, visible_from, visible_until, keys, "
            "tsv::text FROM search_match"
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _expected_rows() -> dict[int, tuple]:
    """What the match table must hold: each document's columns and the weighted tsvector of
    its texts (title A, summary B, body C), computed here from the documents themselves."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, content_type_id, object_id, visible_from, visible_until, keys, "
            "(setweight(to_tsvector('simple', title), 'A') || "
            "setweight(to_tsvector('simple', summary), 'B') || "
            "setweight(to_tsvector('simple', body), 'C'))::text FROM search_searchdocument"
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def test_postgres_match_table_follows_every_write_to_the_documents(pages: list[Page]) -> None:
    """The narrow match table (migration 0005) mirrors the documents through triggers:
    insert, update (window, keys, texts), delete and TRUNCATE (the test database flush)."""
    from datetime import UTC, datetime

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("search_match is PostgreSQL's (SQLite has its FTS5 table)")
    rows = _match_rows()
    assert len(rows) == 3
    assert rows == _expected_rows()
    assert all(tsv for *_rest, tsv in rows.values())

    # An update of window, keys and text (the directory's data migrations update in bulk).
    first = SearchDocument.objects.get(object_id=pages[0].pk)
    when = datetime(2030, 1, 1, tzinfo=UTC)
    SearchDocument.objects.filter(pk=first.pk).update(
        visible_until=when, keys="o1 c2", title="ganz neu"
    )
    rows = _match_rows()
    assert rows == _expected_rows()
    assert rows[first.pk][3:5] == (when, "o1 c2")
    assert "'ganz':1A" in rows[first.pk][5]
    assert search.Search("Ehrenamtliche").hits([Page]) == []

    # Removing a document (index_remove) drops its match row; the others stay.
    search.index_remove(model=Page, object_id=pages[2].pk)
    assert _match_rows() == _expected_rows()
    assert len(_match_rows()) == 2

    with connection.cursor() as cursor:
        # The deferred foreign-key checks of this test's transaction first (TRUNCATE refuses
        # a table with pending trigger events).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE search_searchdocument")
    assert _match_rows() == {}
    assert search.Search("Sprechstunde").hits([Page]) == []


def test_a_page_of_matches_is_the_slice_of_all_matches_with_their_total(db: Any) -> None:
    """`matching_page` reads one slice and the total in one query: the same ids, in the same
    order (ties by id), as slicing `matching_ids`, for every offset, the last page too."""
    from beko.core.search import index as search_index

    saved = dict(search_index._registry)
    search.register(
        Page, document=lambda p: search.Document(title=p.title, summary=p.intro, body=p.body)
    )
    try:
        # Equal texts score equally: the order among them is by id.
        items = [
            Page.objects.create(slug=f"p{n}", title="Sprechstunde" if n % 3 else "Beratung",
                                body="Sprechstunde" if n % 2 else "Termine")
            for n in range(13)
        ]  # fmt: skip
        search.index_objects(objects=items)
        query = search.Search("Sprechstunde")
        every = query.matching_ids(Page)
        assert len(every) == 10
        for offset, limit in [(0, 5), (5, 5), (10, 5), (3, 1), (0, 20), (11, 5), (40, 5)]:
            ids, total = query.matching_page(Page, offset=offset, limit=limit)
            assert ids == every[offset : offset + limit]
            assert total == len(every)
        assert search.Search("Nirgendwo").matching_page(Page, offset=0, limit=5) == ([], 0)
    finally:
        search_index._registry.clear()
        search_index._registry.update(saved)


def test_a_page_with_key_counts_equals_the_page_and_the_keys_of_every_match(db: Any) -> None:
    """`matching_page_and_key_counts` reads one slice and the matches grouped by their keys in
    one query: the slice equals `matching_page` with the page's key filters (and the mark),
    and the groups hold exactly the keys of every match (`matching_keys`) with the first key
    dropped where it has the prefix, marked by the condition."""
    from collections import Counter

    from beko.core.search import index as search_index

    saved = dict(search_index._registry)
    # The key strings: the first key "s<n>" of its own for some (as an organisation's),
    # none for others; a document whose only key has the prefix; hostile-looking keys.
    keys_of = {
        0: ("s1", "k1", "k2"), 1: ("s2", "k1"), 2: ("k1", "k2"), 3: ("s3",), 4: (),
        5: ("s1", "k2", "k'3"), 6: ("s2", "k1", "k2"), 7: ("k%", "k1"), 8: ("s4", "k1", "k2"),
    }  # fmt: skip
    search.register(
        Page,
        document=lambda p: search.Document(
            title=p.title, body=p.body, keys=keys_of[int(p.slug[1:])]
        ),
    )
    try:
        items = [
            Page.objects.create(slug=f"p{n}", title="Sprechstunde" if n % 3 else "Beratung",
                                body="Sprechstunde" if n % 2 else "Termine")
            for n in keys_of
        ]  # fmt: skip
        search.index_objects(objects=items)
        by_slug = {p.pk: int(p.slug[1:]) for p in items}
        query = search.Search("Sprechstunde")
        rows = query.matching_keys(Page)
        assert len(rows) == 7
        marked_ids = [p.pk for p in items if int(p.slug[1:]) % 4 == 0]
        mark = (
            "m.object_id IN (SELECT id FROM core_page WHERE id IN (%s, %s, %s))",
            marked_ids,
        )

        def grouped(keys: str) -> str:
            return keys.partition(" ")[2] if keys[:1] == "s" else keys

        cases = [
            ([], [], False),
            ([("k1",)], [], False),
            ([], [("k2",)], False),
            ([], [("k2", "k'3")], True),
            ([("k1",)], [("k2",), ("k%", "s1")], False),
        ]
        for keys, page_keys, marked_only in cases:
            every_passing = query.matching_page(
                Page, offset=0, limit=100, keys=[*keys, *page_keys],
                where=mark if marked_only else None,
            )[0]  # fmt: skip
            for offset, limit in [(0, 2), (2, 2), (0, 50), (7, 3)]:
                page, groups = query.matching_page_and_key_counts(
                    Page, offset=offset, limit=limit, keys=keys, page_keys=page_keys,
                    mark=mark, page_marked_only=marked_only, drop_key_prefix="s",
                )  # fmt: skip
                assert page == every_passing[offset : offset + limit]
                kept = set(query.matching_page(Page, offset=0, limit=100, keys=keys)[0])
                assert Counter({(k, m): n for k, m, n in groups}) == Counter(
                    (grouped(k), pk in marked_ids) for pk, k in rows if pk in kept
                )
        # Without a prefix every key stays; without a mark nothing is marked.
        _page, groups = query.matching_page_and_key_counts(Page, offset=0, limit=1)
        assert Counter({(k, m): n for k, m, n in groups}) == Counter((k, False) for _pk, k in rows)
        assert {by_slug[pk] for pk, _k in rows} == set(keys_of) - {0, 6}
        assert search.Search("Nirgendwo").matching_page_and_key_counts(Page, offset=0, limit=5) == (
            [],
            [],
        )
    finally:
        search_index._registry.clear()
        search_index._registry.update(saved)
