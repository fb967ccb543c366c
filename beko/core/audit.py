"""Audit log for the whole site: who viewed, changed or exported which object.

Call `log_action` from services (and from views for pure reads such as "viewed"):

    log_action(inquiry, "inquiries.assigned", by=request.user, data={"to": assignee.pk})

Action names are "<app>.<verb>". `data` must not contain personal data (names, addresses,
message texts): store ids and field names instead, so the log itself needs no retention rules
beyond `audit_redact`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
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


# Every action as a sentence for the staff pages ("team hat die Anfrage BK-… übernommen").
# Core and accounts are listed here; every other app lists its own in `<app>/audit_texts.py`
# (SENTENCES, and optionally VALUE_LABELS for stored codes and variant() for a finer
# sentence), found the way `manage.py demo` finds `<app>/demo.py`.
CORE_SENTENCES: dict[str, Any] = {
    "accounts.erased": gettext_lazy("%(actor)s hat das Konto %(object)s auf Wunsch der Person gelöscht (Art. 17 DSGVO)"),
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
}  # fmt: skip


@dataclass(frozen=True)
class AppAuditTexts:
    """What one app registers (providers.AUDIT_TEXTS): its actions as sentences, labels for
    stored values, and optionally a function that words an entry differently."""

    sentences: dict[str, Any]
    value_labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    variant: Callable[[AuditEntry], str | None] | None = None


def core_texts() -> AppAuditTexts:
    return AppAuditTexts(sentences=dict(CORE_SENTENCES))


@dataclass(frozen=True)
class _Texts:
    sentences: dict[str, Any]
    value_labels: dict[str, dict[str, Any]]
    variants: list[Callable[[AuditEntry], str | None]]


@cache
def _texts() -> _Texts:
    from . import providers

    texts = _Texts(sentences={}, value_labels={}, variants=[])
    for provider in providers.providers(providers.AUDIT_TEXTS):
        found: AppAuditTexts = provider()
        texts.sentences.update(found.sentences)
        texts.value_labels.update(found.value_labels)
        if found.variant is not None:
            texts.variants.append(found.variant)
    return texts


def action_sentences() -> dict[str, Any]:
    return _texts().sentences


def audit_sentence(entry: AuditEntry) -> str:
    """One entry as a sentence in the user's language, e.g. "team hat die Anfrage BK-… übernommen"."""
    texts = _texts()
    actor = (
        entry.actor_label if entry.actor_label and entry.actor_label != "system" else _("System")
    )
    data = entry.data or {}
    labels = texts.value_labels.get(entry.action, {})
    values = {
        "actor": actor,
        "object": entry.object_repr or "–",
        **{
            key: str(labels.get(str(data.get(key)), data.get(key) or "–")) for key in ("from", "to")
        },
    }
    key = next((k for k in (v(entry) for v in texts.variants) if k), entry.action)
    template = texts.sentences.get(key) or texts.sentences.get(entry.action)
    if template is None:
        return _("%(actor)s: %(action)s") % {"actor": actor, "action": entry.action}
    return str(template) % values
