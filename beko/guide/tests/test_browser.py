"""The guide in a real browser: form → result → shared link, with and without JavaScript; the
papers page, the employer's view and the bilingual sheet."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import verified_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _answers_text(page: Any) -> str:
    return str(page.locator(".guide-answers").inner_text())


def test_form_leads_to_a_result_whose_share_link_reopens_it(
    page: Any, browser: Any, live_server: Any, assert_axe_clean: Any
) -> None:
    page.goto("/wege-in-arbeit/")
    assert_axe_clean(page)
    page.get_by_label("Aufenthaltsgestattung – das Asylverfahren läuft").check()
    # htmx brings the questions for this status into the page.
    months = page.get_by_label("Seit wie vielen Monaten ist die Person in Deutschland?")
    months.fill("4")
    page.locator("input[name=reception_centre][value=false]").check()
    page.locator("input[name=asylum_rejected_manifestly_unfounded][value=false]").check()
    page.get_by_label("Staatsangehörigkeit").select_option("AF")
    page.get_by_label("Es gibt ein konkretes Jobangebot.").check()
    assert_axe_clean(page)
    page.get_by_role("button", name="Ergebnis anzeigen").click()
    page.wait_for_url("**/wege-in-arbeit/ergebnis/?**")
    assert "Nur mit Erlaubnis der Ausländerbehörde" in _answers_text(page)
    assert_axe_clean(page)

    first = _answers_text(page)
    shared = urlsplit(page.locator("#share-url").input_value())
    here = urlsplit(page.url)
    assert (shared.path, shared.query) == (here.path, here.query)
    assert "status=gestattung" in here.query and "as_of=" in here.query

    other = browser.new_context(base_url=live_server.url)
    reopened = other.new_page()
    reopened.goto(f"{here.path}?{here.query}")
    assert _answers_text(reopened) == first
    other.close()


def test_guide_works_without_javascript(make_page: Any) -> None:
    page = make_page(java_script_enabled=False)
    page.goto("/wege-in-arbeit/")
    page.get_by_label("Duldung (§ 60a AufenthG)").check()
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Seit wie vielen Monaten ist die Person in Deutschland?").fill("60")
    page.locator("input[name=reception_centre][value=false]").check()
    page.get_by_label("Staatsangehörigkeit").select_option("IQ")
    page.get_by_label("Es gibt ein konkretes Jobangebot.").check()
    page.get_by_role("button", name="Ergebnis anzeigen").click()
    page.wait_for_url("**/wege-in-arbeit/ergebnis/?**")
    assert "Beschäftigungsduldung (§ 60d AufenthG)" in page.content()
    assert "Nur mit Erlaubnis der Ausländerbehörde" in _answers_text(page)
    # Folded legal detail opens without JavaScript, too.
    page.locator("#antwort-employment summary").click()
    assert page.locator("#antwort-employment .guide-citations a").first.is_visible()


def test_i_do_not_know_leads_through_the_papers_page_to_a_result(
    page: Any, assert_axe_clean: Any
) -> None:
    page.goto("/wege-in-arbeit/")
    page.get_by_label("Weiß ich nicht").first.check()
    page.get_by_role("link", name="Papiere erkennen: Muster ansehen").click()
    page.wait_for_url("**/wege-in-arbeit/papiere/")
    image = page.locator("#papier-aufenthaltsgestattung img")
    assert "Muster" in (image.get_attribute("alt") or "")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert_axe_clean(page)
    page.locator("#papier-aufenthaltsgestattung").get_by_role(
        "link", name="Weiter mit „Aufenthaltsgestattung“"
    ).click()
    page.wait_for_url("**/wege-in-arbeit/?status=gestattung**")
    assert page.get_by_label("Aufenthaltsgestattung – das Asylverfahren läuft").is_checked()
    page.get_by_label("Seit wie vielen Monaten ist die Person in Deutschland?").fill("7")
    page.locator("input[name=reception_centre][value=true]").check()
    page.locator("input[name=asylum_rejected_manifestly_unfounded][value=false]").check()
    page.get_by_label("Staatsangehörigkeit").select_option("AF")
    page.get_by_role("button", name="Ergebnis anzeigen").click()
    page.wait_for_url("**/wege-in-arbeit/ergebnis/?**")
    assert "Nur mit Erlaubnis der Ausländerbehörde" in _answers_text(page)
    assert_axe_clean(page)


def test_employer_view_for_a_duldung_with_a_job_offer(page: Any, assert_axe_clean: Any) -> None:
    page.goto("/wege-in-arbeit/")
    page.get_by_role("link", name=re.compile("Sie sind Arbeitgeber")).click()
    page.wait_for_url("**/wege-in-arbeit/arbeitgeber/")
    assert_axe_clean(page)
    page.get_by_label("Ich möchte die Person einstellen (Arbeit).").check()
    page.get_by_label("Duldung (§ 60a AufenthG)").check()
    page.get_by_label("Seit wie vielen Monaten ist die Person in Deutschland?").fill("20")
    page.locator("input[name=reception_centre][value=false]").check()
    page.locator("input[name=identity_clarified][value=true]").check()
    page.get_by_label("Staatsangehörigkeit").select_option("AF")
    assert_axe_clean(page)
    page.get_by_role("button", name="Ergebnis für Arbeitgeber anzeigen").click()
    page.wait_for_url("**/wege-in-arbeit/arbeitgeber/ergebnis/?**")
    start = page.locator("#arbeitgeber-start").inner_text()
    assert "Erst mit Erlaubnis." in start
    assert "Zwei Stellen" in page.locator("#arbeitgeber-permits").inner_text()
    assert (
        "Erklärung zum Beschäftigungsverhältnis"
        in page.locator("#arbeitgeber-documents").inner_text()
    )
    assert "2 Wochen" in page.locator("#arbeitgeber-waiting").inner_text()
    duties = page.locator("#arbeitgeber-duties").inner_text()
    assert "Kopie" in duties and "§ 4a Abs. 5 S. 3 Nr. 1 und 2 AufenthG" in duties
    contacts = page.locator("#arbeitgeber-contacts").inner_text()
    assert "Arbeitgeber-Service" in contacts and "Ausländerbehörde" in contacts
    assert_axe_clean(page)


def test_recognised_refugee_result_shows_settlement_and_naturalisation(
    page: Any, assert_axe_clean: Any
) -> None:
    page.goto(
        "/wege-in-arbeit/ergebnis/?status=recognised&as_of=2026-11-25&months_in_germany=40"
        "&first_permit_on=2026-03-01&german_level=B1&country=SY"
    )
    routes = page.locator(".guide-routes")
    assert routes.locator("#weg-settlement").is_visible()
    assert "Niederlassungserlaubnis für anerkannte Flüchtlinge" in routes.inner_text()
    assert routes.locator("#weg-naturalisation").is_visible()
    assert "Einbürgerung (§ 10 StAG)" in routes.inner_text()
    assert_axe_clean(page)


def test_bilingual_sheet_in_arabic_and_ukrainian_on_a_phone_fits_one_a4_page(
    make_page: Any, assert_axe_clean: Any
) -> None:
    page = make_page(viewport={"width": 390, "height": 844})
    page.goto(
        "/wege-in-arbeit/ergebnis/?status=duldung&as_of=2026-11-25&months_in_germany=20"
        "&country=AF&reception_centre=false&identity_clarified=true&has_job_offer=true"
    )
    page.get_by_role("link", name="Zweisprachiges Ergebnisblatt").click()
    page.wait_for_url("**/ergebnis/zweisprachig/?**")
    page.get_by_label("Zweite Sprache").select_option("ar")
    page.get_by_role("button", name="Sprache wählen").click()
    page.wait_for_url("**sheet_lang=ar**")
    assert page.locator('.sheet-cell[lang="ar"][dir="rtl"]').count() > 3
    assert page.locator('.sheet-cell[lang="de"]').count() > 3
    assert_axe_clean(page)
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1

    page.get_by_label("Zweite Sprache").select_option("uk")
    page.get_by_role("button", name="Sprache wählen").click()
    page.wait_for_url("**sheet_lang=uk**")
    assert page.locator('.sheet-cell[lang="uk"][dir="ltr"]').count() > 3
    assert_axe_clean(page)
    assert len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4"))) == 1

    # English texts are the longest of the translated ones: still one page.
    page.get_by_label("Zweite Sprache").select_option("en")
    page.get_by_role("button", name="Sprache wählen").click()
    page.wait_for_url("**sheet_lang=en**")
    assert len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4"))) == 1


def test_print_view_and_staff_pages_are_accessible(
    page: Any, live_server: Any, staff_user: Any, assert_axe_clean: Any
) -> None:
    from django.conf import settings

    page.goto(
        "/wege-in-arbeit/ergebnis/drucken/?status=beschaeftigungsduldung&as_of=2026-11-25"
        "&months_in_germany=40"
    )
    assert page.locator("details[open]").count() >= 6
    assert_axe_clean(page)

    # Staff pages need the second factor: a session that already passed it.
    client = verified_client(staff_user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page.goto("/intern/guide/")
    assert page.get_by_role("table").is_visible()
    assert_axe_clean(page)
    page.goto("/intern/guide/aenderungen/")
    assert page.get_by_role("heading", name=re.compile("Rechtsänderungen")).is_visible()
    assert_axe_clean(page)
