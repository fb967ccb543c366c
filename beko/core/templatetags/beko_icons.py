"""`{% icon "name" %}` and `{% icon_for "category" slug %}`: the site's icons, inline SVG.

Inline, not an <img> or a sprite file: the icon takes the text colour (`currentColor`), prints,
needs no extra request and works inside htmx fragments. Always decorative (`aria-hidden`):
the text beside it carries the meaning.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from beko.core import icons

register = template.Library()


def _svg(name: str, css_class: str) -> SafeString:
    classes = f"icon icon--{name}"
    if name in icons.DIRECTIONAL:
        classes += " icon--mirror"
    if css_class:
        classes += f" {css_class}"
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false" width="24" height="24" '
        'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
        'stroke-linecap="round" stroke-linejoin="round">{}</svg>',
        classes,
        # Read from our own vendored files (beko.core.icons.ICON_FILES), never user input.
        mark_safe(icons.icon_body(name)),  # noqa: S308
    )


@register.simple_tag
def icon(name: str, css_class: str = "") -> SafeString:
    """`{% icon "search" %}` or `{% icon "map" "icon--lg" %}`."""
    return _svg(name, css_class)


@register.simple_tag
def icon_for(kind: str, key: str, css_class: str = "") -> SafeString:
    """The icon of a domain thing: `{% icon_for "category" category.slug %}`; kinds are
    category, attribute, audience, guide_topic (beko.core.icons.MAPPINGS)."""
    return _svg(icons.icon_for(kind, str(key)), css_class)
