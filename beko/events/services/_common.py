"""Shared by the events app's writes: the seat states, errors and the staff audit line."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.db import models

from beko.core.audit import log_action

from ..models import (
    Registration,
)

if TYPE_CHECKING:
    from beko.accounts.models import User

logger = logging.getLogger(__name__)

ACTIVE = (Registration.Status.CONFIRMED, Registration.Status.WAITING)
TOKEN_SALT = "beko.events.registration"  # noqa: S105 - a signing namespace, not a secret


class RegistrationError(Exception):
    """A registration that must not happen; `message` is shown to the visitor as is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# --- audit ----------------------------------------------------------------------------------


def log_staff_action(
    obj: models.Model, action: str, *, by: User | None, data: dict[str, Any] | None = None
) -> None:
    """Record a staff action on personal data in the shared audit log.

    `data` holds ids and counts only; object labels of registrations and contacts carry no
    names (see their `__str__`), so the log keeps nothing personal after a deletion.
    """
    log_action(obj, action, by=by, data=data or {})
