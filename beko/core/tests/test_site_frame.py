import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_german_with_skip_link_first(anon_client):
    response = anon_client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de" dir="ltr">' in html
    body = html.split("<body", 1)[1]
    assert body.index('class="skip-link"') < body.index("<header")
    assert "Inhalt anspringen" in html


def test_arabic_pages_render_right_to_left(anon_client):
    response = anon_client.get("/ar/")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_unknown_language_code_falls_back_to_german(anon_client):
    response = anon_client.get("/sprache/", {"language": "xx", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()


def test_language_switch_refuses_foreign_redirect_targets(anon_client):
    response = anon_client.get("/sprache/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_footer_pages_are_seeded_and_marked_as_templates(anon_client):
    for slug in (
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "leichte-sprache",
        "gebaerdensprache",
    ):
        response = anon_client.get(f"/seite/{slug}/")
        assert response.status_code == 200, slug
        assert "Mustertext" in response.content.decode()


def test_anonymous_home_page_sets_no_cookies(anon_client):
    response = anon_client.get("/")
    assert response.cookies == {}


def test_security_headers_are_sent(anon_client):
    response = anon_client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=(self)" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_healthz_reports_database_and_migrations(anon_client):
    response = anon_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}
