"""Slugs the German way: "Stadtgespräche" → "stadtgespraeche", unique per model."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify

# Germans write umlauts without dots as ae/oe/ue (slugify alone would drop the dots: "o").
GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"}
)


def german_slug(text: str, *, max_length: int = 80) -> str:
    """ASCII slug of `text` with German transliteration, at most `max_length` characters."""
    return slugify(text.translate(GERMAN_TRANSLITERATION))[:max_length].strip("-")


def unique_slug(
    text: str,
    *,
    queryset: QuerySet[Any],
    fallback: str,
    max_length: int = 80,
    exclude_pk: int | None = None,
    reserved: Collection[str] = (),
) -> str:
    """`german_slug(text)`, or `fallback` for text without letters, made unique in
    `queryset` (`-2`, `-3`, …; the object `exclude_pk` itself does not count). A slug in
    `reserved` (addresses the app uses for something else) gets `-<fallback>` appended."""
    base = german_slug(text, max_length=max_length) or fallback
    if base in reserved:
        base = f"{base}-{fallback}"
    others = queryset.exclude(pk=exclude_pk) if exclude_pk else queryset
    slug, number = base, 2
    while others.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug
