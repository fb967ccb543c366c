"""How an FAQ entry looks to the site-wide search (beko.core.search)."""

from __future__ import annotations

import re
from html import unescape

from django.conf import settings

from beko.core import search

from .models import FaqEntry

_TAG = re.compile(r"<[^>]+>")


def _plain(html: str) -> str:
    return unescape(_TAG.sub(" ", html or ""))


def faq_document(entry: FaqEntry) -> search.Document | None:
    """Published entries only; every language version goes into the same fields."""
    if not entry.is_published:
        return None
    codes = [code for code, _name in settings.LANGUAGES]
    questions = [getattr(entry, f"question_{code}", "") or "" for code in codes]
    answers = [_plain(getattr(entry, f"answer_{code}", "") or "") for code in codes]
    return search.Document(
        title=" ".join(q for q in questions if q),
        summary=str(entry.get_topic_display()),
        body=" ".join(a for a in answers if a),
    )
