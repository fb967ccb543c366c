"""Language switching and right-to-left rendering (the catalogues: test_catalogues.py)."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

RTL = {"ar", "fa"}


@pytest.mark.parametrize(("code", "_name"), settings.LANGUAGES)
def test_every_language_renders_with_its_lang_and_direction(anon_client, code, _name):
    url = "/" if code == "de" else f"/{code}/"
    response = anon_client.get(url)
    assert response.status_code == 200
    direction = "rtl" if code in RTL else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in response.content.decode()


@pytest.mark.parametrize(("code", "_name"), settings.LANGUAGES)
def test_language_switch_leads_to_the_same_page_in_every_language(anon_client, code, _name):
    response = anon_client.get("/sprache/", {"language": code, "next": "/seite/impressum/"})
    assert response.status_code == 302
    expected = "/seite/impressum/" if code == "de" else f"/{code}/seite/impressum/"
    assert response["Location"] == expected
    page = anon_client.get(expected)
    assert page.status_code == 200
    assert f'<html lang="{code}"' in page.content.decode()


def test_switcher_links_keep_the_page_and_its_query_in_every_language(anon_client):
    html = anon_client.get("/en/seite/impressum/?x=1").content.decode()
    switch = html.split('<details class="lang-switch">', 1)[1].split("</details>", 1)[0]
    assert 'href="/seite/impressum/?x=1" lang="de"' in switch
    assert 'href="/ar/seite/impressum/?x=1" lang="ar" hreflang="ar" dir="rtl"' in switch
    assert 'href="/en/seite/impressum/?x=1" lang="en" hreflang="en" aria-current="true"' in switch
    assert switch.count("<li>") == len(settings.LANGUAGES)


def test_switcher_works_on_pages_that_do_not_exist(anon_client):
    html = anon_client.get("/en/nirgendwo/").content.decode()
    assert 'href="/ru/nirgendwo/" lang="ru"' in html


def test_pages_announce_their_other_language_versions(anon_client):
    html = anon_client.get("/seite/impressum/").content.decode()
    # Absolute addresses from SITE_URL (not the Host header), see beko/core/templatetags/beko_meta.py.
    assert (
        f'<link rel="alternate" hreflang="fa" href="{settings.SITE_URL}/fa/seite/impressum/">'
        in html
    )


@pytest.mark.parametrize(
    "language", ["xx", "", "de-DE-x-evil", "../../etc/passwd", "ar' OR 1=1--", "ع" * 300]
)
def test_unknown_language_code_falls_back_to_german(anon_client, language):
    response = anon_client.get("/sprache/", {"language": language, "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()


def test_unknown_accept_language_header_gives_german(anon_client):
    response = anon_client.get("/", headers={"accept-language": "xx"})
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()


def test_german_address_stays_german_whatever_the_browser_prefers(anon_client):
    response = anon_client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert '<html lang="de"' in response.content.decode()


def test_unknown_language_prefix_is_a_german_404_not_an_error(anon_client):
    response = anon_client.get("/xx/")
    assert response.status_code == 404
    assert '<html lang="de"' in response.content.decode()


def test_language_cookie_from_elsewhere_is_ignored(anon_client):
    anon_client.cookies["django_language"] = "xx"
    response = anon_client.get("/")
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()


def test_language_switch_refuses_foreign_redirect_targets(anon_client):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = anon_client.get("/sprache/", {"language": "en", "next": target})
        assert response.status_code == 302
        assert response["Location"] == "/en/", target


def test_language_switch_sets_no_cookie(anon_client):
    response = anon_client.get("/sprache/", {"language": "ar", "next": "/"})
    assert response.cookies == {}


def test_english_site_frame_is_fully_translated(anon_client):
    html = anon_client.get("/en/seite/impressum/").content.decode()
    for english in ("Skip to content", "Main navigation", "Services", "Paths into work",
                    "Share this page", "Service and legal", "Sign in (team and partners)"):  # fmt: skip
        assert english in html
    for german in ("Inhalt anspringen", "Seite teilen", "Hauptnavigation", "Anmelden (Team"):
        assert german not in html


def test_incomplete_languages_say_so_in_german_marked_as_german(anon_client):
    html = anon_client.get("/fa/").content.decode()
    assert '<p class="notice notice--lang" lang="de" dir="ltr">' in html
    assert "notice--lang" not in anon_client.get("/en/").content.decode()
