from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from beko.news.models import NewsItem
from beko.news.services import news_publish_due

from .conftest import sitemap_sections

pytestmark = pytest.mark.django_db


def _public_everywhere(client, item):
    """Where an item shows up for the public: list, detail, both feeds, sitemap, home."""
    title = item.title_de
    return {
        "list": title in client.get("/aktuelles/").content.decode(),
        "detail": client.get(item.get_absolute_url()).status_code == 200,
        "rss": any(
            e.title == title
            for e in feedparser.parse(client.get("/aktuelles/feed/rss/").content).entries
        ),
        "atom": any(
            e.title == title
            for e in feedparser.parse(client.get("/aktuelles/feed/atom/").content).entries
        ),
        "sitemap": any(item.get_absolute_url() in xml for xml in sitemap_sections(client).values()),
        "home": title in client.get("/").content.decode(),
    }


def test_draft_is_invisible_to_the_public_everywhere(anon_client, make_news):
    item = make_news(title="Geheimer Entwurf", status="draft")
    assert _public_everywhere(anon_client, item) == dict.fromkeys(
        ["list", "detail", "rss", "atom", "sitemap", "home"], False
    )


def test_scheduled_item_is_invisible_before_its_time(anon_client, make_news):
    item = make_news(title="Geplante Meldung", status="scheduled", delta=timedelta(hours=2))
    assert item.status == NewsItem.Status.SCHEDULED
    assert not any(_public_everywhere(anon_client, item).values())


def test_published_item_is_visible_everywhere(anon_client, make_news):
    item = make_news(title="Öffentliche Meldung")
    assert all(_public_everywhere(anon_client, item).values())


def test_scheduled_item_goes_live_at_its_time_without_a_job(anon_client, make_news, monkeypatch):
    item = make_news(title="Zur rechten Zeit", status="scheduled", delta=timedelta(minutes=30))
    assert anon_client.get(item.get_absolute_url()).status_code == 404
    later = timezone.now() + timedelta(minutes=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert all(_public_everywhere(anon_client, item).values())
    # The job only brings the back-office status in line.
    assert news_publish_due() == 1
    item.refresh_from_db()
    assert item.status == NewsItem.Status.PUBLISHED
    assert news_publish_due() == 0


def test_publish_due_leaves_future_items_scheduled(make_news):
    item = make_news(status="scheduled", delta=timedelta(days=1))
    assert news_publish_due() == 0
    item.refresh_from_db()
    assert item.status == NewsItem.Status.SCHEDULED


def test_publish_due_management_command_reports_count(make_news, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    make_news(status="scheduled", delta=timedelta(minutes=5))
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    out = StringIO()
    call_command("news_publish_due", stdout=out)
    assert out.getvalue().startswith("1 ")


def test_archived_item_leaves_lists_but_keeps_its_address(anon_client, make_news):
    item = make_news(title="Alte Pressemitteilung", status="archived")
    seen = _public_everywhere(anon_client, item)
    assert seen["detail"] is True
    assert "archiviert" in anon_client.get(item.get_absolute_url()).content.decode()
    assert not any(value for key, value in seen.items() if key != "detail")


def test_staff_previews_a_draft_with_a_notice_and_noindex(staff_client, make_news):
    item = make_news(title="Entwurf mit Vorschau", status="draft")
    response = staff_client.get(item.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vorschau für das Team" in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["Cache-Control"] == "private, no-store"


def test_partner_cannot_preview_drafts(partner_client, make_news):
    item = make_news(status="draft")
    assert partner_client.get(item.get_absolute_url()).status_code == 404


def test_list_filters_by_year_category_and_kind(anon_client, make_news):
    from beko.news.models import Category

    category = Category.objects.create(name="Netzwerk", name_de="Netzwerk", slug="netzwerk")
    old = make_news(title="Meldung von früher", delta=timedelta(days=-400))
    new = make_news(title="Pressemitteilung heute", kind="press", categories=[category])
    this_year = new.publish_at.astimezone(timezone.get_current_timezone()).year
    html = anon_client.get("/aktuelles/", {"year": this_year}).content.decode()
    assert new.title_de in html
    if old.publish_at.year != this_year:
        assert old.title_de not in html
    html = anon_client.get("/aktuelles/", {"category": "netzwerk"}).content.decode()
    assert new.title_de in html and old.title_de not in html
    html = anon_client.get("/aktuelles/", {"kind": "press"}).content.decode()
    assert new.title_de in html and old.title_de not in html


@pytest.mark.parametrize(
    "params",
    [
        {"year": "zwanzig"},
        {"year": "99999999999999999999"},
        {"category": "<script>"},
        {"page": "-1"},
        {"kind": "' OR 1=1 --"},
    ],
)
def test_list_ignores_hostile_filter_values(anon_client, make_news, params):
    make_news(title="Bleibt sichtbar")
    response = anon_client.get("/aktuelles/", params)
    assert response.status_code == 200
    assert "Bleibt sichtbar" in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_list_paginates(anon_client, make_news, settings):
    settings.BEKO_NEWS_PER_PAGE = 2
    for number in range(5):
        make_news(title=f"Meldung Nummer {number}", delta=timedelta(hours=-number - 1))
    html = anon_client.get("/aktuelles/", {"page": 3}).content.decode()
    assert "Seite 3 von 3" in html
    assert "Meldung Nummer 4" in html


def test_htmx_request_gets_only_the_results_fragment(anon_client, make_news):
    make_news(title="Fragmentmeldung")
    response = anon_client.get("/aktuelles/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Fragmentmeldung" in html
    assert "<html" not in html
