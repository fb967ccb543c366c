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
