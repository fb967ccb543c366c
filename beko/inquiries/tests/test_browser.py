"""The whole service desk in a real browser: question → 2FA login → answer → status link."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_volunteer_asks_staff_answers_with_2fa_volunteer_reads_answer(
    page: Any, browser: Any, live_server: Any, assert_axe_clean: Any, make_user: Any, faq_entry: Any
) -> None:
    staff = make_user(username="tessa", first_name="Tessa", last_name="Team")
    device = TOTPDevice.objects.create(user=staff, name="App", confirmed=True)

    # The volunteer asks; typing shows a matching FAQ entry (htmx).
    page.goto("/kontakt/")
    assert_axe_clean(page)
    page.get_by_label("Ehrenamtliche").check()
    page.get_by_label("Thema").select_option("training")
    page.get_by_label("Ihre Frage").press_sequentially(
        "Darf jemand mit Duldung eine Ausbildung machen?"
    )
    page.locator("#suggestions a", has_text=faq_entry.question).wait_for()
    page.get_by_label("Name (freiwillig)").fill("Erika Muster")
    page.get_by_label("E-Mail-Adresse").fill("erika@example.org")
    page.get_by_label("Ich habe die Datenschutzhinweise gelesen").check()
    assert_axe_clean(page)
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_url("**/kontakt/status/**")
    status_url = page.url
    assert "Ihre Referenznummer" in page.content()
    assert "Neu" in page.locator("dl").inner_text()
    assert_axe_clean(page)

    # Staff sign in with password and a TOTP code computed here, then answer.
    staff_context = browser.new_context(base_url=live_server.url, locale="de-DE")
    desk = staff_context.new_page()
    desk.goto("/konto/anmelden/?next=/intern/inquiries/")
    desk.get_by_label("E-Mail-Adresse oder Benutzername").fill("tessa")
    desk.get_by_label("Passwort").fill(PASSWORD)
    desk.get_by_role("button", name="Anmelden").click()
    desk.wait_for_url("**/konto/zwei-faktor/pruefen/**")
    assert_axe_clean(desk)
    desk.get_by_label("Code").fill(_code(device))
    desk.get_by_role("button", name="Anmelden").click()
    desk.wait_for_url("**/intern/inquiries/")
    assert_axe_clean(desk)
    desk.locator("table a").first.click()
    desk.wait_for_url("**/intern/inquiries/*/")
    assert "Erika Muster" in desk.content()
    assert_axe_clean(desk)
    desk.get_by_role("link", name="Antworten", exact=True).click()
    desk.locator("#id_body").fill("Ja, mit Erlaubnis der Ausländerbehörde (§ 60c AufenthG).")
    assert_axe_clean(desk)
    desk.get_by_role("button", name="Antwort speichern und senden").click()
    desk.wait_for_url("**/intern/inquiries/*/")
    assert "Beantwortet" in desk.content()
    staff_context.close()

    # The volunteer reloads the secret link and reads the answer; no internal data shown.
    page.goto(status_url)
    assert "Ja, mit Erlaubnis der Ausländerbehörde (§ 60c AufenthG)." in page.content()
    assert "Beantwortet" in page.locator("dl").inner_text()
    assert "tessa" not in page.content()


def test_faq_pages_are_accessible_and_search_as_you_type(
    page: Any, assert_axe_clean: Any, faq_entry: Any
) -> None:
    page.goto("/fragen/")
    assert_axe_clean(page)
    page.get_by_label("Suchbegriff").press_sequentially("zzzz")
    page.get_by_text("noch keine Antwort").wait_for()
    page.get_by_label("Suchbegriff").fill("Duldung")
    page.locator("#faq-results summary", has_text=faq_entry.question).wait_for()
    page.goto(faq_entry.get_absolute_url())
    assert_axe_clean(page)
    page.goto(f"/en{faq_entry.get_absolute_url()}")
    # No English text yet: the German answer is shown, marked as German.
    assert page.locator('.fallback [lang="de"]').count() == 1
    assert_axe_clean(page)


def test_contact_form_works_without_javascript(
    browser: Any, live_server: Any, faq_entry: Any
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/kontakt/")
    page.get_by_label("Vereine und Initiativen").check()
    page.get_by_label("Thema").select_option("training")
    page.get_by_label("Ihre Frage").fill("Darf jemand mit Duldung eine Ausbildung machen?")
    page.locator("#id_phone").fill("0202 123456")
    page.get_by_role("button", name="Erst passende Antworten ansehen").click()
    assert faq_entry.question in page.locator("#suggestions").inner_text()
    assert (
        page.get_by_label("Ihre Frage").input_value()
        == "Darf jemand mit Duldung eine Ausbildung machen?"
    )
    page.get_by_label("Ich habe die Datenschutzhinweise gelesen").check()
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_url("**/kontakt/status/**")
    assert "Ihre Referenznummer" in page.content()
    context.close()


def test_reply_with_placeholders_is_refused_then_filled_previewed_and_sent(
    browser: Any, live_server: Any, staff_user: Any, assert_axe_clean: Any, mailoutbox: Any
) -> None:
    from django.conf import settings

    from beko.inquiries import services
    from beko.inquiries.models import ReplyTemplate
    from conftest import verified_client

    ReplyTemplate.objects.create(
        title="Termin anbieten",
        subject="Ihre Anfrage {referenz}",
        body="Guten Tag {name},\n\ngerne beraten wir Sie am [[Termin]].\n\nViele Grüße",
        topic="work",
    )
    submission = services.inquiry_submit(
        data={"asker_type": "employers", "topic": "work", "name": "Firma Beispiel",
              "question": "Welche Erlaubnis brauchen wir?", "email": "chef@example.org",
              "phone": ""}
    )  # fmt: skip
    inquiry = submission.inquiry
    client = verified_client(staff_user)
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])  # fmt: skip
    desk = context.new_page()
    try:
        desk.goto(f"/intern/inquiries/{inquiry.pk}/antworten/")
        desk.get_by_label("Vorlage einsetzen").select_option(
            label="Termin anbieten (passt zum Thema)"
        )
        desk.get_by_role("button", name="Einsetzen").click()
        assert "[[Termin]]" in desk.locator("#id_body").input_value()
        assert desk.get_by_label("Betreff").input_value().endswith("– Arbeit")

        # Sent as it is: refused, the placeholder is named, nothing stored.
        desk.get_by_role("button", name="Antwort speichern und senden").click()
        alert = desk.get_by_role("alert")
        alert.wait_for()
        assert "„[[Termin]]“" in alert.inner_text()
        assert not inquiry.replies.exists()
        assert_axe_clean(desk)

        # Filled, previewed as the person will see it, then sent.
        body = desk.locator("#id_body")
        body.fill(body.input_value().replace("[[Termin]]", "Dienstag, 14 Uhr"))
        desk.get_by_role("button", name="Vorschau").click()
        preview = desk.locator(".reply-preview")
        preview.wait_for()
        assert "gerne beraten wir Sie am Dienstag, 14 Uhr." in preview.inner_text()
        assert f"[{inquiry.reference}]" in preview.inner_text()
        assert not inquiry.replies.exists()
        assert_axe_clean(desk)
        desk.get_by_role("button", name="Antwort speichern und senden").click()
        desk.wait_for_url(f"**/intern/inquiries/{inquiry.pk}/")
        assert "Beantwortet" in desk.content()
    finally:
        context.close()
    assert mailoutbox[-1].to == ["chef@example.org"]
    status = browser.new_page(base_url=live_server.url)
    try:
        status.goto(urlsplit(services.status_url(submission.token)).path)
        assert "gerne beraten wir Sie am Dienstag, 14 Uhr." in status.content()
    finally:
        status.close()
