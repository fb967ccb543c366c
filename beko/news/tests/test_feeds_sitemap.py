from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
import xmlschema
from django.conf import settings

from .conftest import sitemap_sections

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def sitemap_schema():
    return xmlschema.XMLSchema(
        str(SCHEMAS / "sitemap.xsd"),
        locations=[("http://www.w3.org/1999/xhtml", str(SCHEMAS / "xhtml-link.xsd"))],
    )


@pytest.mark.parametrize(("prefix", "language"), [("", "de"), ("/en", "en"), ("/ar", "ar")])
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_parse_cleanly_per_language_and_list_only_published_items(
    anon_client, make_news, prefix, language, kind
):
    from datetime import timedelta

    make_news(title="Veröffentlicht & gut", body="<p>Hallo <script>x</script></p>")
    make_news(title="Entwurf im Feed", status="draft")
    make_news(title="Geplant im Feed", status="scheduled", delta=timedelta(days=1))
    response = anon_client.get(f"{prefix}/aktuelles/feed/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.language == language
    assert [entry.title for entry in feed.entries] == ["Veröffentlicht & gut"]
    entry = feed.entries[0]
    assert entry.link == f"{settings.SITE_URL}{prefix}/aktuelles/veroeffentlicht-gut/"
    assert entry.get("published_parsed")


def test_feed_titles_follow_the_language(anon_client, make_news):
    item = make_news(title="Deutscher Titel")
    item.title_en = "English title"
    item.save()
    entries = feedparser.parse(anon_client.get("/en/aktuelles/feed/rss/").content).entries
    assert entries[0].title == "English title"
    entries = feedparser.parse(anon_client.get("/aktuelles/feed/rss/").content).entries
    assert entries[0].title == "Deutscher Titel"


def test_sitemap_validates_against_the_sitemap_schema(anon_client, make_news, sitemap_schema):
    make_news(title="Für die Sitemap")
    response = anon_client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    sections = sitemap_sections(anon_client)
    assert "/sitemap-news.xml" in sections
    for xml in sections.values():
        sitemap_schema.validate(xml)


def test_schema_check_catches_a_broken_sitemap(sitemap_schema):
    broken = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>http://127.0.0.1:8000/</loc>'
        '<xhtml:link rel="alternate" href="http://127.0.0.1:8000/en/"/></url></urlset>'
    )
    assert not sitemap_schema.is_valid(broken)  # hreflang missing
    assert not sitemap_schema.is_valid(broken.replace("<loc>", "<lastmod>x</lastmod><loc>"))


def _sitemap(anon_client):
    pages = {}
    for xml in sitemap_sections(anon_client).values():
        # Our own response, not untrusted input.
        root = ElementTree.fromstring(xml)  # noqa: S314
        for url in root.findall(f"{SM}url"):
            loc = url.find(f"{SM}loc").text
            assert loc not in pages, f"{loc} is listed twice"
            pages[loc] = {
                link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
            }
    return pages


def test_hreflang_pairs_are_symmetric_and_cover_all_languages(anon_client, make_news):
    make_news(title="Symmetrisch")
    pages = _sitemap(anon_client)
    languages = {code for code, _ in settings.LANGUAGES}
    assert pages
    for loc, alternates in pages.items():
        assert set(alternates) == languages | {"x-default"}, loc
        assert loc in alternates.values(), f"{loc} does not list itself"
        for code, href in alternates.items():
            if code == "x-default":
                assert href == alternates["de"]
                continue
            assert href in pages, f"{href} (alternate of {loc}) is missing from the sitemap"
            assert pages[href] == alternates, f"{href} and {loc} disagree about their versions"


def test_sitemap_lists_every_public_page_type_in_every_language(anon_client, make_news):
    item = make_news(title="Neu im Netz")
    pages = _sitemap(anon_client)
    base = settings.SITE_URL
    expected = [
        "/",
        "/aktuelles/",
        item.get_absolute_url(),
        "/fuer-ehrenamtliche/",
        "/fuer-unternehmen/",
        "/fuer-beratungsstellen/",
        "/fuer-vereine/",
        "/ueber-uns/",
        "/seite/impressum/",
    ]
    for path in expected:
        assert f"{base}{path}" in pages, path
        assert f"{base}/ar{path}" in pages, path
        assert f"{base}/ru{path}" in pages, path
    by_language = defaultdict(int)
    for loc in pages:
        segment = loc.removeprefix(base).split("/")[1]
        by_language[segment if segment in {"en", "ar", "fa", "uk", "tr", "ru"} else "de"] += 1
    assert len(set(by_language.values())) == 1, by_language


def test_robots_txt_points_to_the_sitemap_and_hides_the_back_office(anon_client):
    response = anon_client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text
    for private in (
        "Disallow: /intern/",
        "Disallow: /en/intern/",
        "Disallow: /ar/konto/",
        "Disallow: /admin/",
    ):
        assert private in text
    assert "Disallow: /\n" not in text


def test_sitemap_lists_public_events_but_not_drafts(anon_client):
    from .conftest import create_event

    public = create_event(title="Sprachcafe Sitemap", audience="volunteers")
    draft = create_event(title="Entwurf Sitemap", audience="volunteers", status="draft")
    pages = _sitemap(anon_client)
    assert f"{settings.SITE_URL}{public.get_absolute_url()}" in pages
    assert f"{settings.SITE_URL}/ar{public.get_absolute_url()}" in pages
    assert not any(draft.slug in loc for loc in pages)


def test_sitemap_lists_offers_organisations_and_faq(anon_client, organisation):
    from .conftest import create_faq, create_offer

    offer = create_offer(title="Sprachkurs Sitemap", organisation=organisation)
    entry = create_faq(question="Sitemap Frage?")
    pages = _sitemap(anon_client)
    paths = (
        offer.get_absolute_url(),
        organisation.get_absolute_url(),
        entry.get_absolute_url(),
        "/fragen/",
        "/angebote/",
    )
    for path in paths:
        assert f"{settings.SITE_URL}{path}" in pages, path
        assert f"{settings.SITE_URL}/fa{path}" in pages, path


def test_sitemap_lists_the_guide_pages_in_every_language(anon_client):
    pages = _sitemap(anon_client)
    for path in ("/wege-in-arbeit/", "/wege-in-arbeit/papiere/", "/wege-in-arbeit/begriffe/"):
        assert f"{settings.SITE_URL}{path}" in pages, path
        assert f"{settings.SITE_URL}/uk{path}" in pages, path
    assert not any("/ergebnis/" in loc for loc in pages)


def test_a_section_sitemap_splits_into_pages_past_its_limit(anon_client, make_news, monkeypatch):
    from beko.news import sitemap

    monkeypatch.setattr(sitemap.ObjectsSitemap, "limit", 7)  # one item in seven languages
    first, second = make_news(title="Erste Meldung"), make_news(title="Zweite Meldung")
    sections = sitemap_sections(anon_client)
    news = [xml for path, xml in sections.items() if path.startswith("/sitemap-news.xml")]
    assert len(news) == 2
    assert sum(first.get_absolute_url() in xml for xml in news) == 1
    assert sum(second.get_absolute_url() in xml for xml in news) == 1


def test_sitemap_addresses_equal_what_django_reverses_in_each_language(anon_client, make_news):
    from django.urls import reverse
    from django.utils import translation

    item = make_news(title="Präfix-Regel")
    pages = _sitemap(anon_client)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths = [item.get_absolute_url(), reverse("core:home"), reverse("guide:papers")]
        for path in paths:
            assert f"{settings.SITE_URL}{path}" in pages, (code, path)
