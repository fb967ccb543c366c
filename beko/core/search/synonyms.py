"""Synonym groups from `data/synonyms.txt` (editable by staff with repository access)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from .text import stem_word, words

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "synonyms.txt"


def _synonym_file() -> Path:
    return Path(getattr(settings, "BEKO_SEARCH_SYNONYMS", DEFAULT_FILE))


@lru_cache(maxsize=4)
def _groups(path: Path) -> dict[str, frozenset[str]]:
    by_stem: dict[str, set[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        stems = {stem_word(w) for entry in line.split(",") for w in words(entry)[:1]}
        for item in stems:
            by_stem.setdefault(item, set()).update(stems)
    return {key: frozenset(value) for key, value in by_stem.items()}


def synonyms_of(stemmed: str) -> frozenset[str]:
    """Stems that mean the same as `stemmed` (including itself when it has a group)."""
    return _groups(_synonym_file()).get(stemmed, frozenset())
