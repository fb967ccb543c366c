"""The content version (beko/core/lib/response_cache.py) and the Redis cache backend that
carries it in production (beko/core/lib/redis_cache.py)."""

from __future__ import annotations

import os
import secrets
from typing import Any

import pytest
from django.db import transaction

from beko.core.lib import response_cache
from beko.core.lib.redis_cache import RedisCache

# The Redis tests need a server; they use the database given here and only keys of their own.
REDIS_URL = os.environ.get("BEKO_TEST_REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="set BEKO_TEST_REDIS_URL to a Redis DB")


@pytest.mark.django_db(transaction=True)
def test_a_change_outside_a_transaction_bumps_the_version_once() -> None:
    before = response_cache.content_version()
    response_cache.content_changed()
    assert response_cache.content_version() == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_change_inside_a_transaction_bumps_now_and_again_after_the_commit() -> None:
    before = response_cache.content_version()
    with transaction.atomic():
        response_cache.content_changed()
        assert response_cache.content_version() == before + 1
    assert response_cache.content_version() == before + 2


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_bumps_only_once() -> None:
    before = response_cache.content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        response_cache.content_changed()
        raise RuntimeError
    assert response_cache.content_version() == before + 1


@pytest.fixture
def redis_cache() -> Any:
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": f"beko-test-{secrets.token_hex(4)}"})
    yield backend
    backend.delete_many(["counter", "text"])


@needs_redis
def test_redis_incr_counts_up_an_existing_key(redis_cache: Any) -> None:
    redis_cache.set("counter", 41, None)
    assert redis_cache.incr("counter") == 42
    assert redis_cache.incr("counter", 8) == 50
    assert redis_cache.get("counter") == 50


@needs_redis
def test_redis_incr_of_a_missing_key_raises_and_creates_nothing(redis_cache: Any) -> None:
    with pytest.raises(ValueError):
        redis_cache.incr("counter")
    assert redis_cache.get("counter") is None


@needs_redis
def test_redis_backend_reuses_one_client_and_still_stores_any_value(redis_cache: Any) -> None:
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)
    redis_cache.set("text", {"a": [1, "zwei"]}, 60)
    assert redis_cache.get("text") == {"a": [1, "zwei"]}
