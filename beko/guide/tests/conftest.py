from __future__ import annotations

import functools
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


@pytest.fixture
def sample_glossary(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The glossary built on a small file in the core glossary's shape (see data/)."""
    from pathlib import Path

    from beko.guide import content

    path = Path(__file__).resolve().parent / "data" / "core_glossary_sample.yaml"
    monkeypatch.setattr(content, "CORE_GLOSSARY_FILE", path)
    content.glossary.cache_clear()
    content._linker.cache_clear()
    monkeypatch.setattr(content, "glossary", functools.cache(lambda: content.load_glossary(path)))
    yield
    content._linker.cache_clear()
