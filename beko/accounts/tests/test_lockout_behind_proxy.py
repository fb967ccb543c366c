"""The login lockout behind the production reverse proxy.

Every request reaches the app from the proxy's address (REMOTE_ADDR); the client is what the
proxy appended to X-Forwarded-For. A lockout keyed on REMOTE_ADDR would lock everybody out
after a few wrong passwords from anyone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client

from conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/konto/anmelden/"
PROXY = "10.0.0.2"
ATTACKER = "198.51.100.7"
STAFF_ADDRESS = "203.0.113.20"


def _via_proxy(client_address: str, spoofed: str = "") -> dict[str, str]:
    forwarded = f"{spoofed}, {client_address}" if spoofed else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def behind_one_proxy(settings):
    settings.BEKO_TRUSTED_PROXY_COUNT = 1


def test_twelve_wrong_logins_lock_the_attacker_but_not_staff_elsewhere(
    staff_user, behind_one_proxy
):
    attacker = Client()
    codes = [
        attacker.post(
            LOGIN,
            {"username": "team", "password": f"falsch-{n}"},
            # A different made-up address on the left every time: it must not help.
            **_via_proxy(ATTACKER, spoofed=f"192.0.2.{n}"),
        ).status_code
        for n in range(12)
    ]
    assert codes[:5] == [200] * 5
    assert set(codes[6:]) == {429}

    # The attacker now has the right password, and is still refused.
    refused = attacker.post(
        LOGIN, {"username": "team", "password": PASSWORD}, **_via_proxy(ATTACKER)
    )
    assert refused.status_code == 429
    assert "_auth_user_id" not in attacker.session

    # The staff member signs in from the office, through the same proxy.
    staff = Client()
    response = staff.post(
        LOGIN, {"username": "team", "password": PASSWORD}, **_via_proxy(STAFF_ADDRESS)
    )
    assert response.status_code == 302
    assert staff.session["_auth_user_id"] == str(staff_user.pk)

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_successful_login_of_another_account_does_not_reset_the_attackers_count(
    staff_user, partner_user, behind_one_proxy
):
    attacker = Client()
    for n in range(5):
        attacker.post(LOGIN, {"username": "team", "password": f"x{n}"}, **_via_proxy(ATTACKER))
    # The attacker's own (partner) account logs in fine …
    own = Client().post(
        LOGIN, {"username": "partner", "password": PASSWORD}, **_via_proxy(ATTACKER)
    )
    assert own.status_code == 302
    # … but the failures against "team" still count: the next one locks.
    locked = attacker.post(LOGIN, {"username": "team", "password": "x6"}, **_via_proxy(ATTACKER))
    assert locked.status_code == 429


def test_a_successful_login_forgets_that_accounts_own_typos(staff_user, behind_one_proxy):
    client = Client()
    for n in range(4):
        client.post(LOGIN, {"username": "team", "password": f"x{n}"}, **_via_proxy(STAFF_ADDRESS))
    assert (
        client.post(
            LOGIN, {"username": "team", "password": PASSWORD}, **_via_proxy(STAFF_ADDRESS)
        ).status_code
        == 302
    )
    assert not AccessAttempt.objects.filter(ip_address=STAFF_ADDRESS).exists()


def test_lockout_log_line_names_the_client_not_the_proxy(staff_user, behind_one_proxy, caplog):
    client = Client()
    for n in range(6):
        client.post(LOGIN, {"username": "team", "password": f"x{n}"}, **_via_proxy(ATTACKER))
    lines = [r for r in caplog.records if r.name == "beko.security" and "locked" in r.getMessage()]
    assert lines
    assert {r.client for r in lines} == {ATTACKER}


def test_in_production_mode_twelve_wrong_logins_do_not_lock_out_staff_elsewhere(tmp_path):
    """The same, with the real production settings (BEKO_ENV=production, default proxy count)."""
    script = textwrap.dedent(
        f"""
        import django
        django.setup()
        from django.core.management import call_command
        from django.test.utils import override_settings
        from django.conf import settings
        # Hashed static file names need collectstatic; irrelevant here, so plain names.
        override_settings(STORAGES={{**settings.STORAGES, "staticfiles": {{
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}}}).enable()
        call_command("migrate", verbosity=0)
        from django.test import Client
        from beko.accounts.models import Role, User
        user = User(username="team", email="team@example.org", role=Role.STAFF)
        user.set_password({PASSWORD!r})
        user.save()
        def post(address, password, spoofed="192.0.2.1"):
            return Client().post(
                "{LOGIN}", {{"username": "team", "password": password}}, secure=True,
                headers={{"host": "beko.example.org"}},
                REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{{spoofed}}, {{address}}",
            ).status_code
        print(settings.BEKO_TRUSTED_PROXY_COUNT)
        print(",".join(str(post("{ATTACKER}", f"falsch-{{n}}", f"192.0.2.{{n}}")) for n in range(12)))
        print(post("{ATTACKER}", {PASSWORD!r}))
        print(post("{STAFF_ADDRESS}", {PASSWORD!r}))
        """
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "BEKO_", "PYTEST", "AXES_")) and key != "DATABASE_URL"
    }
    env.update(
        BEKO_ENV="production",
        SECRET_KEY="x" * 20 + "-production-like-test-key-" + "y" * 20,
        ALLOWED_HOSTS="beko.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        TASKS_BACKEND="immediate",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_SETTINGS_MODULE="beko.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    proxy_count, attacker_codes, attacker_right_password, staff = result.stdout.split()
    assert proxy_count == "1"
    assert attacker_codes.split(",")[:5] == ["200"] * 5
    assert set(attacker_codes.split(",")[6:]) == {"429"}
    assert attacker_right_password == "429"
    assert staff == "302"
