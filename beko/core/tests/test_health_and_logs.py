import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.migrations.executor import MigrationExecutor

from beko.core.lib.logging import JsonFormatter

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_migrations(anon_client):
    response = anon_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert response.cookies == {}


def test_healthz_is_503_when_migrations_are_pending(anon_client):
    pending = [(mock.Mock(app_label="core", name="0099_future"), False)]
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=pending):
        response = anon_client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "migrations": "1 pending"}


def test_healthz_is_503_when_the_database_is_unreachable(anon_client, caplog):
    with mock.patch(
        "beko.core.views.connection.ensure_connection", side_effect=OperationalError("down")
    ):
        response = anon_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert any("database unreachable" in record.getMessage() for record in caplog.records)


def test_healthz_answers_only_get(anon_client):
    assert anon_client.post("/healthz").status_code == 405


def _record(**extra) -> logging.LogRecord:
    record = logging.LogRecord(
        "beko.test", logging.WARNING, __file__, 1, "Hallo %s", ("Welt",), None
    )
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_log_lines_are_single_json_objects_with_extra_fields():
    line = JsonFormatter().format(_record(inquiry_id=7, status="neu"))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "beko.test"
    assert entry["message"] == "Hallo Welt"
    assert entry["inquiry_id"] == 7
    assert entry["status"] == "neu"
    assert entry["time"].endswith("+00:00")


def test_exceptions_are_logged_inside_the_json_object():
    try:
        raise ValueError("kaputt")
    except ValueError:
        import sys

        record = _record()
        record.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: kaputt" in entry["exception"]


def test_every_request_is_logged_without_its_query_string(anon_client, caplog):
    caplog.set_level(logging.INFO, logger="beko.request")
    anon_client.get("/seite/impressum/", {"token": "geheim"})
    records = [r for r in caplog.records if r.name == "beko.request"]
    assert len(records) == 1
    record = records[0]
    assert (record.method, record.path, record.status) == ("GET", "/seite/impressum/", 200)
    assert record.duration_ms >= 0
    entry = json.loads(JsonFormatter().format(record))
    assert "geheim" not in json.dumps(entry)


def test_logging_is_configured_to_write_json():
    from django.conf import settings

    config: dict = settings.LOGGING
    assert config["formatters"]["json"]["()"] == "beko.core.lib.logging.JsonFormatter"
    assert config["handlers"]["console"]["formatter"] == "json"
