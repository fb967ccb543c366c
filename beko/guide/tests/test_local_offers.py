"""With the directory app present, results list its matching offers (integration)."""

from __future__ import annotations

from typing import Any

import pytest

from beko.guide.engine import evaluate, parse_input
from beko.guide.selectors import local_offers_for

pytestmark = pytest.mark.django_db

SITUATION = {
    "status": "duldung",
    "months_in_germany": "30",
    "country": "AF",
    "has_job_offer": "true",
    "as_of": "2026-11-25",
}


@pytest.fixture
def directory_offers(db: Any) -> None:
    # Set up through the directory's own demo generator: the guide never touches its models.
    from importlib import import_module

    from django.apps import apps

    from beko.directory import demo

    import_module("beko.directory.migrations.0003_seed_vocabularies").seed(apps, None)
    demo.generate(count=15, organisations=3, translated=False)


def test_result_page_lists_the_directory_offers_for_the_next_steps(
    anon_client: Any, directory_offers: None
) -> None:
    offers = local_offers_for(evaluation=evaluate(parse_input(SITUATION)))
    assert offers, "the demo data should hold counselling or course offers"
    html = anon_client.get("/wege-in-arbeit/ergebnis/", SITUATION).content.decode()
    for offer in offers:
        assert str(offer["title"]) in html  # lazy: read when the page renders
        assert f'href="{offer["url"]}"' in html


def test_api_includes_the_directory_offers(anon_client: Any, directory_offers: None) -> None:
    data = anon_client.get("/api/v1/guide/evaluate", SITUATION).json()
    assert data["local_offers"]
    assert set(data["local_offers"][0]) == {"title", "url", "organisation", "district"}


def test_local_offers_are_cached_so_results_do_not_query_the_directory_each_time(
    anon_client: Any, directory_offers: None, django_assert_max_num_queries: Any
) -> None:
    anon_client.get("/api/v1/guide/evaluate", SITUATION)
    with django_assert_max_num_queries(0):
        data = anon_client.get("/api/v1/guide/evaluate", SITUATION).json()
    assert data["local_offers"]


def test_the_cache_keeps_plain_text_never_model_instances(directory_offers: None) -> None:
    import pickle

    from django.core.cache import cache

    from beko.guide.selectors import LOCAL_OFFER_LIMIT

    evaluation = evaluate(parse_input(SITUATION))
    assert local_offers_for(evaluation=evaluation)
    keys = [key for key in cache._cache if "guide:offers:" in key]  # type: ignore[attr-defined]
    assert len(keys) == 1 and f":{LOCAL_OFFER_LIMIT}:" in keys[0]
    stored = pickle.loads(cache._cache[keys[0]])  # type: ignore[attr-defined]  # noqa: S301 - the test process's own cache
    for offer in stored:
        for text, fallback in offer.values():
            assert type(text) is str and type(fallback) is bool
