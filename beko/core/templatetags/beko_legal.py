"""`{% legal_value legal "field" %}`: one legal detail, or a visible gap the office must fill."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from beko.core.lib.fallback_marks import mark
from beko.core.models import LegalDetails

register = template.Library()


@register.simple_tag
def legal_value(details: LegalDetails, name: str, *, block: bool = False) -> SafeString:
    value = str(getattr(details, name) or "").strip()
    if not value:
        label = getattr(LegalDetails._meta.get_field(name), "verbose_name", name)
        return format_html(
            '<mark class="legal-missing">{}</mark>',
            _("Noch nicht eingetragen: %(field)s") % {"field": label},
        )
    # The office writes these in German: on a page in another language they are marked so.
    html = (
        mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped
        if block
        else format_html("{}", value)
    )
    return mark_safe(mark(html))  # noqa: S308 - only adds the fallback marks


@register.filter
def german(value: str) -> str:
    """Office-written German text (a video title) marked as such on other-language pages."""
    return mark(value)
