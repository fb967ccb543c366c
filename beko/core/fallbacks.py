"""Where German fallback text comes from, and how each source marks it while a page renders.

Installed once by `CoreConfig.ready()`; see `beko.core.lib.fallback_marks` for the marks and
how a rendered page turns them into `lang="de"` markup.

1. Interface strings: gettext returns the German msgid when the active catalogue lacks it.
   Django serves every translation function through one object (`django.utils.translation.
   _trans`, which caches the real functions as attributes on first use and documents that
   they may be replaced); our wrappers ask the active catalogue whether it holds the msgid
   and mark the result when it does not. A dictionary lookup per string, and only while an
   HTML template renders.
2. Translated content (django-modeltranslation): the field descriptor falls back to the
   German column; ours marks the value when the active language's own column is empty.
3. Text fields that only exist in German (names, addresses: `settings.BEKO_GERMAN_TEXT_FIELDS`):
   marked in every other language.
4. Data texts and user-written text: `beko.core.lib.texts` (helpers and template filters).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models.query_utils import DeferredAttribute
from django.utils import translation
from django.utils.translation import trans_real

from .lib.fallback_marks import is_marking, mark, mark_terms, set_german_terms

CONTEXT_SEPARATOR = "\x04"


def _catalogue_lacks(key: str | tuple[str, int]) -> bool:
    """True when the active language is not German and its catalogue has no entry `key`."""
    active = trans_real.catalog()
    if not isinstance(active, trans_real.DjangoTranslation):
        return False
    if active.language() == settings.LANGUAGE_CODE:
        return False
    return key not in active._catalog  # type: ignore[attr-defined]  # gettext's merged catalogue


def _normalise(message: str) -> str:
    # gettext looks messages up with Unix line ends (trans_real.gettext).
    return message.replace("\r\n", "\n").replace("\r", "\n")


def _gettext(message: str) -> str:
    result = trans_real.gettext(message)
    if not is_marking() or not message:
        return result
    return mark(result) if _catalogue_lacks(_normalise(message)) else mark_terms(result)


def _ngettext(singular: str, plural: str, number: int) -> str:
    result = trans_real.ngettext(singular, plural, number)
    if not is_marking():
        return result
    return mark(result) if _catalogue_lacks((singular, 0)) else mark_terms(result)


def _pgettext(context: str, message: str) -> str:
    result = trans_real.pgettext(context, message)
    if not is_marking():
        return result
    key = f"{context}{CONTEXT_SEPARATOR}{_normalise(message)}"
    return mark(result) if _catalogue_lacks(key) else mark_terms(result)


def _npgettext(context: str, singular: str, plural: str, number: int) -> str:
    result = trans_real.npgettext(context, singular, plural, number)
    if not is_marking():
        return result
    key = (f"{context}{CONTEXT_SEPARATOR}{singular}", 0)
    return mark(result) if _catalogue_lacks(key) else mark_terms(result)


def install_gettext_marking() -> None:
    if not settings.USE_I18N:
        return
    trans = translation._trans  # type: ignore[attr-defined]  # serves every gettext call
    trans.gettext  # noqa: B018 - first access connects Django's catalogue reloader
    trans.gettext = _gettext
    trans.ngettext = _ngettext
    trans.pgettext = _pgettext
    trans.npgettext = _npgettext


def install_content_marking() -> None:
    """Replace modeltranslation's descriptors by ones that mark their German fallback."""
    from modeltranslation.fields import TranslationFieldDescriptor
    from modeltranslation.translator import translator
    from modeltranslation.utils import build_localized_fieldname
    from modeltranslation.utils import get_language as mt_get_language

    class MarkedFallbackDescriptor(TranslationFieldDescriptor):
        def __get__(self, instance: Any, owner: Any) -> Any:
            value = super().__get__(instance, owner)
            if instance is None or not value or not isinstance(value, str) or not is_marking():
                return value
            language = mt_get_language()
            if language == settings.LANGUAGE_CODE:
                return value
            own = getattr(instance, build_localized_fieldname(self.field.name, language), None)
            return mark_terms(value) if own else mark(value)

    for model in translator.get_registered_models():
        for name in translator.get_options_for_model(model).all_fields:
            descriptor = model.__dict__.get(name)
            if type(descriptor) is TranslationFieldDescriptor:
                marked = MarkedFallbackDescriptor.__new__(MarkedFallbackDescriptor)
                marked.__dict__.update(descriptor.__dict__)
                setattr(model, name, marked)


class GermanTextAttribute(DeferredAttribute):
    """A text field that only exists in German (a name, a street): marked in other languages."""

    def __set__(self, instance: Any, value: Any) -> None:
        # Defining __set__ makes this a data descriptor: Django's DeferredAttribute is not
        # one, so a loaded value in instance.__dict__ would bypass __get__ entirely.
        instance.__dict__[self.field.attname] = value

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        value = super().__get__(instance, cls)
        if instance is None or not value or not isinstance(value, str) or not is_marking():
            return value
        if translation.get_language() in (None, settings.LANGUAGE_CODE):
            return value
        return mark(value)


def install_german_text_marking() -> None:
    """`settings.BEKO_GERMAN_TEXT_FIELDS`: "app_label.Model.field" entries."""
    from modeltranslation.translator import NotRegistered, translator

    for entry in getattr(settings, "BEKO_GERMAN_TEXT_FIELDS", []):
        app_label, model_name, field_name = entry.split(".")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue  # the app is not installed in this configuration
        try:
            if field_name in translator.get_options_for_model(model).all_fields:
                continue  # translated: its descriptor marks the fallback already
        except NotRegistered:
            pass
        field = model._meta.get_field(field_name)
        setattr(model, field.attname, GermanTextAttribute(field))  # type: ignore[union-attr]  # fields of concrete models always have an attname


def install_german_terms() -> None:
    """German words that translations keep beside their rendering: the glossary's terms
    printed on people's papers ("(Duldung)"), its German names (Stadtgespräche), and
    settings.BEKO_GERMAN_WORDS (Wuppertal's districts …). Marked lang="de" inside any
    translation a page shows."""
    from .lib.glossary import glossary_load

    words: list[str] = list(getattr(settings, "BEKO_GERMAN_WORDS", []))
    for term in glossary_load().terms:
        if term.keep_german:
            words.append(term.keep_as or term.de)
            if term.keep_as and not set("(/") & set(term.de):
                words.append(term.de)  # "Aufenthaltsgestattung" as well as "Gestattung"
        elif term.brand and term.de not in NOT_GERMAN_BRANDS:
            words.append(term.de)
    set_german_terms(words)


# Brand names in the glossary that are not German words (a made-up name, an English one).
NOT_GERMAN_BRANDS = frozenset({"BeKo", "Meet & Eat"})


def install() -> None:
    install_gettext_marking()
    install_german_terms()
    install_content_marking()
    install_german_text_marking()
