"""Translation state of user-edited content.

Content is translated with django-modeltranslation (one column per language, German is the
source). Each translatable model also inherits `TranslatableContent`, whose
`translation_sources` remembers, per language, a fingerprint of the German text the
translation was made from. Comparing it with the current German text tells staff whether a
translation is missing, outdated or current. No machine translation is ever called.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models

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
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def source_fingerprint(obj: models.Model) -> str:
    digest = hashlib.sha256()
    for field in translated_field_names(type(obj)):
        digest.update(field.encode())
        digest.update(b"\0")
        digest.update(str(getattr(obj, f"{field}_{SOURCE_LANGUAGE}") or "").encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


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
