"""Personal data across apps: one registry for the Art. 15 export, erasure and retention.

`core` never imports a domain app, so each app that stores personal data registers a
`PersonalDataSource` in its `AppConfig.ready()`. The subject access export (Art. 15 GDPR),
the erasure (Art. 17) and the nightly retention run (`manage.py privacy_retention`) then ask
every registered source; docs/data-map.md lists what each one covers and why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Subject:
    """A person as staff can identify them: e-mail address and/or phone number."""

    email: str = ""
    phone: str = ""

    @property
    def email_normalised(self) -> str:
        return self.email.strip().lower()

    @property
    def phone_digits(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit())

    def __bool__(self) -> bool:
        return bool(self.email_normalised) or len(self.phone_digits) >= 6


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    # Plain JSON-able data about the subject (empty when nothing is stored).
    export: Callable[[Subject], Any]
    # Erase or anonymise; returns how many records changed.
    erase: Callable[[Subject, Any], int]
    # Retention: delete/anonymise what has outlived its period; returns a count per kind.
    retain: Callable[[datetime], dict[str, int]]


_sources: dict[str, PersonalDataSource] = {}


def register(source: PersonalDataSource) -> None:
    _sources[source.name] = source


def sources() -> list[PersonalDataSource]:
    return [_sources[name] for name in sorted(_sources)]


def subject_export(*, subject: Subject, by: Any) -> dict[str, Any]:
    """Art. 15 GDPR: everything stored about the subject, grouped by where it lives."""
    from .audit import log_action

    if not subject:
        raise ValueError("an e-mail address or a phone number (6+ digits) is needed")
    payload: dict[str, Any] = {
        "export": "BeKo – Auskunft nach Art. 15 DSGVO",
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "controller": settings.BEKO_OFFICE["name"],
        "subject": {"email": subject.email.strip(), "phone": subject.phone.strip()},
    }
    for source in sources():
        payload[source.name] = source.export(subject)
    log_action(None, "privacy.exported", by=by, data={"sources": [s.name for s in sources()]})
    return payload


def subject_erase(*, subject: Subject, by: Any) -> dict[str, int]:
    """Art. 17 GDPR: erase or anonymise the subject's data everywhere; counts per source."""
    from .audit import log_action

    if not subject:
        raise ValueError("an e-mail address or a phone number (6+ digits) is needed")
    counts = {source.name: source.erase(subject, by) for source in sources()}
    # The log line names no person: only how much was erased where.
    log_action(None, "privacy.erased", by=by, data=counts)
    logger.info("personal data erased", extra={"counts": counts})
    return counts


def retention_run(*, now: datetime | None = None) -> dict[str, dict[str, int]]:
    """Apply every retention period (nightly, idempotent)."""
    now = now or timezone.now()
    result = {source.name: source.retain(now) for source in sources()}
    logger.info("retention run", extra={"result": result})
    return result
