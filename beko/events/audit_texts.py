"""The audit log's actions of this app as sentences (read by beko.core.audit)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from beko.core.audit import AppAuditTexts

SENTENCES: dict[str, Any] = {
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
}  # fmt: skip


def texts() -> AppAuditTexts:
    """Registered with beko.core.providers.AUDIT_TEXTS in this app's `ready()`."""
    return AppAuditTexts(sentences=SENTENCES)
