from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beko.inquiries.models import Attachment, Inquiry

from .conftest import EXE, PDF, PNG

pytestmark = pytest.mark.django_db
URL = "/kontakt/"


def test_contact_page_shows_hotline_and_form(anon_client, settings):
    response = anon_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert settings.BEKO_OFFICE["hotline"] in html
    assert settings.BEKO_OFFICE["hotline_hours"] in html
    assert 'name="question"' in html
    assert reverse("core:page", args=["datenschutz"]) in html
    assert reverse("inquiries:contact") == URL


def test_volunteer_submits_inquiry_and_lands_on_status_page(anon_client, form_data):
    response = anon_client.post(URL, form_data)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert response["Location"].startswith("/kontakt/status/")
    assert inquiry.email == "erika@example.org"
    assert inquiry.status == "new"
    assert inquiry.channel == "web"
    assert inquiry.consent_at is not None
    page = anon_client.get(response["Location"])
    assert inquiry.reference in page.content.decode()


def test_confirmation_mail_is_sent_over_smtp_and_well_formed(anon_client, form_data, smtp_server):
    response = anon_client.post(URL, form_data)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["To"] == "erika@example.org"
    assert inquiry.reference in mail["Subject"]
    assert mail["Message-ID"] and mail["Date"]
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail.get_content_type() == "text/plain"
    body = mail.get_body(("plain",)).get_content()
    assert "Erika Muster" in body
    assert "http://127.0.0.1:8000" + response["Location"] in body
    assert smtp_server.envelopes[0].rcpt_tos == ["erika@example.org"]


def test_phone_only_inquiry_is_accepted_without_mail(anon_client, form_data, smtp_server):
    form_data.update(email="", phone="+49 202 123456")
    assert anon_client.post(URL, form_data).status_code == 302
    assert Inquiry.objects.get().phone == "+49 202 123456"
    assert smtp_server.messages == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"question": ""}, "question", "Bitte schreiben Sie Ihre Frage"),
        ({"question": "x" * 5001}, "question", "höchstens 5000 Zeichen, Sie haben 5001"),
        ({"email": "kein-at-zeichen"}, "email", "gültige E-Mail-Adresse"),
        ({"email": "", "phone": ""}, "email", "E-Mail-Adresse oder eine Telefonnummer"),
        ({"phone": "<script>", "email": ""}, "phone", "Ziffern"),
        ({"consent": ""}, "consent", "Datenschutzhinweise"),
        ({"topic": "'; DROP TABLE inquiries_inquiry; --"}, "topic", "Thema aus der Liste"),
        ({"asker_type": ""}, "asker_type", "als wer Sie fragen"),
    ],
)
def test_bad_input_gets_clear_message_and_nothing_is_stored(
    anon_client, form_data, changes, field, message
):
    form_data.update(changes)
    response = anon_client.post(URL, form_data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert Inquiry.objects.count() == 0


def test_typed_input_survives_a_validation_error(anon_client, form_data):
    form_data.update(email="falsch", question="Meine ausführliche Frage mit ümläuten und مرحبا")
    html = anon_client.post(URL, form_data).content.decode()
    assert "Meine ausführliche Frage mit ümläuten und مرحبا" in html
    assert 'value="Erika Muster"' in html
    assert 'value="falsch"' in html
    assert 'value="training" selected' in html
    assert "Ihre Eingaben bleiben erhalten" in html


def test_html_and_script_are_stored_as_text_and_rendered_escaped(
    anon_client, form_data, staff_client
):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    form_data.update(question=f"Frage {payload}", name=payload[:100])
    location = anon_client.post(URL, form_data)["Location"]
    inquiry = Inquiry.objects.get()
    assert inquiry.question == f"Frage {payload}"
    for html in (
        anon_client.get(location).content.decode(),
        staff_client.get(f"/intern/inquiries/{inquiry.pk}/").content.decode(),
    ):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_unicode_rtl_and_sql_like_text_are_kept_verbatim(anon_client, form_data):
    text = "سلام، آیا می‌توانم کار کنم؟ ' OR 1=1; -- ‮ Привет 👋"
    form_data.update(question=text, name="Zoë O'Brien-Ünal")
    assert anon_client.post(URL, form_data).status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.question == text
    assert inquiry.name == "Zoë O'Brien-Ünal"


def test_null_byte_is_refused(anon_client, form_data):
    form_data.update(question="Frage mit \x00 Nullbyte darin")
    assert anon_client.post(URL, form_data).status_code == 400
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [("brief.pdf", PDF, "application/pdf"), ("foto.PNG", PNG, "image/png")],
)
def test_pdf_and_png_attachments_are_stored_privately(
    anon_client, form_data, settings, name, content, mime
):
    form_data["attachment"] = SimpleUploadedFile(
        name, content, content_type="application/octet-stream"
    )
    assert anon_client.post(URL, form_data).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == mime
    assert attachment.original_name == name
    path = attachment.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert name not in path  # stored under a random name


def test_exe_renamed_to_pdf_is_refused_and_nothing_stored(anon_client, form_data, settings):
    form_data["attachment"] = SimpleUploadedFile(
        "rechnung.pdf", EXE, content_type="application/pdf"
    )
    response = anon_client.post(URL, form_data)
    assert response.status_code == 400
    assert "kein PDF-, JPG- oder PNG-Dokument" in response.content.decode()
    assert (
        "Einen Anhang müssen Sie aus Sicherheitsgründen erneut auswählen"
        in response.content.decode()
    )
    assert Inquiry.objects.count() == 0
    assert Attachment.objects.count() == 0
    root = settings.PRIVATE_MEDIA_ROOT
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_attachment_over_five_megabytes_is_refused(anon_client, form_data):
    big = PDF + b"0" * (5 * 1024 * 1024)
    form_data["attachment"] = SimpleUploadedFile("gross.pdf", big, content_type="application/pdf")
    response = anon_client.post(URL, form_data)
    assert response.status_code == 400
    assert "zu groß" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_request_body_far_over_the_limit_is_refused_before_reading(anon_client, form_data):
    response = anon_client.post(URL, form_data, CONTENT_LENGTH=str(50 * 1024 * 1024))
    assert response.status_code == 413
    assert "zu groß" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_honeypot_pretends_success_but_stores_nothing(anon_client, form_data, smtp_server):
    form_data["website"] = "http://spam.example"
    response = anon_client.post(URL, form_data)
    assert response.status_code == 302
    assert response["Location"] == URL
    assert Inquiry.objects.count() == 0
    assert smtp_server.messages == []


def test_rate_limit_per_address_gives_german_message(anon_client, form_data, settings):
    settings.BEKO_INQUIRY_RATE_PER_ADDRESS = "2/h"
    for _ in range(2):
        assert anon_client.post(URL, form_data).status_code == 302
    response = anon_client.post(URL, form_data)
    assert response.status_code == 429
    assert "sehr viele Anfragen" in response.content.decode()
    assert Inquiry.objects.count() == 2


def test_rate_limit_per_ip_applies_across_addresses(anon_client, form_data, settings):
    settings.BEKO_INQUIRY_RATE_PER_IP = "2/h"
    for n in range(2):
        form_data["email"] = f"person{n}@example.org"
        assert anon_client.post(URL, form_data).status_code == 302
    form_data["email"] = "noch-jemand@example.org"
    assert anon_client.post(URL, form_data).status_code == 429
    assert Inquiry.objects.count() == 2


def test_preview_shows_matching_faq_without_storing(anon_client, form_data, faq_entry):
    form_data["action"] = "preview"
    form_data["question"] = "Darf jemand mit Duldung eine Ausbildung anfangen?"
    response = anon_client.post(URL, form_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert faq_entry.get_absolute_url() in html
    assert "Erika Muster" in html
    assert Inquiry.objects.count() == 0


def test_suggestions_fragment_matches_typed_question(anon_client, faq_entry):
    response = anon_client.get(
        "/kontakt/vorschlaege/",
        {"question": "ausbildung duldung", "topic": "training"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert faq_entry.get_absolute_url() in html
    assert (
        anon_client.get("/kontakt/vorschlaege/", {"question": "zzzz qqqq"}).content.decode().strip()
        == ""
    )


def test_contact_form_keeps_csrf_protection(form_data):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, form_data).status_code == 403
    assert Inquiry.objects.count() == 0
