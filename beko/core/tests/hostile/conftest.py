"""The hostile-input suite runs against the demo data (every app's `manage.py demo`), loaded
once for the whole package. Rate limits are switched off: the suite sends hundreds of
submissions from one address on purpose, and a 429 would hide a 500 behind it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """As core's module-scoped fixture of the same name, but loaded once for all modules
    here (loading the demo takes longer than most of these tests)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any) -> None:
    settings.RATELIMIT_ENABLE = False
