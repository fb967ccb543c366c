"""The event page is rendered once per content version; CSRF token and CSP nonce stay per visitor."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from beko.events import services
from beko.events.models import Registration

from .conftest import form_data

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')


def _page(client: Client, event) -> tuple[str, str, str]:
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    token = TOKEN.search(html)
    assert token, "the registration form carries a CSRF token"
    return html, token.group(1), response["Content-Security-Policy"]


def test_cached_page_gives_every_visitor_their_own_working_csrf_token(event):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    _page(first, event)
    html, token, csp = _page(second, event)  # from the cache
    assert "-placeholder" not in html
    assert second.cookies["csrftoken"].value
    nonces = set(NONCE.findall(html))
    assert len(nonces) == 1 and f"'nonce-{nonces.pop()}'" in csp
    response = second.post(
        f"/veranstaltungen/{event.slug}/anmelden/", {**form_data(), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_another_visitors_token_from_the_cache_is_refused(event):
    _, token, _ = _page(Client(enforce_csrf_checks=True), event)
    stranger = Client(enforce_csrf_checks=True)
    _page(stranger, event)  # has a cookie of its own, not the first visitor's secret
    response = stranger.post(
        f"/veranstaltungen/{event.slug}/anmelden/", {**form_data(), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_repeated_views_run_no_queries_and_a_registration_updates_the_seats(event, register):
    client = Client()
    html, _, _ = _page(client, event)
    assert "10 von 10 Plätzen frei" in html
    with CaptureQueriesContext(connection) as queries:
        _page(client, event)
    assert len(queries) == 0
    register(event, "somebody@example.org")
    html, _, _ = _page(client, event)
    assert "9 von 10 Plätzen frei" in html


def test_unpublishing_takes_the_cached_page_down(event, staff_user):
    client = Client()
    _page(client, event)
    services.event_unpublish(event=event, by=staff_user)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_logged_in_staff_get_a_page_of_their_own(event, staff_client):
    _page(Client(), event)
    html, _, _ = _page(staff_client, event)
    assert staff_client.cookies["csrftoken"].value
    assert "-placeholder" not in html
