"""Audit log for the whole site: who viewed, changed or exported which object.

Call `log_action` from services (and from views for pure reads such as "viewed"):

    log_action(inquiry, "inquiries.assigned", by=request.user, data={"to": assignee.pk})

Action names are "<app>.<verb>". `data` must not contain personal data (names, addresses,
message texts): store ids and field names instead, so the log itself needs no retention rules
beyond `audit_redact`.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AuditEntry

logger = logging.getLogger("beko.audit")


def log_action(
    obj: models.Model | None,
    action: str,
    *,
    by: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one action; `by` is the acting user (None for the system, e.g. retention)."""
    actor = by if by is not None and getattr(by, "is_authenticated", False) else None
    entry = AuditEntry(
        actor=actor,
        actor_label=actor.get_username() if actor is not None else "system",
        action=action,
        data=data or {},
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    logger.info(
        "audit",
        extra={
            "action": action,
            "actor": entry.actor_label,
            "object": f"{entry.content_type_id}:{entry.object_id}",
        },
    )
    return entry


def audit_entries_for(obj: models.Model) -> QuerySet[AuditEntry]:
    """History of one object, newest first."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))


def audit_entries(
    *, action_prefix: str = "", actor_label: str = "", object_repr: str = ""
) -> QuerySet[AuditEntry]:
    """All entries, optionally filtered; for the staff audit page."""
    entries = AuditEntry.objects.select_related("content_type")
    if action_prefix:
        entries = entries.filter(action__startswith=action_prefix)
    if actor_label:
        entries = entries.filter(actor_label__iexact=actor_label)
    if object_repr:
        entries = entries.filter(object_repr__icontains=object_repr)
    return entries


def audit_redact(obj: models.Model, *, object_repr: str | None = None) -> int:
    """Empty the details of an object's history (retention) but keep who did what when."""
    updates: dict[str, Any] = {"data": {}}
    if object_repr is not None:
        updates["object_repr"] = object_repr[:200]
    return audit_entries_for(obj).update(**updates)


# Every action as a sentence for the staff pages ("Team hat die Anfrage BK-… übernommen").
# Text only: core names no domain model. An action missing here reads "… hat <name> ausgeführt".
ACTION_SENTENCES: dict[str, Any] = {
    "accounts.recovery_codes_generated": gettext_lazy("%(actor)s hat neue Wiederherstellungscodes erzeugt"),
    "accounts.second_factor_passed": gettext_lazy("%(actor)s hat sich mit dem zweiten Faktor angemeldet"),
    "accounts.two_factor_disabled": gettext_lazy("%(actor)s hat die Zwei-Faktor-Anmeldung ausgeschaltet"),
    "accounts.two_factor_enabled": gettext_lazy("%(actor)s hat die Zwei-Faktor-Anmeldung eingerichtet"),
    "core.cleanup": gettext_lazy("%(actor)s hat alte Daten aufgeräumt"),
    "core.legal_saved": gettext_lazy("%(actor)s hat die rechtlichen Angaben geändert"),
    "core.page_changed": gettext_lazy("%(actor)s hat die Seite „%(object)s“ geändert"),
    "core.page_viewed": gettext_lazy("%(actor)s hat „%(object)s“ angesehen"),
    "core.sign_video_added": gettext_lazy("%(actor)s hat das Gebärdensprach-Video „%(object)s“ hochgeladen"),
    "core.sign_video_deleted": gettext_lazy("%(actor)s hat das Gebärdensprach-Video „%(object)s“ gelöscht"),
    "core.translation_review_recorded": gettext_lazy("%(actor)s hat die Prüfung einer Übersetzung eingetragen"),
    "events.check_in_undone": gettext_lazy("%(actor)s hat einen Check-in bei %(object)s zurückgenommen"),
    "events.checked_in": gettext_lazy("%(actor)s hat %(object)s eingecheckt"),
    "events.contact_created": gettext_lazy("%(actor)s hat den Kontakt %(object)s angelegt"),
    "events.contact_deleted": gettext_lazy("%(actor)s hat den Kontakt %(object)s gelöscht"),
    "events.contact_exported": gettext_lazy("%(actor)s hat Kontakte exportiert"),
    "events.contact_updated": gettext_lazy("%(actor)s hat den Kontakt %(object)s geändert"),
    "events.participants_exported": gettext_lazy("%(actor)s hat die Teilnehmendenliste von „%(object)s“ exportiert"),
    "events.participants_mailed": gettext_lazy("%(actor)s hat den Teilnehmenden von „%(object)s“ geschrieben"),
    "events.participants_printed": gettext_lazy("%(actor)s hat die Teilnehmendenliste von „%(object)s“ gedruckt"),
    "events.participants_viewed": gettext_lazy("%(actor)s hat die Teilnehmenden von „%(object)s“ angesehen"),
    "events.registration_cancelled": gettext_lazy("%(actor)s hat die Anmeldung %(object)s storniert"),
    "events.registrations_anonymised": gettext_lazy("%(actor)s hat alte Anmeldungen anonymisiert"),
    "faq.changed": gettext_lazy("%(actor)s hat die Frage „%(object)s“ geändert"),
    "faq.created": gettext_lazy("%(actor)s hat die Frage „%(object)s“ angelegt"),
    "faq.published": gettext_lazy("%(actor)s hat die Frage „%(object)s“ veröffentlicht"),
    "faq.unpublished": gettext_lazy("%(actor)s hat die Frage „%(object)s“ zurückgezogen"),
    "inquiries.anonymised": gettext_lazy("%(actor)s hat die Anfrage %(object)s anonymisiert"),
    "inquiries.assigned": gettext_lazy("%(actor)s hat die Anfrage %(object)s zugewiesen"),
    "inquiries.attachment_downloaded": gettext_lazy("%(actor)s hat einen Anhang der Anfrage %(object)s heruntergeladen"),
    "inquiries.created": gettext_lazy("%(actor)s hat die Anfrage %(object)s erfasst"),
    "inquiries.exported": gettext_lazy("%(actor)s hat Anfragen exportiert"),
    "inquiries.faq_created": gettext_lazy("%(actor)s hat aus der Anfrage %(object)s eine häufige Frage gemacht"),
    "inquiries.merged": gettext_lazy("%(actor)s hat die Anfrage %(object)s mit einer anderen zusammengeführt"),
    "inquiries.merged_from": gettext_lazy("%(actor)s hat eine andere Anfrage in %(object)s zusammengeführt"),
    "inquiries.note_added": gettext_lazy("%(actor)s hat der Anfrage %(object)s eine Notiz hinzugefügt"),
    "inquiries.replied": gettext_lazy("%(actor)s hat die Anfrage %(object)s beantwortet"),
    "inquiries.status_changed": gettext_lazy("%(actor)s hat den Status der Anfrage %(object)s geändert"),
    "inquiries.template_deleted": gettext_lazy("%(actor)s hat die Antwortvorlage „%(object)s“ gelöscht"),
    "inquiries.template_saved": gettext_lazy("%(actor)s hat die Antwortvorlage „%(object)s“ gespeichert"),
    "inquiries.viewed": gettext_lazy("%(actor)s hat die Anfrage %(object)s angesehen"),
}  # fmt: skip
_CLAIMED = gettext_lazy("%(actor)s hat die Anfrage %(object)s übernommen")
_RELEASED = gettext_lazy("%(actor)s hat die Anfrage %(object)s freigegeben")


def audit_sentence(entry: AuditEntry) -> str:
    """One entry as a sentence in the user's language, e.g. "team hat die Anfrage BK-… übernommen"."""
    actor = (
        entry.actor_label if entry.actor_label and entry.actor_label != "system" else _("System")
    )
    values = {"actor": actor, "object": entry.object_repr or "–"}
    template = ACTION_SENTENCES.get(entry.action)
    if entry.action == "inquiries.assigned":
        target = (entry.data or {}).get("to")
        if target is None and "to" in (entry.data or {}):
            template = _RELEASED
        elif target is not None and target == entry.actor_id:
            template = _CLAIMED
    if template is None:
        return _("%(actor)s: %(action)s") % {"actor": actor, "action": entry.action}
    return str(template) % values
