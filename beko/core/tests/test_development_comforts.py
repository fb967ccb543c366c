"""Development comforts: links follow `make run PORT=…`, mail is readable, the own 404 page."""

import os
import subprocess
from pathlib import Path

import pytest
from django.core import mail as django_mail
from django.core.mail import send_mail

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.django_db


def _run_line(port: int) -> str:
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", f"PORT={port}"],  # noqa: S607 - make and sh from PATH, fixed arguments
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return next(line for line in dry_run.splitlines() if "runserver" in line)


def test_make_run_points_the_sites_own_links_to_its_port():
    line = _run_line(8893)
    assert line.endswith("runserver 127.0.0.1:8893")
    prefix = line.split(".venv/bin/python", 1)[0]
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    shown = subprocess.run(
        ["sh", "-c", f'{prefix} sh -c "echo \\$SITE_URL"'],  # noqa: S607 - make and sh from PATH, fixed arguments
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert shown == "http://127.0.0.1:8893"
    kept = subprocess.run(
        ["sh", "-c", f'{prefix} sh -c "echo \\$SITE_URL"'],  # noqa: S607 - make and sh from PATH, fixed arguments
        env={**env, "SITE_URL": "https://beko.example.org"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert kept == "https://beko.example.org"


def test_canonical_links_and_feeds_use_site_url(anon_client, settings):
    settings.SITE_URL = "http://127.0.0.1:8893"
    home = anon_client.get("/").content.decode()
    assert 'rel="canonical" href="http://127.0.0.1:8893/"' in home
    feed = anon_client.get("/aktuelles/feed/rss/").content.decode()
    assert "http://127.0.0.1:8893/aktuelles/" in feed


@pytest.fixture
def mail_folder(settings, tmp_path):
    settings.EMAIL_BACKEND = "beko.core.mail.DevelopmentEmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return tmp_path / "mail"


def test_development_mail_is_stored_as_a_file_and_its_path_printed(mail_folder, capsys):
    django_mail.outbox = []
    send_mail("Ihre Anfrage BK-1", "Hallo <Welt> – ü", "beko@example.invalid", ["a@example.org"])
    files = list(mail_folder.glob("*.eml"))
    assert len(files) == 1
    assert str(files[0]) in capsys.readouterr().err


def test_staff_read_every_sent_mail_on_one_page(mail_folder, staff_client):
    send_mail("Erste", "Text eins", "beko@example.invalid", ["a@example.org"])
    send_mail("Zweite <script>", "Text <b>zwei</b>", "beko@example.invalid", ["b@example.org"])
    html = staff_client.get("/intern/e-mails/").content.decode()
    assert "Erste" in html and "Zweite &lt;script&gt;" in html and "b@example.org" in html
    name = next(p.name for p in mail_folder.glob("*.eml") if "Zweite" in p.read_text())
    detail = staff_client.get(f"/intern/e-mails/{name}/").content.decode()
    assert "Text &lt;b&gt;zwei&lt;/b&gt;" in detail and "<script>" not in detail.split("<main")[1]


@pytest.mark.parametrize("name", ["..%2F..%2Fsettings.py", "x.eml", "20260101-000000-abc.txt"])
def test_mail_page_refuses_other_file_names(mail_folder, staff_client, name):
    assert staff_client.get(f"/intern/e-mails/{name}/").status_code == 404


def test_mail_pages_are_for_staff_only_and_only_in_development(
    mail_folder, settings, partner_client, anon_client, staff_client
):
    assert partner_client.get("/intern/e-mails/").status_code == 403
    assert anon_client.get("/intern/e-mails/").status_code == 302
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert staff_client.get("/intern/e-mails/").status_code == 404


def test_development_404_shows_the_sites_own_page(anon_client, settings):
    settings.DEBUG = True
    response = anon_client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html and "DEBUG = True" not in html
    technical = anon_client.get("/gibt-es-nicht/", {"technical-404": ""})
    assert "DEBUG = True" in technical.content.decode()
