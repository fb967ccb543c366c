"""Every list of the news app (and the site-wide lists it serves: home, audience pages, search,
sitemaps) needs as many SQL queries for 12 items as for 2 (no N+1).

Each test measures with 2 items of every kind, adds 10 more and measures again; the counts
must be equal, not below a magic number, so one query per row fails the test. The response
cache is off (measure the view); each address is measured cold (caches emptied) and warm.
"""

from __future__ import annotations

from typing import Any

import pytest

from beko.core.tests.query_counts import counts as _counts
from beko.core.tests.query_counts import queries as _queries
from beko.directory.models import Organisation
from beko.news.models import Category

from .conftest import create_event, create_faq, create_offer, sitemap_sections

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_response_cache(settings: Any) -> None:
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0
    settings.BEKO_NEWS_PER_PAGE = 20  # all 12 items on one page


def _content(make_news: Any, make_image: Any, start: int, stop: int) -> None:
    """News with image, categories and tags, plus offers, FAQ entries and events for the
    audience pages, the search and the sitemaps."""
    category, _ = Category.objects.get_or_create(slug="beratung", defaults={"name": "Beratung"})
    organisation, _ = Organisation.objects.get_or_create(
        slug="listen-verein", defaults={"name": "Listen-Verein"}
    )
    for number in range(start, stop):
        make_news(
            title=f"Sprachcafe Nachricht {number:02d}",
            lead_image=make_image() if number % 2 else None,
            categories=[category],
            tags=f"Sprache, Thema {number}",
        )
        create_offer(
            title=f"Sprachcafe Angebot {number:02d}", organisation=organisation,
            target_groups=" volunteers ",
        )  # fmt: skip
        create_faq(question=f"Sprachcafe Frage {number:02d}?", audiences=" volunteers ")
        create_event(title=f"Sprachcafe Termin {number:02d}", audience="volunteers")


PUBLIC = [
    "/",
    "/aktuelles/",
    "/aktuelles/?category=beratung",
    "/en/aktuelles/",
    "/aktuelles/feed/rss/",
    "/aktuelles/feed/atom/",
    "/fuer-ehrenamtliche/",
    "/ueber-uns/",
    "/suche/?q=Sprachcafe",
    "/suche/?q=Sprachcafe&bereich=news",
    "/suche/?q=Sprachcafe&bereich=offers",
    "/suche/?q=Sprachcafe&bereich=faq",
    "/suche/?q=Sprachcafe&bereich=events",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/sitemap-offers.xml",
    "/sitemap-organisations.xml",
    "/sitemap-events.xml",
    "/sitemap-faq.xml",
]


def test_public_lists_need_the_same_queries_for_2_and_12_items(
    anon_client: Any, make_news: Any, make_image: Any
) -> None:
    _content(make_news, make_image, 0, 2)
    small = _counts(anon_client, PUBLIC)
    _content(make_news, make_image, 2, 12)
    large = _counts(anon_client, PUBLIC)
    assert large == small
    _, response = _queries(anon_client, "/aktuelles/")
    assert len(response.context["items"]) == 12  # the lists really grew
    for group in ("news", "offers", "faq", "events"):
        _, response = _queries(anon_client, f"/suche/?q=Sprachcafe&bereich={group}")
        assert response.context["page_obj"].paginator.count == 12, group
    rss = anon_client.get("/aktuelles/feed/rss/").content
    assert rss.count(b"<item>") == 12
    events = sitemap_sections(anon_client)["/sitemap-events.xml"]
    assert "/veranstaltungen/sprachcafe-termin-11/" in events


STAFF = [
    "/intern/news/",
    "/intern/news/?status=published",
    "/intern/news/kategorien/",
    "/intern/news/seiten/",
    "/intern/news/bilder/",
    "/intern/news/auswahl/angebote/?q=Sprach",
    "/intern/news/auswahl/veranstaltungen/?q=Sprach",
]


def test_staff_news_lists_need_the_same_queries_for_2_and_12_items(
    staff_client: Any, make_news: Any, make_image: Any
) -> None:
    _content(make_news, make_image, 0, 2)
    for number in range(2):
        Category.objects.create(slug=f"kategorie-{number}", name=f"Kategorie {number}")
    small = _counts(staff_client, STAFF)
    _content(make_news, make_image, 2, 12)
    for number in range(2, 12):
        Category.objects.create(slug=f"kategorie-{number}", name=f"Kategorie {number}")
    large = _counts(staff_client, STAFF)
    assert large == small
    _, response = _queries(staff_client, "/intern/news/")
    assert response.context["page_obj"].paginator.count == 12


def test_news_detail_lists_need_the_same_queries_for_2_and_12_items(
    anon_client: Any, make_news: Any, make_image: Any, staff_user: Any
) -> None:
    """The gallery, the related offers and events and the tags of one news item."""
    from beko.news import services

    organisation = Organisation.objects.create(name="Detail-Verein", slug="detail-verein")
    item = make_news(title="Mit vielen Bezügen", lead_image=make_image())

    def grow(start: int, stop: int) -> None:
        offers = [
            create_offer(title=f"Bezug Angebot {n:02d}", organisation=organisation).pk
            for n in range(start, stop)
        ]
        events = [
            create_event(title=f"Bezug Termin {n:02d}", audience="volunteers").pk
            for n in range(start, stop)
        ]
        for _number in range(start, stop):
            services.gallery_add(item=item, image=make_image())
        services.news_update(
            item=item,
            data={
                "title": item.title_de, "teaser": item.teaser_de, "body": item.body_de,
                "lead_image": item.lead_image,
                "related_offer_ids": [*item.related_offer_ids, *offers],
                "related_event_ids": [*item.related_event_ids, *events],
                "tags": ", ".join(f"Thema {n}" for n in range(stop)),
            },
            by=staff_user,
        )  # fmt: skip

    url = item.get_absolute_url()
    grow(0, 2)
    small, _ = _queries(anon_client, url)
    grow(2, 12)
    large, response = _queries(anon_client, url)
    html = response.content.decode()
    assert "Bezug Angebot 11" in html and "Bezug Termin 11" in html  # the lists really grew
    assert large == small
