"""Staff edit the info pages (Impressum, Datenschutz, …); nobody else may."""

import pytest
from django.urls import reverse

from beko.core.lib.sanitize import sanitize_html
from beko.core.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return Page.objects.get(slug="datenschutz")


def _form(page, **changes):
    data = {
        "title": page.title_de,
        "intro": page.intro_de,
        "body": page.body_de,
        "placement": page.placement,
        "position": page.position,
    }
    data.update(changes)
    return data


def _edit_url(page):
    return reverse("core:staff_page_edit", args=[page.pk])


def test_staff_sees_every_info_page_in_the_list(staff_client):
    html = staff_client.get("/intern/seiten/").content.decode()
    for page in Page.objects.all():
        assert _edit_url(page) in html


def test_staff_saves_a_page_and_sees_it_publicly(staff_client, staff_user, page):
    response = staff_client.post(
        _edit_url(page),
        _form(page, title="Datenschutz", body="<h2>Wer</h2><p>Die BeKo.</p>"),
        follow=True,
    )
    assert response.redirect_chain == [("/intern/seiten/", 302)]
    assert "Die Seite wurde gespeichert." in response.content.decode()
    page.refresh_from_db()
    assert page.title_de == "Datenschutz"
    assert page.updated_by == staff_user
    html = staff_client.get("/seite/datenschutz/").content.decode()
    assert "<h2>Wer</h2><p>Die BeKo.</p>" in html


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ('<p onclick="alert(1)">Text</p>', "<p>Text</p>"),
        ("<script>alert(1)</script><p>Text</p>", "<p>Text</p>"),
        ('<a href="javascript:alert(1)">Link</a>', '<a rel="noopener noreferrer">Link</a>'),
        ('<p style="color:red">Text</p>', "<p>Text</p>"),
        ('<img src="https://tracker.example/p.gif"><p>Text</p>', "<p>Text</p>"),
        ('<iframe src="https://evil.example"></iframe><p>Text</p>', "<p>Text</p>"),
        ("<p>\u202eRTL-Override und عربي</p>", "<p>\u202eRTL-Override und عربي</p>"),
    ],
)
def test_page_html_from_staff_is_sanitised_before_it_is_stored(
    staff_client, page, hostile, expected
):
    staff_client.post(_edit_url(page), _form(page, body=hostile))
    page.refresh_from_db()
    assert page.body_de == expected
    assert expected in staff_client.get("/seite/datenschutz/").content.decode()


def test_allowed_markup_survives_sanitising():
    html = '<h2 lang="en">Title</h2><ul><li><a href="https://example.org" title="x">a</a></li></ul>'
    assert sanitize_html(html) == (
        '<h2 lang="en">Title</h2><ul><li><a href="https://example.org" title="x" '
        'rel="noopener noreferrer">a</a></li></ul>'
    )


def test_invalid_page_form_keeps_the_input_and_changes_nothing(staff_client, page):
    before = page.body_de
    response = staff_client.post(
        _edit_url(page), _form(page, title="", body="<p>Mein neuer Text</p>", position="-3")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "&lt;p&gt;Mein neuer Text&lt;/p&gt;" in html  # nothing lost
    page.refresh_from_db()
    assert page.body_de == before


def test_oversized_page_body_is_refused(staff_client, page):
    response = staff_client.post(_edit_url(page), _form(page, body="x" * 100_001))
    assert response.status_code == 200
    assert "höchstens 100000 Zeichen" in response.content.decode()


def test_unknown_page_is_404_for_staff(staff_client):
    assert staff_client.get(reverse("core:staff_page_edit", args=[999999])).status_code == 404


def test_partner_editor_cannot_edit_pages(partner_client, page):
    assert partner_client.get("/intern/seiten/").status_code == 403
    assert partner_client.get(_edit_url(page)).status_code == 403
    response = partner_client.post(_edit_url(page), _form(page, title="Gehackt"))
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.title_de != "Gehackt"


def test_anonymous_visitor_is_sent_to_login_from_page_editing(anon_client, page):
    response = anon_client.post(_edit_url(page), _form(page, title="Gehackt"))
    assert response.status_code == 302
    assert response["Location"] == f"/konto/anmelden/?next={_edit_url(page)}"
    page.refresh_from_db()
    assert page.title_de != "Gehackt"
