from __future__ import annotations

import pytest

from beko.inquiries import services

pytestmark = pytest.mark.django_db


def test_status_link_shows_only_that_inquiry_with_answers_but_no_notes(
    anon_client, submitted, make_inquiry, staff_user
):
    other = make_inquiry(question="Eine ganz andere Frage von jemand anderem.")
    inquiry = submitted.inquiry
    services.inquiry_note_add(inquiry=inquiry, text="GEHEIME INTERNE NOTIZ", by=staff_user)
    services.inquiry_reply(
        inquiry=inquiry,
        subject="Ihre Antwort",
        body="Ja, mit Erlaubnis.",
        via="phone",
        by=staff_user,
    )
    response = anon_client.get(f"/kontakt/status/{submitted.token}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert inquiry.reference in html
    assert inquiry.question in html
    assert "Ja, mit Erlaubnis." in html
    assert "Beantwortet" in html
    assert "GEHEIME INTERNE NOTIZ" not in html
    assert other.question not in html and other.reference not in html
    assert staff_user.username not in html
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("token", ["falsch", "x" * 43, "%27%20OR%201%3D1", "a" * 500])
def test_wrong_status_token_is_404(anon_client, submitted, token):
    assert anon_client.get(f"/kontakt/status/{token}/").status_code == 404


def test_status_page_has_no_share_block(anon_client, submitted):
    html = anon_client.get(f"/kontakt/status/{submitted.token}/").content.decode()
    assert 'class="share' not in html


def test_token_is_stored_only_as_hash(submitted):
    assert submitted.token not in submitted.inquiry.status_token_hash
    assert len(submitted.inquiry.status_token_hash) == 64
