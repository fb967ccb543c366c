"""Highlighting search matches in templates: `{% load beko_search %}`.

{% highlighted offer "title" result.highlighter %}       translated field, marked
{% highlighted_snippet offer "summary" "description" result.highlighter %}
{{ text|highlight:result.highlighter }}                   any plain text, marked
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from beko.core.lib.content_i18n import SOURCE_LANGUAGE, is_fallback
from beko.core.search.highlight import Highlighter

register = template.Library()


def _wrap(obj: Any, field: str, content: SafeString) -> SafeString:
    # Like {% tr %}: a German fallback is marked lang="de" (screen readers, RTL pages).
    if is_fallback(obj, field, get_language() or SOURCE_LANGUAGE):
        return format_html('<span lang="de" dir="ltr">{}</span>', content)
    return content


@register.filter
def highlight(text: Any, highlighter: Highlighter | None) -> SafeString:
    value = "" if text is None else str(text)
    if highlighter is None:
        return format_html("{}", value)
    return highlighter.mark(value)


@register.simple_tag
def highlighted(obj: Any, field: str, highlighter: Highlighter | None) -> SafeString:
    """A translated short field (as `{% tr %}`) with the matched words marked."""
    return _wrap(obj, field, highlight(getattr(obj, field, "") or "", highlighter))


@register.simple_tag
def highlighted_snippet(
    obj: Any, field: str, fallback_field: str, highlighter: Highlighter | None
) -> SafeString:
    """`field` marked; when it holds no match but `fallback_field` does, a marked excerpt
    of that one instead (why the document matched)."""
    value = getattr(obj, field, "") or ""
    if highlighter is not None and not highlighter.spans(value):
        other = getattr(obj, fallback_field, "") or ""
        excerpt = highlighter.snippet(other)
        if excerpt:
            return _wrap(obj, fallback_field, excerpt)
    return _wrap(obj, field, highlight(value, highlighter))
