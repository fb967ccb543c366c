"""schema.org JSON-LD for a `<script type="application/ld+json">` element."""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe

# As Django's json_script: no text can close the script element or start markup in it.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """`data` as JSON safe to put between the script tags (non-ASCII kept readable)."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_ESCAPES)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped above
