"""Personal data in events (core.privacy source `events`): registrations with their needs
and wishes, and the network contacts staff keep."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from beko.core.audit import log_action
from beko.core.privacy import Subject

from .models import NetworkContact, Registration


def _registrations_of(subject: Subject) -> Any:
    if not subject.email_normalised:
        return Registration.objects.none()
    return Registration.objects.filter(
        email__iexact=subject.email_normalised, anonymised_at=None
    ).select_related("event", "session")


def _contacts_of(subject: Subject) -> Any:
    match = Q(pk__in=[])
    if subject.email_normalised:
        match |= Q(email__iexact=subject.email_normalised)
    if len(subject.phone_digits) >= 6:
        candidates = NetworkContact.objects.exclude(phone="").values_list("pk", "phone")
        match |= Q(
            pk__in=[
                pk
                for pk, phone in candidates
                if "".join(c for c in phone if c.isdigit()) == subject.phone_digits
            ]
        )
    return NetworkContact.objects.filter(match).select_related("organisation")


def subject_events_export(subject: Subject) -> dict[str, Any]:
    return {
        "registrations": [
            {
                "event": r.event.title_de,
                "event_starts_at": r.event.starts_at.isoformat(timespec="minutes"),
                "session": r.session.title_de if r.session else None,
                "status": r.status,
                "name": r.name,
                "email": r.email,
                "organisation": r.organisation_name,
                "accessibility_needs": r.accessibility_needs,
                "dietary_wishes": r.dietary_wishes,
                "questions": r.questions,
                "language": r.language,
                "registered_at": r.created_at.isoformat(timespec="seconds"),
                "consent_at": r.consent_at.isoformat(timespec="seconds"),
                "checked_in_at": r.checked_in_at.isoformat(timespec="seconds")
                if r.checked_in_at
                else None,
            }
            for r in _registrations_of(subject)
        ],
        "network_contacts": [
            {
                "organisation": c.organisation.name,
                "name": c.name,
                "role": c.role,
                "email": c.email,
                "phone": c.phone,
                "topics": c.topics,
                "districts": c.districts,
                "legal_basis": c.legal_basis,
                "consent_to_listing": c.consent_to_listing,
            }
            for c in _contacts_of(subject)
        ],
    }


@transaction.atomic
def subject_events_erase(subject: Subject, by: Any) -> int:
    now = timezone.now()
    registrations = _registrations_of(subject)
    # An active registration is cancelled as well: a seat must not stay taken by nobody.
    changed = registrations.update(
        status=Registration.Status.CANCELLED,
        cancelled_at=now,
        name="",
        email="",
        organisation_name="",
        accessibility_needs="",
        dietary_wishes="",
        questions="",
        anonymised_at=now,
    )
    contacts = list(_contacts_of(subject))
    for contact in contacts:
        log_action(contact, "events.contact_deleted", by=by, data={"reason": "Art. 17"})
        contact.delete()
    return changed + len(contacts)


def events_retention(now: datetime) -> dict[str, int]:
    from .services import registrations_anonymise

    return {
        "registrations_anonymised": registrations_anonymise(
            older_than_days=settings.EVENTS_RETENTION_DAYS, now=now
        )
    }
