from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Local offers are cached; every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def usage_counted_at_once(settings: Any, db: Any) -> Iterator[None]:
    """Flush rule usage after every evaluation, starting from an empty buffer."""
    from beko.guide.services import rule_usage_flush

    rule_usage_flush()
    settings.GUIDE_USAGE_FLUSH_EVERY = 1
    yield
    rule_usage_flush()
