from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from beko.core.lib.content_i18n import SOURCE_LANGUAGE, is_fallback

register = template.Library()


@register.simple_tag
def tr(obj: Any, field: str) -> SafeString:
    """A short translated text (title, name). German fallback is marked with lang="de".

    dir="ltr" keeps German punctuation in place inside right-to-left pages.
    """
    value = getattr(obj, field, "") or ""
    if is_fallback(obj, field, get_language() or SOURCE_LANGUAGE):
        return format_html('<span lang="de" dir="ltr">{}</span>', value)
    return format_html("{}", value)


@register.simple_tag
def tr_block(obj: Any, field: str, *, html: bool = False) -> SafeString:
    """A longer translated text. A German fallback gets a visible note and lang="de".

    `html=True` is only for fields that were sanitised on save (beko.core.lib.sanitize).
    """
    value = getattr(obj, field, "") or ""
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
