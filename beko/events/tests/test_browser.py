"""Browser tests: the registration round trip and the door check-in on a phone."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail

from beko.events import services
from beko.events.models import Registration
from conftest import verified_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_confirm_cancel_and_waiting_person_gets_the_seat(
    page, make_event, assert_axe_clean
):
    event = make_event(capacity=1, slug="meet-eat-browser")
    page.goto("/veranstaltungen/")
    assert_axe_clean(page)
    page.get_by_role("link", name="Meet & Eat: Aufenthalt und Arbeit").click()
    assert_axe_clean(page)
    page.get_by_label("Vor- und Nachname").fill("Amina Yusuf")
    page.get_by_label("E-Mail-Adresse").fill("amina@example.org")
    page.get_by_label("Essenswünsche (freiwillig)").fill("vegetarisch")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Verbindlich anmelden").click()
    page.get_by_text("Ihr Platz ist bestätigt.").wait_for()
    ticket = Registration.objects.get(email="amina@example.org").ticket_code
    assert ticket in page.content()
    assert page.locator("svg.ticket__qr").count() == 1
    assert_axe_clean(page)

    # Somebody else registers meanwhile and lands on the waiting list.
    waiting = services.registration_create(
        event=event, data=services.RegistrationInput(name="Bea Warte", email="bea@example.org"),
        language="de",
    )  # fmt: skip
    assert waiting.status == "waiting"

    page.get_by_role("link", name="Ich kann nicht kommen – abmelden").click()
    assert_axe_clean(page)
    page.get_by_role("button", name="Ja, verbindlich abmelden").click()
    page.get_by_text("Diese Anmeldung ist storniert.").wait_for()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert any(m.to == ["bea@example.org"] and "frei geworden" in m.subject for m in mail.outbox)


def test_registration_errors_are_announced_and_keep_input(page, make_event, assert_axe_clean):
    make_event(slug="fehler")
    page.goto("/veranstaltungen/fehler/")
    page.get_by_label("Vor- und Nachname").fill("<script>alert(1)</script>")
    page.get_by_label("E-Mail-Adresse").fill("kaputt")
    page.get_by_role("button", name="Verbindlich anmelden").click()
    page.get_by_text("Bitte keine HTML-Tags oder Skripte eingeben.").wait_for()
    assert page.get_by_label("E-Mail-Adresse").input_value() == "kaputt"
    assert not Registration.objects.exists()
    assert_axe_clean(page)


@pytest.fixture
def phone_context_args():
    return {"locale": "de-DE", "viewport": {"width": 390, "height": 844}, "is_mobile": True,
            "has_touch": True}  # fmt: skip


def test_staff_check_in_on_a_phone(
    browser, live_server, staff_user, phone_context_args, make_event, register, assert_axe_clean
):
    event = make_event(slug="einlass")
    amina = register(event, "amina@example.org", name="Amina Yusuf")
    register(event, "bea@example.org", name="Bea Beispiel")
    # Staff pages need the second factor: a session that already passed it.
    client = verified_client(staff_user)
    context = browser.new_context(base_url=live_server.url, **phone_context_args)
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])  # fmt: skip
    page = context.new_page()
    try:
        page.goto(f"/intern/events/{event.pk}/einlass/")
        assert_axe_clean(page)
        # No horizontal scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_label("Ticket-Code eingeben oder scannen").fill(amina.ticket_code.lower())
        page.get_by_role("button", name="Einchecken", exact=True).click()
        page.get_by_text("Willkommen, Amina Yusuf – eingecheckt.").wait_for()
        page.get_by_label("Nach Namen suchen").fill("Bea")
        # Submit explicitly: right after the swap htmx may not have bound the input trigger
        # yet (seen on a loaded machine); the form works with or without htmx.
        page.get_by_label("Nach Namen suchen").press("Enter")
        page.get_by_role("button", name="Suchen").click()
        page.get_by_role("button", name="Bea Beispiel einchecken").click()
        page.get_by_text("Willkommen, Bea Beispiel – eingecheckt.").wait_for()
        assert Registration.objects.filter(checked_in_at__isnull=False).count() == 2
        stats = page.locator(".stats").inner_text()
        assert re.search(r"anwesend\s*2", stats)
        assert_axe_clean(page)
        page.goto(f"/intern/events/{event.pk}/teilnehmende/druck/")
        assert "Amina Yusuf" in page.content()
    finally:
        context.close()


def test_archive_and_arabic_detail_are_axe_clean(page, make_event, add_session, assert_axe_clean):
    from datetime import timedelta

    from django.utils import timezone

    event = make_event(slug="stadtgespraeche")
    add_session(event, "Bezirk A", 20)
    add_session(event, "Bezirk B", 20)
    event.stands.create(number="01", exhibitor_name="Jobcenter", topic_de="Arbeit")
    make_event(slug="alt", starts_at=timezone.now() - timedelta(days=30))
    page.goto("/veranstaltungen/archiv/")
    assert_axe_clean(page)
    page.goto("/ar/veranstaltungen/stadtgespraeche/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_axe_clean(page)
    page.goto("/en/veranstaltungen/stadtgespraeche/")
    assert page.get_by_role("heading", name="Registration").count() == 1
    assert_axe_clean(page)
