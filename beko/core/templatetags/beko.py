from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from beko.core.lib import l10n
from beko.core.lib import texts as data_texts
from beko.core.lib.content_i18n import SOURCE_LANGUAGE, is_fallback
from beko.core.lib.fallback_marks import mark_terms

register = template.Library()


def _value(obj: Any, field: str, language: str) -> str:
    """The text shown in `language`: its own column, or the German one when that is empty.

    Read from the columns, not through the translated field, whose German fallback would
    come marked (beko.core.fallbacks) – these tags mark it themselves.
    """
    if is_fallback(obj, field, language):
        return getattr(obj, f"{field}_{SOURCE_LANGUAGE}", "") or ""
    return getattr(obj, field, "") or ""


@register.simple_tag
def tr(obj: Any, field: str) -> SafeString:
    """A short translated text (title, name). German fallback is marked with lang="de".

    dir="ltr" keeps German punctuation in place inside right-to-left pages.
    """
    language = get_language() or SOURCE_LANGUAGE
    value = _value(obj, field, language)
    if value and is_fallback(obj, field, language):
        return format_html('<span lang="de" dir="ltr">{}</span>', value)
    return format_html("{}", value)


@register.simple_tag
def tr_block(obj: Any, field: str, *, html: bool = False) -> SafeString:
    """A longer translated text. A German fallback gets a visible note and lang="de".

    `html=True` is only for fields that were sanitised on save (beko.core.lib.sanitize).
    """
    value = _value(obj, field, get_language() or SOURCE_LANGUAGE)
    # The stored value was sanitised on save; plain text is escaped.
    content = mark_safe(value) if html else format_html("<p>{}</p>", value)  # noqa: S308
    if value and is_fallback(obj, field, get_language() or SOURCE_LANGUAGE):
        return format_html(
            '<div class="fallback"><p class="fallback-note">{}</p><div lang="de" dir="ltr">{}</div></div>',
            _("Dieser Text ist noch nicht übersetzt und wird auf Deutsch angezeigt."),
            content,
        )
    return content


@register.filter
def in_language(texts: Any) -> str:
    """A data text kept per language (`{"de": …, "en": …}` or an object with one attribute per
    language, like the guide's rule texts) in the page's language, German fallback marked."""
    if not texts:
        return ""
    language = get_language() or SOURCE_LANGUAGE
    text = data_texts.in_language(texts, language)
    return data_texts.marked(text, language) if text.is_fallback else mark_terms(text.text)


@register.simple_tag
def user_text(value: str, *, block: bool = False) -> SafeString:
    """Text someone wrote (an inquiry, a reply) in whatever language: `dir="auto"` and the
    guessed `lang`, so it reads in its own direction and is spoken in its own language.
    `block=True` keeps paragraphs and line breaks (a <div>); otherwise a <span>."""
    if not value:
        return SafeString("")
    language = data_texts.guess_language(value)
    lang = format_html(' lang="{}"', language) if language else ""
    if block:
        paragraphs = mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped
        return format_html('<div dir="auto"{}>{}</div>', lang, paragraphs)
    return format_html('<span dir="auto"{}>{}</span>', lang, value)


@register.filter(name="user_text")
def user_text_filter(value: str) -> SafeString:
    """`{{ query|user_text }}`: the inline form of {% user_text %}, also usable inside
    {% blocktranslate with text=query|user_text %} (a search term echoed in a sentence)."""
    return user_text(value)


@register.filter(expects_localtime=True)
def weekday_date(value: datetime.date | None) -> str:
    """ "Montag, 5. Januar 2026" in the page's language (beko.core.lib.l10n)."""
    return l10n.weekday_date(value) if value else ""


@register.filter(expects_localtime=True)
def weekday_datetime(value: datetime.datetime | None) -> str:
    """ "Montag, 5. Januar 2026, 14:00 Uhr" in the page's language."""
    return l10n.weekday_datetime(value) if value else ""


@register.filter(expects_localtime=True)
def short_weekday_datetime(value: datetime.datetime | None) -> str:
    """ "Mo, 5. Januar, 14:00 Uhr" in the page's language (no year: for lists of next dates)."""
    return l10n.weekday_datetime(value, short=True) if value else ""


@register.filter(expects_localtime=True)
def clock(value: datetime.datetime | datetime.time | None) -> str:
    """A time of day as the language says it: "14:00 Uhr", "الساعة 14:00", "14:00"."""
    return l10n.clock(value) if value else ""


@register.filter(expects_localtime=True)
def time_range(start: datetime.time | None, end: datetime.time | None) -> str:
    """`{{ hours.opens|time_range:hours.closes }}`: "9:00–12:00 Uhr" in the page's language."""
    return l10n.time_range(start, end) if start and end else ""


@register.filter
def datetime_range(start: datetime.datetime | None, end: datetime.datetime | None) -> str:
    """`{{ event.starts_at|datetime_range:event.ends_at }}`: one day with both times, or two
    moments in full when the range spans days."""
    return l10n.datetime_range(start, end) if start else ""


@register.filter
def num(value: Any) -> str:
    """A count with the language's digit grouping (1.234 / 1,234 / 1 234)."""
    if value is None or value == "":
        return ""
    return l10n.number(value)


@register.filter(needs_autoescape=True)
def human_list(items: Iterable[Any], conjunction: str = "and", autoescape: bool = True) -> str:
    """`{{ names|human_list }}`: "A, B und C" in the page's language; `:"or"` for "oder"."""
    escape = conditional_escape if autoescape else str
    return mark_safe(  # noqa: S308 - every item is escaped above
        l10n.human_list([escape(item) for item in items or []], conjunction=conjunction)
    )


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.inclusion_tag("core/staff/_translation_states.html", takes_context=True)
def translation_states(context: dict[str, Any], obj: Any) -> dict[str, Any]:
    """Per target language: missing / outdated / current, each linking to its editor."""
    from django.urls import reverse

    from beko.core.lib.content_i18n import translation_overview

    back = context["request"].get_full_path() if "request" in context else ""
    states = []
    for language, state in translation_overview(obj).items():
        url = reverse(
            "core:staff_translation_edit",
            kwargs={
                "app_label": obj._meta.app_label,
                "model_name": obj._meta.model_name,
                "pk": obj.pk,
                "language": language,
            },
        )
        states.append({"language": language, "state": state, "url": f"{url}?next={back}"})
    return {"states": states}


@register.filter
def audit_sentence(entry: Any) -> str:
    """`{{ entry|audit_sentence }}`: an audit entry as a sentence ("team hat … übernommen")."""
    from beko.core.audit import audit_sentence as sentence

    return sentence(entry)
