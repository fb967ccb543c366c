"""A short-lived cache of search results, invalidated by every write to the index.

Ranking costs per hit (bm25 / ts_rank): a word that matches 10,000 documents costs tens of
milliseconds on every request, although paging, toggling a facet and popular queries repeat
the very same match. Results are therefore cached under the index *generation*, a counter
that every index write bumps (`bump()`, called by index.py), for at most
BEKO_SEARCH_CACHE_SECONDS (0 switches the cache off).

With Redis (production, REDIS_URL) every worker sees a bump at once, so results are never
staler than the index. With the local-memory cache (development) another process may serve
a result up to BEKO_SEARCH_CACHE_SECONDS old. Results that depend on the clock (visibility
windows, "open now") lag behind it by at most the same time, so callers put a moment into
the key only when it was chosen explicitly. `Search` caches parsed queries here; what to
cache of the results is the caller's choice (directory/selectors.offer_search caches ids,
facet counts and pages), as only the caller knows which of its inputs matter.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

T = TypeVar("T")

GENERATION_KEY = "search:generation"


def _seconds() -> int:
    return int(getattr(settings, "BEKO_SEARCH_CACHE_SECONDS", 60))


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A fresh start value: a cleared cache must never bring back an old generation.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY, 0)
    return int(value)


def _increment() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (cleared): any new value will do
        cache.set(GENERATION_KEY, time.time_ns(), None)


def bump() -> None:
    """The index changed: cached results are void.

    Bumped now (this request and its transaction see their own writes) and again after the
    commit: a result another request computed meanwhile from the old, still committed data
    must not outlive the commit.
    """
    _increment()
    transaction.on_commit(_increment)


def cached(parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()`, or its result for the same `parts` at the same index generation."""
    seconds = _seconds()
    if seconds <= 0:
        return compute()
    # The database's name keeps two databases behind one cache (benchmarks) apart.
    raw = repr((connection.settings_dict["NAME"], *parts)).encode()
    key = f"search:r:{generation()}:{hashlib.blake2b(raw, digest_size=16).hexdigest()}"
    hit = cache.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]  # cache values are untyped; we stored this type
    value = compute()
    cache.set(key, value, seconds)
    return value
