from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _login(client: Client, username: str, next_url: str = "/intern/") -> object:
    return client.post(
        f"/konto/anmelden/?next={next_url}",
        {"username": username, "password": PASSWORD, "next": next_url},
    )


def test_staff_password_login_leads_to_2fa_setup_then_staff_area(staff_user):
    client = Client()
    response = _login(client, "team")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zwei-faktor/einrichten/")
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    qr = client.get("/konto/zwei-faktor/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content and b"<script" not in qr.content
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    wrong = client.post("/konto/zwei-faktor/einrichten/", {"token": "000000", "next": "/intern/"})
    assert "Der Code stimmt nicht" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait; the test does not sleep
    done = client.post(
        "/konto/zwei-faktor/einrichten/", {"token": _code(device), "next": "/intern/"}
    )
    assert done.status_code == 302
    codes_page = client.get(done["Location"])
    codes = re.findall(r"<li><code>(\w+)</code></li>", codes_page.content.decode())
    assert len(codes) == 10
    assert client.get("/konto/zwei-faktor/codes/").status_code == 302  # shown only once
    assert client.get("/intern/").status_code == 200
    assert client.get("/konto/zwei-faktor/qr.svg").status_code == 404  # no QR of a confirmed device


def test_staff_with_device_must_enter_code_after_password(staff_user):
    device = TOTPDevice.objects.create(user=staff_user, name="App", confirmed=True)
    client = Client()
    _login(client, "team", "/intern/inquiries/")
    response = client.get("/intern/inquiries/")
    assert response["Location"].startswith("/konto/zwei-faktor/pruefen/")
    # Without the second factor nobody may add a new device.
    assert client.get("/konto/zwei-faktor/einrichten/")["Location"].startswith(
        "/konto/zwei-faktor/pruefen/"
    )
    bad = client.post(
        "/konto/zwei-faktor/pruefen/", {"token": "123456", "next": "/intern/inquiries/"}
    )
    assert bad.status_code in (200, 429)
    assert client.get("/intern/inquiries/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    good = client.post(
        "/konto/zwei-faktor/pruefen/", {"token": _code(device), "next": "/intern/inquiries/"}
    )
    assert good.status_code == 302 and good["Location"] == "/intern/inquiries/"
    assert client.get("/intern/inquiries/").status_code == 200


def test_recovery_code_works_exactly_once(staff_user):
    from beko.accounts.two_factor import recovery_codes_regenerate

    TOTPDevice.objects.create(user=staff_user, name="App", confirmed=True)
    code = recovery_codes_regenerate(user=staff_user)[0]
    client = Client()
    _login(client, "team")
    assert (
        client.post("/konto/zwei-faktor/pruefen/", {"token": code, "next": "/intern/"}).status_code
        == 302
    )
    assert client.get("/intern/").status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()
    other = Client()
    _login(other, "team")
    response = other.post("/konto/zwei-faktor/pruefen/", {"token": code, "next": "/intern/"})
    assert response.status_code in (200, 429)
    assert other.get("/intern/").status_code == 302


def test_repeated_wrong_codes_are_throttled(staff_user):
    TOTPDevice.objects.create(user=staff_user, name="App", confirmed=True)
    client = Client()
    _login(client, "team")
    client.post("/konto/zwei-faktor/pruefen/", {"token": "111111"})
    response = client.post("/konto/zwei-faktor/pruefen/", {"token": "222222"})
    assert response.status_code == 429
    assert "Zu viele falsche Codes" in response.content.decode()


def test_django_admin_requires_second_factor_for_admins(admin_user, admin_client_):
    client = Client()
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response["Location"].startswith("/konto/zwei-faktor/")
    assert admin_client_.get("/admin/").status_code == 200


def test_admin_login_page_is_replaced_by_ours():
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_second_factor_is_enforced_in_other_languages_too(make_user):
    client = Client()
    client.force_login(make_user(username="neu"))
    assert client.get("/en/intern/")["Location"].startswith("/en/konto/zwei-faktor/einrichten/")


def test_partner_editors_may_use_the_backoffice_without_second_factor(partner_user):
    client = Client()
    client.force_login(partner_user)
    # No staff pages for partners, but no 2FA detour either.
    assert client.get("/intern/").status_code == 403
    page = client.get("/konto/zwei-faktor/")
    assert page.status_code == 200
    assert "ausgeschaltet" in page.content.decode()


def test_partner_who_enabled_2fa_must_use_it_and_may_switch_it_off(partner_user, client_for):
    device = TOTPDevice.objects.create(user=partner_user, name="App", confirmed=True)
    client = Client()
    client.force_login(partner_user)
    assert client.get("/konto/zwei-faktor/")["Location"].startswith("/konto/zwei-faktor/pruefen/")
    client.post("/konto/zwei-faktor/pruefen/", {"token": _code(device)})
    assert client.get("/konto/zwei-faktor/").status_code == 200
    assert client.post("/konto/zwei-faktor/ausschalten/").status_code == 302
    assert not TOTPDevice.objects.filter(user=partner_user).exists()


def test_staff_cannot_switch_2fa_off(staff_user, staff_client):
    response = staff_client.post("/konto/zwei-faktor/ausschalten/")
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=staff_user, confirmed=True).exists()
