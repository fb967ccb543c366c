"""The PostgreSQL backend's health check: no round trip while the server was silent, and a
connection the server closed is still replaced before a request uses it."""

from __future__ import annotations

import select
import time

import pytest
from django.conf import settings
from django.db import connection, connections

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="PostgreSQL backend (runs in the PG pass)"),
    pytest.mark.django_db,
]


@pytest.fixture
def second_connection():
    """A connection of its own (as a worker has), with health checks as in production."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    assert wrapper.health_check_enabled
    yield wrapper
    wrapper.close()


def _new_request(wrapper) -> None:
    # What Django does at the start and end of every request (signals request_started/finished).
    wrapper.close_if_unusable_or_obsolete()


def test_silent_connection_is_kept_without_asking_the_server(second_connection, monkeypatch):
    def no_round_trip():
        raise AssertionError("SELECT 1 sent although the server said nothing")

    monkeypatch.setattr(second_connection, "is_usable", no_round_trip)
    _new_request(second_connection)
    second_connection.close_if_health_check_failed()
    assert second_connection.connection is not None
    with second_connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_connection_closed_by_the_server_is_replaced_before_use(second_connection):
    pid = second_connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone() == (True,)
    socket = second_connection.connection.fileno()
    deadline = time.monotonic() + 10
    while not select.select([socket], [], [], 0.1)[0]:
        assert time.monotonic() < deadline, "the server did not close the connection"
    _new_request(second_connection)
    second_connection.close_if_health_check_failed()
    assert second_connection.connection is None  # closed; the next use connects anew
    with second_connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
