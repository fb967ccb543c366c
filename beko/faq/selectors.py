"""Reads of the FAQ. Other apps (inquiries, news audience pages, site search) use these."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from .choices import Topic
from .models import FaqEntry

MAX_WORD_LENGTH = 60
MAX_SEARCH_WORDS = 8
# Words that match nearly every entry and would drown the useful ones.
STOPWORDS = frozenset(
    [
        "aber",
        "alle",
        "als",
        "auch",
        "bei",
        "bin",
        "bis",
        "das",
        "dass",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "für",
        "gibt",
        "habe",
        "haben",
        "hat",
        "ich",
        "ihr",
        "ist",
        "kann",
        "können",
        "mit",
        "nach",
        "nicht",
        "oder",
        "sich",
        "sie",
        "sind",
        "und",
        "uns",
        "von",
        "was",
        "wer",
        "wie",
        "wir",
        "wird",
        "zum",
        "zur",
        "über",
        "darf",
        "dürfen",
        "muss",
        "wenn",
        "welche",
        "welcher",
    ]
)


def faq_entries_published() -> QuerySet[FaqEntry]:
    return FaqEntry.objects.filter(status=FaqEntry.Status.PUBLISHED)


def faq_entries_for(
    *, audience: str | None = None, topic: str | None = None, limit: int = 5
) -> list[FaqEntry]:
    """Published entries for one audience and/or topic, e.g. for the audience pages."""
    entries = faq_entries_published()
    if audience:
        entries = entries.filter(audiences__contains=f" {audience} ")
    if topic:
        entries = entries.filter(topic=topic)
    return list(entries.order_by("position", "-published_at")[:limit])


def faq_entry_public(*, slug: str) -> FaqEntry | None:
    return faq_entries_published().filter(slug=slug).first()


def _search_words(text: str) -> list[str]:
    # Cut overlong "words": no real word is that long, and SQLite refuses LIKE patterns
    # over 50,000 bytes (a pasted 100k-character string gave a 500).
    words = [
        w[:MAX_WORD_LENGTH]
        for w in re.findall(r"\w+", text.lower())
        if len(w) >= 3 and w not in STOPWORDS
    ]
    return list(dict.fromkeys(words))[:MAX_SEARCH_WORDS]


def _text_fields() -> list[str]:
    """German plus the current language: a search finds translated and untranslated entries."""
    languages = dict.fromkeys(["de", get_language() or settings.LANGUAGE_CODE])
    return [f"{field}_{lang}" for lang in languages for field in ("question", "answer")]


def faq_search(*, query: str = "", topic: str = "") -> list[FaqEntry]:
    """Published entries matching `query`, best first.

    The site-wide search (German stemming, umlaut folding, typos, synonyms) ranks the hits;
    entries whose fresh translation is not indexed yet are still found by a plain substring
    match on the current language and added after them.
    """
    from beko.core import search

    entries = faq_entries_published()
    if topic in Topic.values:
        entries = entries.filter(topic=topic)
    if not query.strip():
        return list(entries)
    words = _search_words(query)
    found_by_index = search.Search(query)
    if found_by_index.is_empty and not words:
        return list(entries)
    ranked = found_by_index.ranked_ids(entries)
    literal = entries
    for word in words:
        match = Q()
        for field in _text_fields():
            match |= Q(**{f"{field}__icontains": word})
        literal = literal.filter(match)
    found = {e.pk: e for e in entries.filter(Q(pk__in=ranked) | Q(pk__in=literal.values("pk")))}
    order = [*ranked, *sorted(pk for pk in found if pk not in set(ranked))]
    return [found[pk] for pk in order if pk in found]


def faq_suggestions(*, text: str, limit: int = 5) -> list[FaqEntry]:
    """Entries that share the most words with a free text (the question being typed)."""
    words = _search_words(text)
    if not words:
        return []
    fields = _text_fields()
    match = Q()
    for word in words:
        for field in fields:
            match |= Q(**{f"{field}__icontains": word})
    candidates = list(faq_entries_published().filter(match)[:50])

    def score(entry: FaqEntry) -> int:
        haystack = " ".join(str(getattr(entry, f) or "") for f in fields).lower()
        return sum(1 for word in words if word in haystack)

    return sorted(candidates, key=lambda e: (-score(e), e.position))[:limit]


def faq_grouped_by_topic(entries: Iterable[FaqEntry]) -> list[dict[str, object]]:
    """[{"topic": code, "label": …, "entries": […]}, …] in the order of the topic list."""
    groups: dict[str, list[FaqEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.topic, []).append(entry)
    labels = dict(Topic.choices)
    return [
        {"topic": code, "label": labels[code], "entries": groups[code]}
        for code in Topic.values
        if code in groups
    ]


def faq_topic_counts() -> dict[str, int]:
    from django.db.models import Count

    rows = faq_entries_published().values("topic").annotate(n=Count("id"))
    return {row["topic"]: row["n"] for row in rows}


def faq_entries_staff() -> QuerySet[FaqEntry]:
    return FaqEntry.objects.select_related("updated_by")
