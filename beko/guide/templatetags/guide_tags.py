"""Template helpers for the guide's per-language texts and glossary links."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from beko.guide.content import link_terms
from beko.guide.texts import RTL_LANGUAGES, Resolved

register = template.Library()


@register.simple_tag(takes_context=True)
def lang_attrs(context: Any, value: Resolved | None) -> SafeString:
    """` lang="de" dir="ltr"` for a German fallback inside a page in another language.

    Also marks a text whose language differs from the page's (the bilingual sheet), with
    the direction of that language, so screen readers and the bidi algorithm get it right.
    """
    if value is None:
        return mark_safe("")
    page = context.get("text_lang") or context.get("LANGUAGE_CODE") or "de"
    if value.fallback or value.lang != page.split("-")[0]:
        direction = "rtl" if value.lang in RTL_LANGUAGES else "ltr"
        return format_html(' lang="{}" dir="{}"', value.lang, direction)
    return mark_safe("")


@register.simple_tag(takes_context=True)
def gtext(context: Any, value: Resolved | None, scope: str = "") -> SafeString:
    """The text, escaped, with the first mention of each glossary term per ``scope`` linked."""
    if value is None:
        return mark_safe("")
    if context.get("no_glossary_links"):
        return format_html("{}", value.text)
    # Included templates get their own render context, so the terms already linked per
    # scope (a card) are kept on the request (or, without one, on the outermost context).
    holder = context.get("request")
    if holder is not None:
        seen_by_scope = getattr(holder, "_guide_glossary_seen", None)
        if seen_by_scope is None:
            seen_by_scope = {}
            holder._guide_glossary_seen = seen_by_scope
    else:
        seen_by_scope = context.dicts[0].setdefault("_guide_glossary_seen", {})
    seen = seen_by_scope.setdefault(scope, set())
    return link_terms(value.text, lang=value.lang, url=reverse("guide:glossary"), seen=seen)
