"""The audit log's actions of this app as sentences (read by beko.core.audit)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from beko.core.audit import AppAuditTexts

from .models import Status

SENTENCES: dict[str, Any] = {
    "inquiries.anonymised": gettext_lazy("%(actor)s hat die Anfrage %(object)s anonymisiert"),
    "inquiries.erased": gettext_lazy("%(actor)s hat die Daten der Anfrage %(object)s auf Wunsch der Person gelöscht (Art. 17 DSGVO)"),
    "inquiries.assigned": gettext_lazy("%(actor)s hat die Anfrage %(object)s zugewiesen"),
    "inquiries.attachment_downloaded": gettext_lazy("%(actor)s hat einen Anhang der Anfrage %(object)s heruntergeladen"),
    "inquiries.created": gettext_lazy("%(actor)s hat die Anfrage %(object)s erfasst"),
    "inquiries.exported": gettext_lazy("%(actor)s hat Anfragen exportiert"),
    "inquiries.faq_created": gettext_lazy("%(actor)s hat aus der Anfrage %(object)s eine häufige Frage gemacht"),
    "inquiries.merged": gettext_lazy("%(actor)s hat die Anfrage %(object)s mit einer anderen zusammengeführt"),
    "inquiries.merged_from": gettext_lazy("%(actor)s hat eine andere Anfrage in %(object)s zusammengeführt"),
    "inquiries.note_added": gettext_lazy("%(actor)s hat der Anfrage %(object)s eine Notiz hinzugefügt"),
    "inquiries.replied": gettext_lazy("%(actor)s hat die Anfrage %(object)s beantwortet"),
    "inquiries.template_deleted": gettext_lazy("%(actor)s hat die Antwortvorlage „%(object)s“ gelöscht"),
    "inquiries.template_saved": gettext_lazy("%(actor)s hat die Antwortvorlage „%(object)s“ gespeichert"),
    "inquiries.viewed": gettext_lazy("%(actor)s hat die Anfrage %(object)s angesehen"),
    "inquiries.status_changed": gettext_lazy(
        "%(actor)s hat den Status der Anfrage %(object)s von „%(from)s“ auf „%(to)s“ gesetzt"
    ),
    "inquiries.assigned:claimed": gettext_lazy("%(actor)s hat die Anfrage %(object)s übernommen"),
    "inquiries.assigned:released": gettext_lazy("%(actor)s hat die Anfrage %(object)s freigegeben"),
}  # fmt: skip

# Stored values in an entry's data that the sentence names by their label.
VALUE_LABELS = {"inquiries.status_changed": dict(Status.choices)}


def variant(entry: Any) -> str | None:
    """Taking an inquiry oneself or giving it back reads differently from assigning it."""
    if entry.action != "inquiries.assigned" or "to" not in (entry.data or {}):
        return None
    target = entry.data["to"]
    if target is None:
        return "inquiries.assigned:released"
    return "inquiries.assigned:claimed" if target == entry.actor_id else None


def texts() -> AppAuditTexts:
    """Registered with beko.core.providers.AUDIT_TEXTS in this app's `ready()`."""
    return AppAuditTexts(sentences=SENTENCES, value_labels=VALUE_LABELS, variant=variant)
