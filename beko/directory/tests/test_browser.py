"""Browser tests (headless Chromium): search state in the URL, axe, no-JS, RTL, API docs."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [
    pytest.mark.browser,
    # No serialized_rollback: the root conftest re-runs the data migrations' seeds
    # (districts, categories, languages) for every transactional test; mixing both made
    # content types collide on restore.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def offers(make_offer: Any) -> list[Any]:
    return [
        make_offer("Deutschkurs für Frauen", summary="Sprachkurs mit Kinderbetreuung", categories=("sprache", "frauen"),
                   district="barmen", languages=("de", "ar")),
        make_offer("Deutschkurs am Abend", summary="Integrationskurs für Berufstätige", categories=("sprache",),
                   district="elberfeld", languages=("de",)),
        make_offer("Schuldnerberatung", summary="Hilfe bei Schulden", categories=("beratung-schulden",), district="vohwinkel"),
    ]  # fmt: skip


def test_search_filter_detail_and_back_keeps_the_state(
    page: Any, offers: list[Any], assert_axe_clean: Any, htmx_settled: Any
) -> None:
    page.goto("/angebote/")
    page.fill("#id_q", "Deutschkurs")
    with htmx_settled(page):
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Deutschkurs"))
    assert page.locator(".offer-card").count() == 2
    with htmx_settled(page):
        page.select_option("#id_district", "barmen")  # htmx swaps the results, pushes the URL
    page.wait_for_url(re.compile(r"district=barmen"))
    page.wait_for_function("document.querySelectorAll('.offer-card').length === 1")
    assert_axe_clean(page)
    page.click("text=Deutschkurs für Frauen")
    page.wait_for_url(re.compile(r"/angebote/\d+/$"))
    assert page.locator("h1").inner_text() == "Deutschkurs für Frauen"
    assert_axe_clean(page)
    page.go_back()
    page.wait_for_url(re.compile(r"district=barmen"))
    page.wait_for_selector(".offer-card")
    assert page.input_value("#id_q") == "Deutschkurs"
    assert page.input_value("#id_district") == "barmen"
    assert page.locator(".offer-card").count() == 1


def test_everything_works_without_javascript(
    browser: Any, live_server: Any, offers: list[Any]
) -> None:
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="de-DE"
    )
    page = context.new_page()
    try:
        page.goto("/angebote/")
        page.fill("#id_q", "Beratung")
        page.locator("#filter-panel summary").click()  # the filters wait behind one line
        page.select_option("#id_district", "vohwinkel")
        page.click("text=Filter anwenden")
        page.wait_for_url(re.compile(r"district=vohwinkel"))
        assert page.locator(".offer-card").count() == 1
        page.click('.offer-card a:has-text("Schuldnerberatung")')
        page.fill("#id_message", "Die Sprechzeiten haben sich geändert.")
        page.click("text=Hinweis senden")
        page.wait_for_selector("text=Ihr Hinweis ist beim BeKo-Team angekommen")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_rtl_pages_are_right_to_left_and_accessible(
    page: Any, offers: list[Any], language: str, assert_axe_clean: Any
) -> None:
    page.goto(f"/{language}/angebote/?q=Deutschkurs")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator(".offer-card").count() == 2
    assert_axe_clean(page)
    page.goto(f"/{language}/angebote/{offers[0].pk}/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert_axe_clean(page)


def test_api_docs_render_from_vendored_assets_under_the_csp(page: Any, live_server: Any) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(p.replace("\u200b", "") == "/api/v1/offers" for p in paths), paths
    assert [url for url in requests if not url.startswith((live_server.url, "data:"))] == []
