from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def usage_counted_at_once(settings: Any, db: Any) -> Iterator[None]:
    """Flush rule usage after every evaluation, starting from an empty buffer."""
    from beko.guide.services import rule_usage_flush

    rule_usage_flush()
    settings.GUIDE_USAGE_FLUSH_EVERY = 1
    yield
    rule_usage_flush()
