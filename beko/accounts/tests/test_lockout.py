from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory

from conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/konto/anmelden/"


def _fail(client: Client, username: str = "team") -> object:
    return client.post(LOGIN, {"username": username, "password": "falsch-falsch"})


def test_the_sixth_failure_locks_the_account_with_a_generic_german_message(staff_user):
    client = Client()
    messages = {_fail(client).content.decode().count("Anmeldung fehlgeschlagen") for _ in range(5)}
    assert messages == {1}
    locked = _fail(client)
    assert locked.status_code == 429
    assert "vorübergehend gesperrt" in locked.content.decode()
    # Even the right password is refused now.
    right = client.post(LOGIN, {"username": "team", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_unknown_accounts_get_the_same_lockout_answer(db):
    client = Client()
    for _ in range(6):
        response = _fail(client, "gibt-es-nicht")
    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()


def test_lockout_ends_after_the_cooloff(staff_user):
    client = Client()
    for _ in range(6):
        _fail(client)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16)
    )
    response = client.post(LOGIN, {"username": "team", "password": PASSWORD})
    assert response.status_code == 302


def test_cooloff_doubles_with_every_failure_beyond_the_limit(staff_user, settings):
    from beko.accounts.lockout import cooloff

    request = RequestFactory().post(LOGIN, {"username": "team"})
    request.axes_ip_address = "127.0.0.1"
    assert cooloff(request) == timedelta(minutes=15)
    AccessAttempt.objects.create(username="team", ip_address="127.0.0.1", user_agent="x", failures_since_start=8,
                                 get_data="", post_data="", http_accept="", path_info=LOGIN)  # fmt: skip
    assert cooloff(request) == timedelta(minutes=60)
    AccessAttempt.objects.update(failures_since_start=100)
    assert cooloff(request) == timedelta(days=1)


def test_lockouts_are_logged(staff_user, caplog):
    client = Client()
    for _ in range(6):
        _fail(client)
    assert any("locked out" in r.getMessage() for r in caplog.records if r.name == "beko.security")


def test_password_reset_is_rate_limited_per_address(staff_user, settings, mailoutbox):
    from django.core.cache import cache

    cache.clear()
    settings.BEKO_PASSWORD_RESET_RATE_PER_ADDRESS = "2/h"
    client = Client()
    for _ in range(2):
        assert (
            client.post("/konto/passwort-vergessen/", {"email": "team@example.org"}).status_code
            == 302
        )
    response = client.post("/konto/passwort-vergessen/", {"email": "team@example.org"})
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    assert len(mailoutbox) == 2


def test_password_reset_answers_the_same_for_unknown_addresses(db, mailoutbox):
    from django.core.cache import cache

    cache.clear()
    response = Client().post("/konto/passwort-vergessen/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_password_reset_rate_limited_per_ip(db, settings):
    from django.core.cache import cache

    cache.clear()
    settings.BEKO_PASSWORD_RESET_RATE_PER_IP = "3/h"
    client = Client()
    codes = [
        client.post("/konto/passwort-vergessen/", {"email": f"x{n}@example.org"}).status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 302, 429]


def test_password_reset_backs_off_to_a_daily_limit_per_address(staff_user, settings):
    from django.core.cache import cache

    cache.clear()
    settings.BEKO_PASSWORD_RESET_RATE_PER_ADDRESS = "100/h"
    settings.BEKO_PASSWORD_RESET_RATE_PER_ADDRESS_DAY = "2/d"
    client = Client()
    codes = [
        client.post("/konto/passwort-vergessen/", {"email": "team@example.org"}).status_code
        for _ in range(3)
    ]
    assert codes == [302, 302, 429]
    assert (
        "am nächsten Tag"
        in client.post("/konto/passwort-vergessen/", {"email": "team@example.org"}).content.decode()
    )
