"""Partner home → edit → submit → staff approve → public, in a real browser."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_partner_change_reaches_the_public_after_staff_approval(
    page: Any,
    browser: Any,
    live_server: Any,
    assert_axe_clean: Any,
    make_user: Any,
    make_offer: Any,
    partner_user: Any,
) -> None:
    offer = make_offer("Sprachcafé Ölberg", categories=("sprache",))
    staff = make_user(username="tessa", first_name="Tessa", last_name="Team")
    device = TOTPDevice.objects.create(user=staff, name="App", confirmed=True)

    # The partner logs in and lands on their home: no URL typed.
    page.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse oder Benutzername").fill("partner")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/konto/$"))
    assert page.locator("h1").inner_text() == "Partnerbereich: Verein Brücke e. V."
    assert (
        page.get_by_role("navigation", name="Hauptnavigation")
        .get_by_role("link", name="Partnerbereich")
        .is_visible()
    )
    assert_axe_clean(page)

    page.get_by_role("link", name=re.compile(r"^Bearbeiten\W+Sprachcafé Ölberg$")).click()
    page.wait_for_url(f"**/intern/directory/angebote/{offer.pk}/")
    page.get_by_label("Titel").fill("Sprachcafé Ölberg am Abend")
    page.get_by_role("button", name="Zur Freigabe einreichen").click()
    page.wait_for_url(f"**/intern/directory/angebote/{offer.pk}/")
    assert "wartet auf die Freigabe" in page.content()
    page.goto("/konto/")
    assert "Änderung wartet auf Prüfung" in page.content()
    page.goto(f"/angebote/{offer.pk}/")
    assert page.locator("h1").inner_text() == "Sprachcafé Ölberg"  # not public yet

    # Staff sign in with the second factor and see it waiting on their home.
    staff_context = browser.new_context(base_url=live_server.url, locale="de-DE")
    desk = staff_context.new_page()
    desk.goto("/konto/anmelden/")
    desk.get_by_label("E-Mail-Adresse oder Benutzername").fill("tessa")
    desk.get_by_label("Passwort").fill(PASSWORD)
    desk.get_by_role("button", name="Anmelden").click()
    desk.wait_for_url("**/konto/zwei-faktor/pruefen/**")
    desk.get_by_label("Code").fill(_code(device))
    desk.get_by_role("button", name="Anmelden").click()
    desk.wait_for_url(re.compile(r"/intern/$"))
    waiting = desk.locator(".todo", has_text="Änderungen von Partnern warten auf Freigabe")
    assert waiting.locator(".todo__count").inner_text() == "1"
    assert_axe_clean(desk)
    waiting.get_by_role("link").click()
    desk.wait_for_url("**/intern/directory/freigaben/")
    desk.get_by_role("link", name="Sprachcafé Ölberg").click()
    desk.get_by_role("button", name="Freigeben").click()
    desk.wait_for_url(f"**/intern/directory/angebote/{offer.pk}/")
    staff_context.close()

    # The change is public now.
    page.goto(f"/angebote/{offer.pk}/")
    assert page.locator("h1").inner_text() == "Sprachcafé Ölberg am Abend"
    page.goto("/konto/")
    assert "Änderung wartet auf Prüfung" not in page.content()
    assert_axe_clean(page)
