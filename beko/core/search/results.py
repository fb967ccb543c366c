"""A short-lived cache of parsed queries, invalidated by every write to the index.

Finished search pages and API responses are kept by the response cache
(beko/core/lib/response_cache.py); this keeps only what a query costs before it reaches
the index: parsing asks the vocabulary (prefixes, typo candidates). Entries live under the
content version (the response cache's counter, which every index write bumps through
`bump()`, called by index.py), for at most BEKO_SEARCH_CACHE_SECONDS (0 switches it off).

With Redis (production, REDIS_URL) every worker sees a bump at once, so results are never
staler than the index. With the local-memory cache (development) another process may serve
a result up to BEKO_SEARCH_CACHE_SECONDS old. Results that depend on the clock (visibility
windows, "open now") lag behind it by at most the same time, so callers put a moment into
the key only when it was chosen explicitly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from beko.core.lib.response_cache import content_changed, content_version

T = TypeVar("T")


def _seconds() -> int:
    return int(getattr(settings, "BEKO_SEARCH_CACHE_SECONDS", 60))


def generation() -> int:
    """The content version of the response cache: one counter for everything public."""
    return content_version()


def bump() -> None:
    """The index changed: cached results (and cached responses) are void."""
    content_changed()


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
