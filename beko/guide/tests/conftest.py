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
    from beko.guide.models import RuleUsage
    from beko.guide.services import rule_usage_flush

    # Counts other tests of this process left in the buffer must not land in this test.
    rule_usage_flush()
    RuleUsage.objects.all().delete()
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


@pytest.fixture
def guide_texts_missing_in(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Make the guide's data texts miss the given languages, as for a language added later.

    Every rule file has all seven languages now (the schema requires them), so the German
    fallback per text and its lang="de" marking are tested by hiding a language's texts.
    The interface catalogues stay as they are.
    """
    from beko.guide import content
    from beko.guide.texts import Text

    original = Text.resolve

    def hide(*languages: str) -> None:
        def resolve(self: Text, language: str | None) -> Any:
            if language and language.split("-")[0] in languages:
                return original(
                    Text(tuple(i for i in self.items if i[0] not in languages)), language
                )
            return original(self, language)

        monkeypatch.setattr(Text, "resolve", resolve)
        content._linker.cache_clear()

    return hide
