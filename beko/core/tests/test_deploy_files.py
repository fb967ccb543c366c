"""The files in deploy/ carry the directives the app relies on (proxy count, uploads, media)."""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from beko.core.lib.client_address import client_ip

DEPLOY = Path(settings.BASE_DIR) / "deploy"
NGINX = (DEPLOY / "nginx" / "beko.conf").read_text()


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    # Repeated keys (several ExecStart=) are legal in systemd: keep the last, read all below.
    parser.read_string((DEPLOY / "systemd" / name).read_text())
    return parser


def _exec_starts(name: str) -> list[str]:
    text = (DEPLOY / "systemd" / name).read_text()
    return re.findall(r"^ExecStart=(.+)$", text, flags=re.MULTILINE)


def test_gunicorn_unit_binds_locally_and_reads_the_environment_file() -> None:
    unit = _unit("beko.service")
    assert "gunicorn beko.wsgi:application" in unit["Service"]["ExecStart"]
    assert unit["Service"]["EnvironmentFile"] == "/etc/beko/beko.env"
    assert "BIND=127.0.0.1:8000" in unit["Service"]["Environment"]
    assert unit["Service"]["ProtectSystem"] == "strict"
    assert "proxy_pass http://beko_app;" in NGINX and "server 127.0.0.1:8000" in NGINX


def test_worker_runs_the_database_task_backend() -> None:
    unit = _unit("beko-worker.service")
    assert unit["Service"]["ExecStart"].endswith("manage.py db_worker")
    assert "TASKS_BACKEND=database" in unit["Service"]["Environment"]


@pytest.mark.parametrize(
    ("timer", "service", "commands"),
    [
        ("beko-nightly.timer", "beko-nightly.service", ["privacy_retention", "clearsessions"]),
        ("beko-publish.timer", "beko-publish.service", ["news_publish_due"]),
        ("beko-backup.timer", "beko-backup.service", ["manage.py backup"]),
    ],
)
def test_timers_run_the_scheduled_commands(timer: str, service: str, commands: list[str]) -> None:
    assert _unit(timer)["Timer"]["OnCalendar"]
    assert _unit(service)["Service"]["Type"] == "oneshot"
    joined = " ".join(_exec_starts(service))
    for command in commands:
        assert command in joined


def test_every_scheduled_command_exists() -> None:
    from django.core.management import get_commands

    known = get_commands()
    for name in ("beko-nightly.service", "beko-publish.service", "beko-backup.service"):
        for line in _exec_starts(name):
            command = line.split("manage.py", 1)[1].split()[0]
            assert command in known, command


def test_nginx_sets_exactly_the_proxy_headers_the_app_trusts(settings: Any, rf: Any) -> None:
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in NGINX
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in NGINX
    assert "proxy_set_header Host $host;" in NGINX
    # What this nginx sends (the client's own header, then the address nginx saw) gives the
    # real client with the production default of one trusted proxy.
    settings.BEKO_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "198.51.100.7"


def test_nginx_terminates_tls_compresses_and_limits_uploads() -> None:
    assert re.search(r"listen 443 ssl", NGINX)
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in NGINX
    assert "return 301 https://" in NGINX
    assert "gzip on;" in NGINX and "text/css" in NGINX
    limit = re.search(r"client_max_body_size (\d+)m;", NGINX)
    assert limit and int(limit.group(1)) * 1024 * 1024 > 20 * 1024 * 1024  # CSV import


def test_nginx_serves_static_and_public_media_but_never_the_private_folder() -> None:
    assert "location /static/" in NGINX and "alias /srv/beko/staticfiles/;" in NGINX
    assert "location /media/" in NGINX and "alias /srv/beko/var/media/;" in NGINX
    assert "var/private" not in re.sub(r"#.*", "", NGINX)


def test_nginx_access_log_drops_the_last_octet() -> None:
    assert "log_format beko_anon" in NGINX and "beko_anon;" in NGINX
    assert "$remote_addr -" not in NGINX


def test_journal_keeps_logs_two_weeks() -> None:
    text = (DEPLOY / "journald-beko.conf").read_text()
    assert "MaxRetentionSec=14day" in text
