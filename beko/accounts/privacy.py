"""Personal data of accounts (core.privacy source `accounts`): staff and partner accounts
and the lockout's login records (username, client address, browser)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction

from beko.core.audit import log_action
from beko.core.models import AuditEntry
from beko.core.privacy import Subject

from .models import User

LOGIN_RECORDS = (AccessAttempt, AccessFailureLog, AccessLog)


def _users_of(subject: Subject) -> Any:
    if not subject.email_normalised:
        return User.objects.none()
    return User.objects.filter(email__iexact=subject.email_normalised)


def subject_accounts_export(subject: Subject) -> list[dict[str, Any]]:
    result = []
    for user in _users_of(subject):
        logins = AccessLog.objects.filter(username=user.username).order_by("-attempt_time")
        result.append(
            {
                "username": user.username,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "role": user.role,
                "organisation": str(user.organisation) if user.organisation_id else None,
                "active": user.is_active,
                "joined_at": user.date_joined.isoformat(timespec="seconds"),
                "last_login": user.last_login.isoformat(timespec="seconds")
                if user.last_login
                else None,
                "logins": [
                    {
                        "at": entry.attempt_time.isoformat(timespec="seconds"),
                        "client": entry.ip_address,
                        "browser": entry.user_agent,
                    }
                    for entry in logins[:200]
                ],
            }
        )
    return result


@transaction.atomic
def subject_accounts_erase(subject: Subject, by: Any) -> int:
    """Deactivate and pseudonymise: the account's history (who approved what) keeps its row."""
    users = list(_users_of(subject))
    for user in users:
        for model in LOGIN_RECORDS:
            model.objects.filter(username=user.username).delete()
        user.username = f"geloescht-{user.pk}"
        user.first_name = user.last_name = ""
        user.email = f"geloescht-{user.pk}@invalid.example"
        user.is_active = False
        user.set_unusable_password()
        user.save()
        # The history keeps what the account did, no longer under the person's name.
        AuditEntry.objects.filter(actor=user).update(actor_label=user.username)
        log_action(user, "accounts.erased", by=by, data={"art": 17})
    return len(users)


def accounts_retention(now: datetime) -> dict[str, int]:
    cutoff = now - timedelta(days=settings.BEKO_LOGIN_LOG_RETENTION_DAYS)
    deleted = 0
    for model in LOGIN_RECORDS:
        count, _ = model.objects.filter(attempt_time__lt=cutoff).delete()
        deleted += count
    return {"login_records_deleted": deleted}
