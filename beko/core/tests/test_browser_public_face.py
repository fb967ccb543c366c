"""Browser tests across the public face with the demo data: axe on every public page type
in German and Arabic, the hotline on a phone's first screen, the reports' charts by
keyboard and a chart's CSV against its table, an event on one printed page."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 393, "height": 851}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def demo(settings: Any, tmp_path: Any) -> dict[str, str]:
    """The demo data (as `make run` shows it); returns one address per page type."""
    from django.core.management import call_command

    from beko.directory.models import Offer, Organisation
    from beko.events.models import Event
    from beko.faq.models import FaqEntry
    from beko.news.models import NewsItem

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    offer = Offer.objects.filter(status="published").order_by("pk").first()
    event = Event.objects.filter(slug__startswith="stadtgespraeche").first()
    return {
        "home": "/",
        "offers": "/angebote/",
        "offers filtered": "/angebote/?category=sprache&district=barmen&free=1",
        "offer": offer.get_absolute_url(),
        "offer print": f"{offer.get_absolute_url()}drucken/",
        "organisations": "/angebote/organisationen/",
        "organisation": Organisation.objects.filter(offers__isnull=False)
        .first()
        .get_absolute_url(),
        "volunteers": "/fuer-ehrenamtliche/",
        "employers": "/fuer-unternehmen/",
        "counselling": "/fuer-beratungsstellen/",
        "associations": "/fuer-vereine/",
        "about": "/ueber-uns/",
        "events": "/veranstaltungen/",
        "event": event.get_absolute_url(),
        "news": "/aktuelles/",
        "news item": NewsItem.objects.filter(status="published").first().get_absolute_url(),
        "faq": "/fragen/",
        "faq entry": FaqEntry.objects.filter(status="published").first().get_absolute_url(),
        "contact": "/kontakt/",
        "search": "/suche/?q=Deutschkurs",
        "guide": "/wege-in-arbeit/",
    }


@pytest.mark.parametrize("language", ["de", "ar"])
def test_every_public_page_type_is_free_of_serious_axe_findings(
    page: Any, demo: dict[str, str], language: str
) -> None:
    from conftest import axe_violations

    prefix = "" if language == "de" else f"/{language}"
    findings = {}
    for name, path in demo.items():
        response = page.goto(prefix + path)
        assert response.status == 200, (name, path)
        assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
        violations = axe_violations(page)
        if violations:
            findings[name] = violations
    assert findings == {}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_on_a_phone_the_home_page_shows_search_and_hotline_without_scrolling(
    make_page: Any, demo: dict[str, str], language: str, assert_axe_clean: Any
) -> None:
    page = make_page(**PHONE)
    page.goto("/" if language == "de" else f"/{language}/")
    height = PHONE["viewport"]["height"]
    phone = page.locator(".hero__phone a").bounding_box()
    assert phone["y"] + phone["height"] <= height
    assert page.locator("#hero-q").bounding_box()["y"] < height
    assert page.locator('[role="search"]').count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    # Every topic tile has its icon beside a visible name.
    tiles = page.locator(".topic-tile")
    assert tiles.count() >= 12
    for index in range(tiles.count()):
        tile = tiles.nth(index)
        assert tile.locator("svg.icon[aria-hidden='true']").count() == 1
        assert tile.locator(".topic-tile__name").inner_text().strip()
    assert_axe_clean(page)


def test_staff_reports_work_by_keyboard_and_a_charts_csv_matches_its_table(
    page: Any, live_server: Any, demo: dict[str, str], assert_axe_clean: Any
) -> None:
    from beko.accounts.models import User
    from conftest import verified_client

    client = verified_client(User.objects.get(username="team"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/intern/berichte/")
    assert page.locator("h1").inner_text().strip() == "Berichte und Zahlen"
    assert_axe_clean(page)
    table = page.locator('table[data-chart="anfragen-themen"]')
    shown = [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tr").all()
    ]
    assert len(shown) == 13  # header and twelve months
    href = page.locator("#report-anfragen-themen a[download]").get_attribute("href")
    response = page.request.get(href)
    assert response.ok
    rows = list(csv.reader(io.StringIO(response.text().lstrip("\ufeff")), delimiter=";"))
    assert rows == shown
    # The chart is reachable by keyboard: each month is a stop that reads its numbers.
    page.locator("#id_jahr").focus()
    for _step in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('chart__point')"):
            break
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    section = page.evaluate("document.activeElement.closest('section.report').id")
    first_row = page.locator(f"#{section} table tbody tr").first.locator("th, td").all_inner_texts()
    assert label == f"{first_row[0]} – " + ", ".join(
        f"{name}: {value}"
        for name, value in zip(
            page.locator(f"#{section} table thead th").all_inner_texts()[1:],
            first_row[1:],
            strict=True,
        )
    )


def test_an_event_with_programme_and_market_prints_on_one_a4_page(
    page: Any, demo: dict[str, str]
) -> None:
    page.goto(demo["event"])
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.emulate_media(media="print")
    assert page.locator(".print-meta").is_visible()
    assert page.locator(".event__qr svg").is_visible()
    assert page.locator(".registration").is_hidden()
