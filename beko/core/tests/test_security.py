"""Security headers, cookies and the production configuration."""

import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
PUBLIC_PAGES = ("/", "/en/", "/ar/", "/seite/impressum/", "/seite/datenschutz/", "/angebote/")


def _csp_directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.parametrize("url", ["/", "/seite/impressum/", "/konto/anmelden/", "/gibt-es-nicht/"])
def test_security_headers_are_sent(anon_client, url):
    response = anon_client.get(url)
    csp = _csp_directives(response)
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'self'"
    assert csp["form-action"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_hsts_is_off_outside_production(anon_client):
    assert "Strict-Transport-Security" not in anon_client.get("/")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_anonymous_visitor_gets_no_cookie_on_plain_pages(anon_client, url):
    response = anon_client.get(url)
    assert response.status_code == 200
    assert response.cookies == {}, f"{url} set {list(response.cookies)}"


def test_login_page_sets_only_the_csrf_cookie(anon_client):
    response = anon_client.get("/konto/anmelden/")
    assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}
    assert response.cookies[settings.CSRF_COOKIE_NAME]["samesite"] == "Lax"


def test_signing_in_adds_only_the_http_only_session_cookie(anon_client, staff_user):
    anon_client.get("/konto/anmelden/")
    response = anon_client.post(
        "/konto/anmelden/", {"username": "team", "password": "Test-Passwort-2026!"}
    )
    assert response.status_code == 302
    assert set(response.cookies) <= {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_forms_are_protected_against_cross_site_requests(staff_user):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/konto/anmelden/", {"username": "team", "password": "Test-Passwort-2026!"}
    )
    assert response.status_code == 403
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "BEKO_", "PYTEST")) and key != "DATABASE_URL"
    }
    env.update(
        BEKO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="beko.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_SETTINGS_MODULE="beko.settings",
    )
    env.update(extra)
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_is_clean_in_production_mode(tmp_path):
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be a random string"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY must be a random string"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is required"),
        ({"DEBUG": "true"}, "DEBUG must be off in production"),
        ({"EMAIL_PORT": "fünfundzwanzig"}, "EMAIL_PORT must be an integer"),
    ],
)
def test_production_refuses_to_start_with_unsafe_settings(tmp_path, override, message):
    result = _manage(_production_env(tmp_path, **override), "check")
    assert result.returncode != 0
    assert message in result.stderr


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    script = textwrap.dedent(
        """
        import django
        django.setup()
        from django.conf import settings
        from django.test import Client
        response = Client().get("/healthz", secure=True, headers={"host": "beko.example.org"})
        print(response["Strict-Transport-Security"])
        print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)
        insecure = Client().get("/", headers={"host": "beko.example.org"})
        print(insecure.status_code, insecure["Location"])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    hsts, cookies, redirect = result.stdout.strip().splitlines()
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert cookies == "True True"
    assert redirect == "301 https://beko.example.org/"
