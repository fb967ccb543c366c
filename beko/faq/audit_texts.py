"""The audit log's actions of this app as sentences (read by beko.core.audit)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from beko.core.audit import AppAuditTexts

SENTENCES: dict[str, Any] = {
    "faq.changed": gettext_lazy("%(actor)s hat die Frage „%(object)s“ geändert"),
    "faq.created": gettext_lazy("%(actor)s hat die Frage „%(object)s“ angelegt"),
    "faq.published": gettext_lazy("%(actor)s hat die Frage „%(object)s“ veröffentlicht"),
    "faq.unpublished": gettext_lazy("%(actor)s hat die Frage „%(object)s“ zurückgezogen"),
}  # fmt: skip


def texts() -> AppAuditTexts:
    """Registered with beko.core.providers.AUDIT_TEXTS in this app's `ready()`."""
    return AppAuditTexts(sentences=SENTENCES)
