"""`{% golive_open %}`: the "Noch offen für den Go-live" block of the staff home.

A tag, not view context, so the block can sit in any back-office page without the view
knowing about it."""

from __future__ import annotations

from typing import Any

from django import template

from beko.core import legal

register = template.Library()


@register.inclusion_tag("core/_golive_open.html")
def golive_open() -> dict[str, Any]:
    return {"open_items": legal.legal_missing()}
