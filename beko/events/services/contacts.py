"""The office's network contacts (Art. 6 (1) f / a GDPR, with a deletion reason)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from ..models import (
    NetworkContact,
)
from ._common import log_staff_action

if TYPE_CHECKING:
    from beko.accounts.models import User

logger = logging.getLogger(__name__)

# --- network contacts -----------------------------------------------------------------------

CONTACT_FIELDS = (
    "organisation", "name", "role", "email", "phone", "topics", "districts", "legal_basis",
    "consent_to_listing", "consent_note",
)  # fmt: skip


@transaction.atomic
def network_contact_save(
    *, contact: NetworkContact | None, data: dict[str, Any], by: User
) -> NetworkContact:
    created = contact is None
    contact = contact or NetworkContact()
    consent_before = (contact.legal_basis, contact.consent_to_listing)
    for field in CONTACT_FIELDS:
        if field in data:
            setattr(contact, field, data[field])
    if (contact.legal_basis, contact.consent_to_listing) != consent_before and (
        contact.legal_basis == NetworkContact.LegalBasis.CONSENT or contact.consent_to_listing
    ):
        contact.consent_recorded_at = timezone.now()
    contact.save()
    log_staff_action(
        contact,
        "events.contact_created" if created else "events.contact_updated",
        by=by,
        data={"legal_basis": contact.legal_basis},
    )
    return contact


@transaction.atomic
def network_contact_delete(*, contact: NetworkContact, reason: str, by: User) -> None:
    """Delete a contact for good (e.g. on request under Art. 17 GDPR); the log keeps no data."""
    log_staff_action(contact, "events.contact_deleted", by=by, data={"reason": reason[:200]})
    contact.delete()
