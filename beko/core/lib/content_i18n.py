"""Translation state of user-edited content.

Content is translated with django-modeltranslation (one column per language, German is the
source). Each translatable model also inherits `TranslatableContent`, whose
`translation_sources` remembers, per language, a fingerprint of the German text the
translation was made from. Comparing it with the current German text tells staff whether a
translation is missing, outdated or current. No machine translation is ever called.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When

SOURCE_LANGUAGE = "de"


class TranslationState(StrEnum):
    MISSING = "missing"
    OUTDATED = "outdated"
    CURRENT = "current"


def target_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def translated_field_names(model: type[models.Model]) -> list[str]:
    from modeltranslation.translator import NotRegistered, translator

    try:
        names = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []
    # In the model's field order: modeltranslation keeps them in a set, whose order changes
    # from process to process – and the fingerprint must not (nor the editor's field order).
    return [field.name for field in model._meta.get_fields() if field.name in names]


def _fingerprint(fields: list[str], german: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()
    for field in fields:
        digest.update(field.encode())
        digest.update(b"\0")
        digest.update(str(german.get(field) or "").encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def source_fingerprint(obj: models.Model) -> str:
    fields = translated_field_names(type(obj))
    return _fingerprint(fields, {f: getattr(obj, f"{f}_{SOURCE_LANGUAGE}") for f in fields})


def translation_state(obj: Any, language: str) -> TranslationState:
    fields = translated_field_names(type(obj))
    if not any(getattr(obj, f"{field}_{language}", "") for field in fields):
        return TranslationState.MISSING
    if obj.translation_sources.get(language) != source_fingerprint(obj):
        return TranslationState.OUTDATED
    return TranslationState.CURRENT


def translation_overview(obj: Any) -> dict[str, TranslationState]:
    return {language: translation_state(obj, language) for language in target_languages()}


def is_fallback(obj: Any, field: str, language: str) -> bool:
    """True when `field` has no text in `language` and German is shown instead."""
    if language == SOURCE_LANGUAGE:
        return False
    return not getattr(obj, f"{field}_{language}", None)


@dataclass(frozen=True)
class ContentRow:
    """One translatable object as the translation overview sees it."""

    pk: Any
    label: str  # the German text of its first translated field (title, name, question …)
    states: dict[str, TranslationState]


def content_rows(
    model: type[models.Model], languages: list[str] | None = None
) -> Iterator[ContentRow]:
    """Every object of `model` with its state per language, in one query.

    Only the German texts travel (for the fingerprint); for the other languages the database
    answers "has any text" – so a few thousand objects cost one query and some hashing.
    """
    fields = translated_field_names(model)
    languages = languages or target_languages()
    has_text = {
        f"_has_{language}": Case(
            When(
                _any_text(fields, language),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
        for language in languages
    }
    german = [f"{field}_{SOURCE_LANGUAGE}" for field in fields]
    rows = (
        model._default_manager.order_by("pk")
        .annotate(**has_text)
        .values("pk", "translation_sources", *german, *has_text)
    )
    for row in rows.iterator(chunk_size=500):
        fingerprint = _fingerprint(fields, {f: row[f"{f}_{SOURCE_LANGUAGE}"] for f in fields})
        sources = row["translation_sources"] or {}
        states = {}
        for language in languages:
            if not row[f"_has_{language}"]:
                states[language] = TranslationState.MISSING
            elif sources.get(language) != fingerprint:
                states[language] = TranslationState.OUTDATED
            else:
                states[language] = TranslationState.CURRENT
        label = str(row[german[0]] or "") if german else str(row["pk"])
        yield ContentRow(pk=row["pk"], label=label, states=states)


def _any_text(fields: list[str], language: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}_{language}__gt": ""})
    return condition


def translatable_models() -> list[type[models.Model]]:
    """Every model registered for translation, in app order."""
    from django.apps import apps

    return [model for model in apps.get_models() if translated_field_names(model)]
