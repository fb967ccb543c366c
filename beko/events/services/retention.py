"""Retention: registrations of past events are anonymised after a while."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone

from beko.core.audit import log_action

from ..models import (
    Event,
    Registration,
)

logger = logging.getLogger(__name__)

# --- retention ------------------------------------------------------------------------------


def registrations_anonymise(*, older_than_days: int, now: datetime | None = None) -> int:
    """Blank the personal data of registrations for events that ended long enough ago.

    Status, session and check-in time stay, so attendance numbers survive. Running it again
    changes nothing (already anonymised rows are skipped). Returns the number of rows changed.
    """
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    past = Event.objects.filter(
        models.Q(recurrence="", ends_at__lt=cutoff) | models.Q(series_ends_at__lt=cutoff)
    )
    with transaction.atomic():
        changed = Registration.objects.filter(event__in=past, anonymised_at=None).update(
            name="",
            email="",
            organisation_name="",
            accessibility_needs="",
            dietary_wishes="",
            questions="",
            anonymised_at=now or timezone.now(),
        )
        if changed:
            log_action(
                None, "events.registrations_anonymised", by=None,
                data={"count": changed, "days": older_than_days},
            )  # fmt: skip
    logger.info("registrations anonymised", extra={"count": changed, "days": older_than_days})
    return changed
