import re

import pytest
from django.conf import settings
from django.test import RequestFactory

from beko.core import services, views
from beko.core.models import Page

pytestmark = pytest.mark.django_db

FOOTER_SLUGS = (
    "impressum",
    "datenschutz",
    "barrierefreiheit",
    "leichte-sprache",
    "gebaerdensprache",
)


def test_home_page_renders_in_german_with_skip_link_first(anon_client):
    response = anon_client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de" dir="ltr">' in html
    body = html.split("<body", 1)[1]
    assert body.index('class="skip-link"') < body.index("<header")
    assert '<a class="skip-link" href="#inhalt">Inhalt anspringen</a>' in html
    assert '<main id="inhalt" tabindex="-1"' in html


def test_main_navigation_lists_the_five_sections_in_order(anon_client):
    html = anon_client.get("/").content.decode()
    nav = html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]
    labels = re.findall(r'<a href="[^"]+"[^>]*>([^<]+)</a>', nav)
    assert labels == ["Angebote", "Wege in Arbeit", "Veranstaltungen", "Aktuelles", "Kontakt"]
    assert 'href="/angebote/"' in nav
    assert 'href="/kontakt/"' in nav


def test_current_section_is_marked_in_the_navigation(anon_client):
    html = anon_client.get("/veranstaltungen/").content.decode()
    assert '<a href="/veranstaltungen/" aria-current="page">Veranstaltungen</a>' in html


def test_main_navigation_is_localised_with_the_language_prefix(anon_client):
    html = anon_client.get("/en/").content.decode()
    assert '<a href="/en/angebote/">Services</a>' in html


def test_footer_pages_are_seeded_without_template_text(anon_client):
    for slug in FOOTER_SLUGS:
        response = anon_client.get(f"/seite/{slug}/")
        assert response.status_code == 200, slug
        assert "Mustertext" not in response.content.decode()


def test_footer_links_every_info_page_and_the_login(anon_client):
    html = anon_client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    for slug in FOOTER_SLUGS:
        assert f'href="/seite/{slug}/"' in footer
    for title in ("Impressum", "Datenschutzerklärung", "Erklärung zur Barrierefreiheit"):
        assert f">{title}</a>" in footer
    assert 'href="/konto/anmelden/"' in footer


def test_info_page_has_breadcrumbs_ending_in_the_current_page(anon_client):
    html = anon_client.get("/seite/impressum/").content.decode()
    crumbs = html.split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/">Startseite</a>' in crumbs
    assert '<a aria-current="page" href="/seite/impressum/">Impressum</a>' in crumbs


def test_unknown_info_page_is_a_german_404_page(anon_client):
    response = anon_client.get("/seite/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert '<html lang="de"' in html


def test_share_block_offers_mail_and_the_absolute_link_without_third_parties(anon_client):
    html = anon_client.get("/seite/impressum/").content.decode()
    share = html.split('<aside class="share"', 1)[1].split("</aside>", 1)[0]
    assert "Seite teilen" in share
    assert "mailto:?subject=" in share
    assert "body=http%3A//testserver/seite/impressum/" in share
    assert 'value="http://testserver/seite/impressum/" readonly' in share
    # Absolute links only to ourselves: the request host or SITE_URL (canonical, hreflang).
    own = f"(?!testserver|{re.escape(settings.SITE_URL.split('://', 1)[1])})"
    assert not re.search(rf'(src|href)="https?://{own}', html)


def test_stylesheets_include_a_print_stylesheet(anon_client):
    html = anon_client.get("/").content.decode()
    assert re.search(r'<link rel="stylesheet" href="/static/css/print.css" media="print">', html)
    css = b"".join(anon_client.get("/static/css/print.css").streaming_content).decode()
    assert ".main-nav" in css
    assert "display: none" in css


def test_pages_use_no_inline_scripts_styles_or_handlers(anon_client):
    for url in ("/", "/en/", "/ar/", "/seite/datenschutz/", "/konto/anmelden/"):
        html = anon_client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url


def test_footer_titles_come_from_the_cache_after_the_first_request(
    anon_client, django_assert_num_queries, settings
):
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0  # the footer cache, not the response cache
    anon_client.get("/seite/leichte-sprache/")
    # Only the page itself is read; navigation and footer come from memory and cache.
    with django_assert_num_queries(1):
        anon_client.get("/seite/leichte-sprache/")


def test_editing_a_page_updates_the_cached_footer_at_once(anon_client, staff_user):
    anon_client.get("/")
    page = Page.objects.get(slug="impressum")
    services.page_update(page=page, data={"title": "Impressum und Kontakt"}, by=staff_user)
    html = anon_client.get("/").content.decode()
    assert ">Impressum und Kontakt</a>" in html


def test_server_error_page_renders_without_touching_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in response.content.decode()


@pytest.mark.parametrize("prefix", ["", "/en", "/ar"])
def test_share_box_is_left_out_of_the_back_office_forms_and_the_home_page(
    staff_client, anon_client, prefix
):
    assert 'class="share"' not in staff_client.get(f"{prefix}/intern/").content.decode()
    assert 'class="share"' not in staff_client.get(f"{prefix}/intern/berichte/").content.decode()
    assert 'class="share"' not in anon_client.get(f"{prefix}/konto/anmelden/").content.decode()
    assert 'class="share"' not in anon_client.get(f"{prefix}/kontakt/").content.decode()
    assert 'class="share"' not in anon_client.get(f"{prefix}/").content.decode()
    assert 'class="share"' not in anon_client.get(f"{prefix}/gibt-es-nicht/").content.decode()
    assert 'class="share"' in anon_client.get(f"{prefix}/seite/impressum/").content.decode()


def test_printed_pages_name_the_site_the_date_and_the_address(anon_client, settings):
    from django.utils import formats, timezone

    html = anon_client.get("/seite/impressum/").content.decode()
    line = html.split('class="container print-only print-meta"', 1)[1].split("</p>", 1)[0]
    assert "BeKo Wuppertal" in line
    assert formats.date_format(timezone.localdate(), "DATE_FORMAT") in line
    assert f"{settings.SITE_URL}/seite/impressum/" in line


def test_the_home_page_has_one_search(anon_client):
    html = anon_client.get("/").content.decode()
    assert html.count('role="search"') == 1
    assert 'action="/suche/"' in html
