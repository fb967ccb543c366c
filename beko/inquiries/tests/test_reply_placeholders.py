"""Replies with placeholders: nothing half-done leaves the office, and the preview is what
the person sees (status page and e-mail come from the same rendering)."""

from __future__ import annotations

import re

import pytest

from beko.inquiries import services
from beko.inquiries.models import Reply, ReplyTemplate

pytestmark = pytest.mark.django_db
BASE = "/intern/inquiries/"


@pytest.fixture
def appointment_template(db):
    return ReplyTemplate.objects.create(
        title="Termin",
        subject="Ihre Anfrage {referenz}",
        body="Guten Tag {name},\n\nwir haben einen Termin für Sie: [[Termin]].\n\n…\n\n{bearbeiter}",
        topic="work",
    )


def _post(client, inquiry, **data):
    payload = {"via": "email", "subject": "Betreff", "action": "send"}
    payload.update(data)
    return client.post(f"{BASE}{inquiry.pk}/antworten/", payload)


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Termin am [[Datum]] um [[Uhrzeit]].", ["[[Datum]]", "[[Uhrzeit]]"]),
        ("Guten Tag,\n\n…\n\nGruß", ["…"]),
        ("Wir melden uns ... bald", ["..."]),
        ("Hallo {termin}", ["{termin}"]),
        ("[[Datum]] und nochmal [[Datum]]", ["[[Datum]]"]),
        ("Das usw… ist Text, Version 1.2... auch", []),
        ("Alles ausgefüllt: Montag, 10 Uhr.", []),
    ],
)
def test_unfilled_placeholders_are_named_in_order(text, missing):
    assert services.unfilled_placeholders(text) == missing


def test_template_fills_automatic_placeholders_and_keeps_the_inquiry_topic(
    staff_client, make_inquiry, appointment_template
):
    inquiry = make_inquiry(name="Erika Muster", topic="language")
    form = staff_client.get(
        f"{BASE}{inquiry.pk}/antworten/", {"vorlage": appointment_template.pk}
    ).context["form"]
    assert form.initial["subject"] == f"Ihre Anfrage {inquiry.reference} – Sprache"
    assert form.initial["body"].startswith("Guten Tag Erika Muster,")
    assert "[[Termin]]" in form.initial["body"]


def test_sending_with_placeholders_is_refused_naming_them_and_nothing_is_stored(
    staff_client, make_inquiry, appointment_template, mailoutbox
):
    inquiry = make_inquiry(email="erika@example.org")
    mailoutbox.clear()  # the confirmation of receipt
    body = "Guten Tag,\n\nTermin: [[Termin]] bei [[Ort]].\n\n…\n\nGruß"
    response = _post(staff_client, inquiry, body=body)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte füllen Sie zuerst alle Platzhalter aus" in html
    assert "„[[Termin]]“, „[[Ort]]“, „…“" in html
    assert not Reply.objects.exists()
    assert mailoutbox == []
    inquiry.refresh_from_db()
    assert inquiry.status == "new"


def test_placeholder_in_the_subject_is_refused_too(staff_client, make_inquiry):
    inquiry = make_inquiry()
    response = _post(staff_client, inquiry, subject="Termin [[Datum]]", body="Fertig.")
    assert response.status_code == 400
    assert "[[Datum]]" in response.content.decode()
    assert not Reply.objects.exists()


def test_service_refuses_placeholders_even_without_the_form(make_inquiry, staff_user):
    inquiry = make_inquiry()
    with pytest.raises(services.ReplyIncomplete) as error:
        services.inquiry_reply(
            inquiry=inquiry, subject="s", body="Bis [[Datum]]", via="phone", by=staff_user
        )
    assert error.value.missing == ["[[Datum]]"]
    assert not Reply.objects.exists()


def test_preview_shows_status_page_entry_and_mail_exactly_and_sends_nothing(
    staff_client, make_inquiry, anon_client, mailoutbox
):
    submission = services.inquiry_submit(
        data={"asker_type": "volunteers", "topic": "work", "name": "Ali",
              "question": "Darf sie arbeiten?", "email": "ali@example.org", "phone": ""}
    )  # fmt: skip
    inquiry = submission.inquiry
    mailoutbox.clear()
    body = "Ja, mit Erlaubnis <b>der</b> Ausländerbehörde.\n\nZweiter Absatz."
    response = _post(staff_client, inquiry, subject="Arbeit", body=body, action="preview")
    assert response.status_code == 200
    preview = response.context["preview"]
    html = response.content.decode()
    assert "Noch nicht gesendet" in html
    assert "&lt;b&gt;der&lt;/b&gt;" in html and "<b>der</b>" not in html
    assert preview.email_subject == f"[{inquiry.reference}] Arbeit"
    assert not Reply.objects.exists()
    assert mailoutbox == []

    # Sent: the mail is the previewed mail, the status page shows the previewed entry.
    assert _post(staff_client, inquiry, subject="Arbeit", body=body).status_code == 302
    sent = mailoutbox[-1]
    assert sent.subject == preview.email_subject
    assert sent.body == preview.email_body
    status_html = anon_client.get(services.status_url(submission.token)).content.decode()
    entry = html[html.index('<div class="reply-preview__status">') :]
    reply_text = entry[entry.index('<div class="reply-text">') : entry.index("</article>")]
    assert reply_text in status_html


def test_preview_with_placeholders_is_refused_as_well(staff_client, make_inquiry):
    inquiry = make_inquiry()
    response = _post(staff_client, inquiry, body="[[Antwort]]", action="preview")
    assert response.status_code == 400
    assert response.context["preview"] is None


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script> [[x]]", "'; DROP TABLE inquiries_reply; -- [[y]]",
     "مرحبا [[موعد]]", "\u202e[[Termin]]"],
)  # fmt: skip
def test_hostile_or_rtl_text_with_placeholders_is_refused_escaped(
    staff_client, make_inquiry, hostile
):
    inquiry = make_inquiry()
    response = _post(staff_client, inquiry, body=hostile)
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Reply.objects.exists()


def test_template_with_unknown_automatic_placeholder_is_refused(staff_client):
    data = {
        "title": "Neu",
        "subject": "Zu {referenz}",
        "body": "Am {termin} bei {ort}",
        "topic": "",
    }
    response = staff_client.post(f"{BASE}vorlagen/neu/", data)
    assert response.status_code == 200
    assert "Unbekannter Platzhalter: {ort}, {termin}" in response.content.decode()
    assert not ReplyTemplate.objects.exists()


def test_template_form_documents_the_placeholder_syntax(staff_client):
    html = staff_client.get(f"{BASE}vorlagen/neu/").content.decode()
    assert "[[Termin]]" in html and "{name}" in html


def test_preview_is_in_the_language_of_the_person(staff_client, make_inquiry):
    inquiry = make_inquiry(email="ali@example.org")
    inquiry.language = "en"
    inquiry.save(update_fields=["language"])
    response = _post(staff_client, inquiry, subject="Work", body="Yes.", action="preview")
    html = response.content.decode()
    status_part = html[html.index('<div class="reply-preview__status">') :]
    entry = status_part[: status_part.index("</article>")]
    assert "· E-Mail<" not in entry
    assert re.search(r"· E-?mail<", entry, re.IGNORECASE)
    assert "Referenznummer" not in response.context["preview"].email_body
    assert "Reference number" in response.context["preview"].email_body
