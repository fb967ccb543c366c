"""The guide in a real browser: form → result → shared link, with and without JavaScript."""

from __future__ import annotations

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


def test_guide_works_without_javascript(browser: Any, live_server: Any) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/wege-in-arbeit/")
    page.get_by_label("Duldung (§ 60a AufenthG)").check()
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Seit wie vielen Monaten ist die Person in Deutschland?").fill("60")
    page.get_by_label("Staatsangehörigkeit").select_option("IQ")
    page.get_by_label("Es gibt ein konkretes Jobangebot.").check()
    page.get_by_role("button", name="Ergebnis anzeigen").click()
    page.wait_for_url("**/wege-in-arbeit/ergebnis/?**")
    assert "Beschäftigungsduldung (§ 60d AufenthG)" in page.content()
    assert "Nur mit Erlaubnis der Ausländerbehörde" in _answers_text(page)
    # Folded legal detail opens without JavaScript, too.
    page.locator("#antwort-employment summary").click()
    assert page.locator("#antwort-employment .guide-citations a").first.is_visible()
    context.close()


def test_print_view_and_staff_rule_list_are_accessible(
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
