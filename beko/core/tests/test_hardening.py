"""Hardening findings of the security review (issue 18), each pinned by a test."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.core.management import CommandError, call_command
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from beko.core.lib.logging import RedactSecretsFilter, redact_secrets
from beko.core.lib.params import ascii_int, page_number
from beko.urls import urlpatterns as site_urlpatterns


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("unexpected")


urlpatterns = [
    path("api/v1/boom", _boom),
    path("seite-mit-fehler/", _boom),
    *site_urlpatterns,  # the error page links to the real site
]
handler400 = "beko.core.views.bad_request"
handler403 = "beko.core.views.permission_denied"
handler404 = "beko.core.views.page_not_found"
handler500 = "beko.core.views.server_error"


# --- page numbers and NUL -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("3", 3), ("²", 1), ("٣", 1), ("３", 1), ("-1", 1), ("0", 1), ("9" * 5000, 1), (None, 1)],
)
def test_page_numbers_accept_ascii_digits_only(raw, expected):
    assert page_number(raw) == expected


def test_ascii_int_refuses_unicode_digits_that_isdigit_accepts():
    assert "²".isdigit()
    assert ascii_int("²") is None
    assert ascii_int("12") == 12


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/angebote/",
        "/angebote/organisationen/",
        "/veranstaltungen/",
        "/veranstaltungen/archiv/",
        "/aktuelles/",
        "/fragen/",
        "/suche/?q=Beratung",
        "/en/aktuelles/",
    ],
)
@pytest.mark.parametrize("page", ["²", "¹²", "٣", "-1", "9" * 5000, "abc", "1e3"])
def test_odd_page_numbers_show_a_normal_page(client, url, page):
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}page={page}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_odd_page_number_on_an_organisation_page_shows_the_first_page(client, organisation):
    organisation.is_public = True
    organisation.save()
    response = client.get(f"/angebote/organisationen/{organisation.slug}/?page=²")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events/a%00b",
        "/api/v1/offers?q=%00",
        "/api/v1/events?district=x%00",
        "/api/hsds/services?search=%00",
    ],
)
def test_nul_in_api_addresses_is_a_400_problem(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "NUL" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language", "text"),
    [
        ("/veranstaltungen/%00/", "de", "Ungültige Anfrage"),
        ("/angebote/?q=%00", "de", "Ungültige Anfrage"),
        ("/en/angebote/?q=a%00", "en", "Bad request"),
    ],
)
def test_nul_in_page_addresses_is_a_400_page_in_the_visitors_language(client, url, language, text):
    response = client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert f'lang="{language}"' in body
    assert text in body


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["urlencoded", "multipart"])
def test_nul_in_a_form_field_is_refused_and_nothing_is_stored(client, content_type):
    from urllib.parse import urlencode

    from beko.inquiries.models import Inquiry

    data = {
        "asker_type": "volunteers",
        "topic": "work",
        "question": "Darf sie arbeiten?\x00",
        "email": "a@example.org",
        "consent": "on",
    }
    if content_type == "urlencoded":
        response = client.post(
            "/kontakt/", urlencode(data), content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.post("/kontakt/", data)
    assert response.status_code == 400
    assert Inquiry.objects.count() == 0


@pytest.mark.django_db
def test_nul_escaped_in_a_json_body_is_refused(client):
    response = client.post(
        "/api/v1/offers", data=json.dumps({"q": "a\x00"}), content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


# --- secret tokens in logs ------------------------------------------------------------------

SECRET = "geheimes-token-123456"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/kontakt/status/{SECRET}/",
        f"/en/kontakt/status/{SECRET}/",
        f"/veranstaltungen/anmeldung/{SECRET}/",
        f"/veranstaltungen/anmeldung/{SECRET}/abmelden/",
        f"/veranstaltungen/anmeldung/{SECRET}/ticket.svg",
        f"/konto/passwort-neu/MQ/{SECRET}/",
        f"/angebote/bestaetigen/{SECRET}/",
    ],
)
def test_secret_link_tokens_never_reach_the_request_log(client, caplog, url):
    with caplog.at_level(logging.INFO, logger="beko.request"):
        client.get(url)
    lines = [r for r in caplog.records if r.name == "beko.request"]
    assert len(lines) == 1
    assert SECRET not in lines[0].path
    assert "[redacted]" in lines[0].path
    assert all(SECRET not in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_request_log_names_the_client_behind_the_proxy(client, caplog, settings):
    settings.BEKO_TRUSTED_PROXY_COUNT = 1
    with caplog.at_level(logging.INFO, logger="beko.request"):
        client.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    (line,) = [r for r in caplog.records if r.name == "beko.request"]
    assert line.client == "203.0.113.9"


def test_ordinary_paths_are_logged_unchanged():
    assert redact_secrets("/veranstaltungen/stadtgespraeche-2026/") == (
        "/veranstaltungen/stadtgespraeche-2026/"
    )


def test_djangos_own_error_lines_lose_the_token_too():
    record = logging.LogRecord(
        "django.request", logging.ERROR, "", 0, "Internal Server Error: %s",
        (f"/kontakt/status/{SECRET}/",), None,
    )  # fmt: skip
    RedactSecretsFilter().filter(record)
    assert SECRET not in record.getMessage()


# --- no-store and the second factor ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/intern/", "/en/intern/", "/konto/", "/konto/passwort-aendern/", "/admin/"]
)
def test_back_office_and_account_pages_are_not_cached(staff_client, url):
    response = staff_client.get(url)
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_login_page_is_not_cached_and_public_pages_may_be(client):
    assert client.get("/konto/anmelden/")["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/").get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/konto/passwort-aendern/", "/en/konto/passwort-aendern/"])
def test_password_change_requires_the_second_factor(staff_user, url):
    client = Client()
    client.force_login(staff_user)  # password only
    response = client.get(url)
    assert response.status_code == 302
    assert "/konto/zwei-faktor/" in response["Location"]


@pytest.mark.django_db
def test_password_change_opens_after_the_second_factor(staff_client):
    assert staff_client.get("/konto/passwort-aendern/").status_code == 200


@pytest.mark.django_db
def test_unpublished_news_preview_requires_the_second_factor(staff_user, staff_client):
    from beko.news import services

    item = services.news_create(
        data={"title": "Noch geheim", "teaser": "t", "body": "<p>b</p>"}, by=staff_user
    )
    password_only = Client()
    password_only.force_login(staff_user)
    response = password_only.get(item.get_absolute_url())
    assert response.status_code == 302
    assert "/konto/zwei-faktor/" in response["Location"]
    assert staff_client.get(item.get_absolute_url()).status_code == 200
    assert Client().get(item.get_absolute_url()).status_code == 404


# --- demo data in production ----------------------------------------------------------------


@pytest.mark.django_db
def test_demo_refuses_to_run_in_production(settings):
    from beko.accounts.models import User

    settings.PRODUCTION = True
    settings.BEKO_BENCH_FLOOR = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("demo", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("demo", "--reset", stdout=io.StringIO())
    assert not User.objects.filter(username="team").exists()


@pytest.mark.django_db
def test_demo_runs_in_production_only_when_explicitly_allowed(settings):
    from beko.accounts.models import User

    settings.PRODUCTION = True
    call_command("demo", "--allow-production", stdout=io.StringIO())
    assert User.objects.filter(username="team").exists()


@pytest.mark.django_db
def test_demo_runs_on_a_benchmark_instance_in_production_settings(settings):
    """../shared/bench/side_by_side.sh serves production settings with demo data."""
    from beko.accounts.models import User

    settings.PRODUCTION = True
    settings.BEKO_BENCH_FLOOR = True
    call_command("demo", "--if-empty", stdout=io.StringIO())
    assert User.objects.filter(username="team").exists()


# --- API errors are problem details ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_api_view_that_raises_answers_with_a_problem_500():
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 500
    assert b"unexpected" not in response.content


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_page_that_raises_still_answers_with_the_html_error_page():
    response = Client(raise_request_exception=False).get("/seite-mit-fehler/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/gibt-es-nicht", "/api/hsds/gibt-es-nicht"])
def test_unknown_api_addresses_are_404_problems(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]


@pytest.mark.django_db
def test_a_method_the_api_does_not_take_is_a_405_problem(client):
    response = client.post("/api/v1/offers", data="{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert "GET" in response["Allow"]
