from __future__ import annotations

from django_tasks import task

from .services import inquiries_anonymise_expired


@task()
def anonymise_expired_inquiries() -> int:
    """Retention job (run daily, e.g. by a cron entry enqueueing it, or the command)."""
    return inquiries_anonymise_expired()
