"""Browser checks: axe (serious/critical) in German and Arabic, and no third-party requests."""

from urllib.parse import urlparse

import pytest

pytestmark = [
    pytest.mark.browser,
    # No serialized_rollback: the root conftest re-runs the data migrations' seeds for every
    # transactional test; mixing both made content types collide on restore.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def published_news(make_news, make_image):
    from beko.news.services import gallery_add

    item = make_news(
        title="Stadtgespräche 2026",
        body="<h2>Markt der Möglichkeiten</h2><p>Viele Stände.</p>",
        lead_image=make_image(alt_text="Infostand im Saal", credit="BeKo (Demo)"),
    )
    gallery_add(item=item, image=make_image(alt_text="Bühne mit Publikum", credit="BeKo (Demo)"))
    return item


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_news_pages_and_an_audience_page_are_axe_clean(
    page, assert_axe_clean, published_news, prefix
):
    for path in ("/aktuelles/", published_news.get_absolute_url(), "/fuer-ehrenamtliche/"):
        page.goto(f"{prefix}{path}")
        expected = "rtl" if prefix == "/ar" else "ltr"
        assert page.locator("html").get_attribute("dir") == expected
        assert_axe_clean(page)


def test_no_request_leaves_the_server_on_any_public_page(
    page, published_news, live_server, settings
):
    """Every page the sitemap lists (all apps), in German plus Arabic samples, and the search."""
    import re

    from django.test import Client

    from .conftest import sitemap_sections

    sitemap = "".join(sitemap_sections(Client()).values())
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    german = [loc.removeprefix(settings.SITE_URL) for loc in locs if not re.match(
        rf"{re.escape(settings.SITE_URL)}/(en|ar|fa|uk|tr|ru)/", loc)]  # fmt: skip
    assert published_news.get_absolute_url() in german and "/fuer-ehrenamtliche/" in german
    paths = [*german, "/ar/aktuelles/", f"/ar{published_news.get_absolute_url()}", "/ar/ueber-uns/",
             "/suche/?q=Stadtgespr%C3%A4che"]  # fmt: skip
    host = urlparse(live_server.url).hostname
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        page.mouse.wheel(0, 5000)  # bring lazy images into view so they load too
        page.wait_for_load_state("networkidle")
    foreign = [
        url for url in requested if not url.startswith("data:") and urlparse(url).hostname != host
    ]
    assert host in {"127.0.0.1", "localhost"}
    assert foreign == []
    assert any("/media/images/" in url for url in requested), "images were not loaded at all"
