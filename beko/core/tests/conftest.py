"""Fixtures for core's site-wide tests."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo data of every app (`manage.py demo`), loaded once per test module inside a
    transaction that is rolled back when the module is done. Tests that use it also ask for
    `db`: each then runs in its own savepoint on top."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
