"""Browser tests of the directory's public face: the map leads to a district's offers, the
filter panel works on a phone without JavaScript, both accessible (axe)."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 393, "height": 851}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def offers(make_offer: Any) -> list[Any]:
    return [
        make_offer("Deutschkurs für Frauen", categories=("sprache", "frauen"), district="barmen",
                   languages=("de", "ar"), is_free=True, childcare=True),
        make_offer("Bewerbungshilfe", categories=("arbeit-beruf",), district="barmen", is_free=False),
        make_offer("Rechtsberatung", categories=("beratung-recht",), district="elberfeld"),
        make_offer("Sprachcafé", categories=("sprache",), district="vohwinkel", is_free=True),
    ]  # fmt: skip


def test_the_map_leads_by_keyboard_to_the_offers_of_a_district(
    page: Any, offers: list[Any], assert_axe_clean: Any
) -> None:
    page.goto("/")
    assert_axe_clean(page)
    barmen = page.locator('.district-map__svg a[aria-label="Barmen: 2 Angebote"]')
    barmen.focus()
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')") == "Barmen: 2 Angebote"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/angebote/\?district=barmen$"))
    titles = page.locator(".offer-card__title").all_inner_texts()
    assert sorted(titles) == ["Bewerbungshilfe", "Deutschkurs für Frauen"]
    # On the list page the map is the district filter: Barmen is marked, the others keep
    # whatever else is chosen.
    selected = page.locator('.district-map__svg a[aria-current="true"]')
    assert selected.get_attribute("aria-label") == "Barmen: 2 Angebote"
    assert page.locator(".offer-card__distance").count() == 2
    assert_axe_clean(page)
    page.locator("#id_free").check()  # htmx refreshes results and map counts
    page.wait_for_url(re.compile(r"free=1"))
    page.wait_for_function("document.querySelectorAll('.offer-card').length === 1")
    page.locator('.district-map__svg a[aria-label^="Vohwinkel"]').click()
    page.wait_for_url(re.compile(r"district=vohwinkel"))
    assert "free=1" in page.url
    assert page.locator(".offer-card__title").all_inner_texts() == ["Sprachcafé"]


def test_the_filter_panel_works_on_a_phone_without_javascript(
    browser: Any, live_server: Any, offers: list[Any]
) -> None:
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="de-DE", **PHONE
    )
    page = context.new_page()
    try:
        page.goto("/angebote/")
        # Results first: the first offer is on the first screen, the filters wait folded.
        assert page.locator(".offer-card").first.bounding_box()["y"] < PHONE["viewport"]["height"]
        assert page.locator("#id_category").is_hidden()
        assert page.locator("#filter-panel summary").inner_text().strip() == "Filter"
        page.locator("#filter-panel summary").click()
        assert page.locator("#id_category").is_visible()
        page.select_option("#id_category", "sprache")
        page.locator("#id_free").check()
        page.click("text=Filter anwenden")
        page.wait_for_url(re.compile(r"category=sprache"))
        assert "free=1" in page.url
        assert page.locator("#filter-panel summary").inner_text().strip() == "Filter (2)"
        assert sorted(page.locator(".offer-card__title").all_inner_texts()) == [
            "Deutschkurs für Frauen",
            "Sprachcafé",
        ]
        chips = page.locator(".active-filters .chip")
        assert chips.count() == 2
        chips.filter(has_text="kostenlos").click()  # a chip is a link that drops its filter
        page.wait_for_url(re.compile(r"category=sprache"))
        assert "free" not in page.url
        assert page.locator(".active-filters .chip").count() == 1
        # The map inside the panel filters by district without JavaScript as well.
        page.locator("#filter-panel summary").click()
        page.locator('.district-map__svg a[aria-label^="Vohwinkel"]').click()
        page.wait_for_url(re.compile(r"district=vohwinkel"))
        assert "category=sprache" in page.url
        assert page.locator(".offer-card__title").all_inner_texts() == ["Sprachcafé"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    finally:
        context.close()


def test_the_filter_panel_opens_by_itself_on_a_wide_screen_and_stays_open(
    page: Any, offers: list[Any]
) -> None:
    page.goto("/angebote/")
    page.wait_for_function("document.getElementById('filter-panel').open")
    page.select_option("#id_category", "sprache")  # htmx swaps the whole search area
    page.wait_for_url(re.compile(r"category=sprache"))
    page.wait_for_function("document.querySelectorAll('.offer-card').length === 2")
    assert page.evaluate("document.getElementById('filter-panel').open")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_list_print_and_detail_pages_stay_accessible(
    page: Any, offers: list[Any], language: str, assert_axe_clean: Any
) -> None:
    prefix = "" if language == "de" else f"/{language}"
    page.goto(f"{prefix}/angebote/?category=sprache&district=barmen&free=1")
    assert_axe_clean(page)
    page.goto(f"{prefix}/angebote/{offers[0].pk}/")
    assert_axe_clean(page)
    page.goto(f"{prefix}/angebote/{offers[0].pk}/drucken/")
    assert_axe_clean(page)


def test_an_offer_prints_on_one_a4_page(page: Any, offers: list[Any]) -> None:
    for path in (f"/angebote/{offers[0].pk}/drucken/", f"/angebote/{offers[0].pk}/"):
        page.goto(path)
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, path
