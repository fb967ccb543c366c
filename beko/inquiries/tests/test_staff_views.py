from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beko.core.models import AuditEntry
from beko.inquiries.models import Inquiry, ReplyTemplate, Status

from .conftest import PDF

pytestmark = pytest.mark.django_db
BASE = "/intern/inquiries/"


def _staff_urls(inquiry, attachment_pk=1, template_pk=1):
    return [
        BASE, f"{BASE}telefon/", f"{BASE}{inquiry.pk}/", f"{BASE}{inquiry.pk}/antworten/",
        f"{BASE}{inquiry.pk}/faq/", f"{BASE}{inquiry.pk}/anhang/{attachment_pk}/",
        f"{BASE}vorlagen/", f"{BASE}vorlagen/neu/", f"{BASE}vorlagen/{template_pk}/",
        f"{BASE}zahlen/", f"{BASE}zahlen.csv", f"{BASE}auskunft/", "/intern/protokoll/",
    ]  # fmt: skip


def _close_file(response):
    # Reading a streamed file to the end closes it (the test client's wrapper); response.close()
    # would fire request_finished, which closes the test's database connection.
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.fixture
def inquiry_with_attachment(anon_client, form_data):
    form_data["attachment"] = SimpleUploadedFile("brief.pdf", PDF)
    anon_client.post("/kontakt/", form_data)
    return Inquiry.objects.get()


@pytest.fixture
def reply_template(db):
    return ReplyTemplate.objects.create(
        title="Standard", subject="Zu {referenz}", body="Guten Tag {name}, Ihre Frage zu {thema}."
    )


def test_anonymous_visitors_are_sent_to_login(anon_client, inquiry_with_attachment, reply_template):
    for url in _staff_urls(
        inquiry_with_attachment, inquiry_with_attachment.attachments.get().pk, reply_template.pk
    ):
        response = anon_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/konto/anmelden/"), url


def test_partner_editors_never_see_inquiries(
    partner_client, inquiry_with_attachment, reply_template
):
    for url in _staff_urls(
        inquiry_with_attachment, inquiry_with_attachment.attachments.get().pk, reply_template.pk
    ):
        response = partner_client.get(url)
        assert response.status_code == 403, url
        assert inquiry_with_attachment.question not in response.content.decode()
    for action in ("uebernehmen", "status", "notiz", "zuweisen", "zusammenfuehren"):
        assert (
            partner_client.post(
                f"{BASE}{inquiry_with_attachment.pk}/{action}/", {"status": "closed", "text": "x"}
            ).status_code
            == 403
        )
    inquiry_with_attachment.refresh_from_db()
    assert inquiry_with_attachment.status == Status.NEW
    assert inquiry_with_attachment.notes.count() == 0


def test_staff_see_every_page(staff_client, inquiry_with_attachment, reply_template):
    for url in _staff_urls(
        inquiry_with_attachment, inquiry_with_attachment.attachments.get().pk, reply_template.pk
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        _close_file(response)


def test_staff_without_second_factor_are_sent_to_it(make_user, inquiry_with_attachment):
    from django.test import Client

    client = Client()
    client.force_login(make_user(username="neu"))
    for url in (BASE, f"{BASE}{inquiry_with_attachment.pk}/", "/intern/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/zwei-faktor/einrichten/")


def test_unknown_inquiry_is_404_for_staff(staff_client):
    assert staff_client.get(f"{BASE}999999/").status_code == 404


def test_viewing_an_inquiry_is_audit_logged(staff_client, staff_user, make_inquiry):
    inquiry = make_inquiry()
    html = staff_client.get(f"{BASE}{inquiry.pk}/").content.decode()
    assert inquiry.question in html
    entry = AuditEntry.objects.get(action="inquiries.viewed")
    assert entry.actor == staff_user
    assert entry.object_repr == inquiry.reference


def test_queue_lists_open_inquiries_oldest_first_and_flags_overdue(staff_client, make_inquiry):
    from datetime import timedelta

    from django.utils import timezone

    old, fresh = make_inquiry(), make_inquiry()
    Inquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    closed = make_inquiry()
    Inquiry.objects.filter(pk=closed.pk).update(status=Status.CLOSED)
    response = staff_client.get(BASE)
    html = response.content.decode()
    assert html.index(old.reference) < html.index(fresh.reference)
    assert closed.reference not in html
    rows = {row["inquiry"].pk: row["overdue"] for row in response.context["rows"]}
    assert rows == {old.pk: True, fresh.pk: False}
    assert "überfällig" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"thema": "language"}, {"lang"}),
        ({"wer": "employers"}, {"emp"}),
        ({"wer": "employer"}, {"emp"}),  # a bookmark from before the shared codes
        ({"status": "alle"}, {"lang", "emp", "closed"}),
        ({"status": "closed"}, {"closed"}),
        ({"zustaendig": "niemand"}, {"emp", "closed"}),
        ({"zustaendig": "ich"}, {"lang"}),
        ({"alter": "ueberfaellig"}, set()),
        ({"q": "Kinderbetreuung"}, {"lang"}),
        ({"thema": "'; DROP TABLE x; --", "wer": "<script>"}, {"lang", "emp"}),
    ],
)
def test_queue_filters(staff_client, staff_user, make_inquiry, params, expected):
    from beko.inquiries import services

    made = {
        "lang": make_inquiry(topic="language", question="Deutschkurs mit Kinderbetreuung?"),
        "emp": make_inquiry(asker_type="employers"),
        "closed": make_inquiry(),
    }
    services.inquiry_claim(inquiry=made["lang"], by=staff_user)
    Inquiry.objects.filter(pk=made["closed"].pk).update(status=Status.CLOSED)
    if params.get("status") != "closed" and params.get("status") != "alle":
        expected = expected - {"closed"}
    response = staff_client.get(BASE, params)
    assert response.status_code == 200
    shown = {row["inquiry"].pk for row in response.context["rows"]}
    assert shown == {made[key].pk for key in expected}


def test_staff_claim_note_and_status_through_the_views(staff_client, staff_user, make_inquiry):
    inquiry = make_inquiry()
    assert staff_client.post(f"{BASE}{inquiry.pk}/uebernehmen/").status_code == 302
    assert (
        staff_client.post(
            f"{BASE}{inquiry.pk}/notiz/", {"text": "Rückruf vereinbart <b>"}
        ).status_code
        == 302
    )
    assert (
        staff_client.post(f"{BASE}{inquiry.pk}/status/", {"status": "waiting"}).status_code == 302
    )
    inquiry.refresh_from_db()
    assert (inquiry.assignee, inquiry.status) == (staff_user, Status.WAITING)
    assert inquiry.notes.get().text == "Rückruf vereinbart <b>"
    response = staff_client.post(f"{BASE}{inquiry.pk}/status/", {"status": "new"})
    assert response.status_code == 409
    assert "kein Statuswechsel möglich" in response.content.decode()
    assert staff_client.post(f"{BASE}{inquiry.pk}/notiz/", {"text": ""}).status_code == 400


def test_assign_to_another_team_member(staff_client, make_user, make_inquiry):
    colleague = make_user(username="kollegin")
    inquiry = make_inquiry()
    assert (
        staff_client.post(f"{BASE}{inquiry.pk}/zuweisen/", {"assignee": colleague.pk}).status_code
        == 302
    )
    inquiry.refresh_from_db()
    assert inquiry.assignee == colleague
    # A partner is not a valid assignee.
    from beko.accounts.models import Role

    partner = make_user(username="p2", role=Role.PARTNER)
    staff_client.post(f"{BASE}{inquiry.pk}/zuweisen/", {"assignee": partner.pk})
    inquiry.refresh_from_db()
    assert inquiry.assignee == colleague


def test_reply_from_template_is_mailed_over_smtp_and_stored(
    staff_client, make_inquiry, reply_template, smtp_server
):
    inquiry = make_inquiry(name="Erika Muster", email="erika@example.org")
    form = staff_client.get(
        f"{BASE}{inquiry.pk}/antworten/", {"vorlage": reply_template.pk}
    ).context["form"]
    assert form.initial["body"] == "Guten Tag Erika Muster, Ihre Frage zu Arbeit."
    assert form.initial["subject"] == f"Zu {inquiry.reference} – Arbeit"
    response = staff_client.post(
        f"{BASE}{inquiry.pk}/antworten/",
        {
            "via": "email",
            "subject": form.initial["subject"],
            "body": "Ja, das geht – mit Erlaubnis.",
        },
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Status.ANSWERED
    reply = inquiry.replies.get()
    assert reply.sent_to == "erika@example.org"
    mail = smtp_server.messages[-1]
    assert mail["To"] == "erika@example.org"
    assert mail["Subject"] == f"[{inquiry.reference}] Zu {inquiry.reference} – Arbeit"
    assert mail["Reply-To"]
    assert "Ja, das geht – mit Erlaubnis." in mail.get_body(("plain",)).get_content()


def test_phone_inquiry_entered_by_staff(staff_client, staff_user):
    response = staff_client.post(
        f"{BASE}telefon/",
        {"asker_type": "associations", "topic": "language", "question": "Gibt es Kurse am Abend in Barmen?",
         "phone": "0202 555 123", "consent": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert (inquiry.channel, inquiry.created_by) == ("phone", staff_user)
    assert staff_client.post(f"{BASE}telefon/", {"asker_type": "associations"}).status_code == 400


def test_attachment_download_only_for_staff_and_logged(
    staff_client, anon_client, partner_client, inquiry_with_attachment
):
    attachment = inquiry_with_attachment.attachments.get()
    url = f"{BASE}{inquiry_with_attachment.pk}/anhang/{attachment.pk}/"
    response = staff_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="inquiries.attachment_downloaded").count() == 1
    assert partner_client.get(url).status_code == 403
    assert anon_client.get(url).status_code == 302
    other = Inquiry.objects.create(
        reference="BK-ZZZZ-ZZZZ",
        asker_type="other",
        topic="other",
        question="x",
        created_at=inquiry_with_attachment.created_at,
    )
    assert staff_client.get(f"{BASE}{other.pk}/anhang/{attachment.pk}/").status_code == 404


def test_make_faq_entry_refuses_personal_data_then_publishes(
    staff_client, staff_user, make_inquiry, anon_client
):
    from beko.inquiries import services

    inquiry = make_inquiry(name="Max Beispiel", email="max@example.org")
    services.inquiry_reply(
        inquiry=inquiry, subject="A", body="Mit Erlaubnis ja.", via="phone", by=staff_user
    )
    data = {"question": "Darf Max Beispiel arbeiten?", "answer": "Ruf an: 0202 123456", "topic": "work",
            "audiences": ["volunteers"], "position": 10, "publish": "on"}  # fmt: skip
    response = staff_client.post(f"{BASE}{inquiry.pk}/faq/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "personenbezogene Daten" in html and "Telefonnummer" in html
    data.update(
        question="Darf eine Person mit Gestattung arbeiten?",
        answer="Mit Erlaubnis der Ausländerbehörde ja.",
    )
    assert staff_client.post(f"{BASE}{inquiry.pk}/faq/", data).status_code == 302
    inquiry.refresh_from_db()
    entry = inquiry.faq_entry
    assert entry.is_published
    assert "Gestattung" in anon_client.get("/fragen/").content.decode()


def test_reply_templates_crud(staff_client):
    data = {"title": "Neu", "subject": "Betreff {referenz}", "body": "Text", "topic": ""}
    assert staff_client.post(f"{BASE}vorlagen/neu/", data).status_code == 302
    template = ReplyTemplate.objects.get()
    data["title"] = "Umbenannt"
    assert staff_client.post(f"{BASE}vorlagen/{template.pk}/", data).status_code == 302
    template.refresh_from_db()
    assert template.title == "Umbenannt"
    assert staff_client.post(f"{BASE}vorlagen/{template.pk}/loeschen/").status_code == 302
    assert not ReplyTemplate.objects.exists()


def test_monthly_numbers_table_chart_and_csv(staff_client, staff_user, make_inquiry):
    from datetime import timedelta

    from beko.inquiries import services

    a, b = make_inquiry(topic="work"), make_inquiry(topic="language", asker_type="employers")
    make_inquiry(topic="work")
    for inquiry, hours in ((a, 4), (b, 10)):
        Inquiry.objects.filter(pk=inquiry.pk).update(
            created_at=inquiry.created_at - timedelta(hours=hours)
        )
        inquiry.refresh_from_db()
        services.inquiry_reply(inquiry=inquiry, subject="s", body="b", via="phone", by=staff_user)
    response = staff_client.get(f"{BASE}zahlen/")
    numbers = response.context["numbers"]
    assert numbers["total"] == 3
    assert {r["code"]: r["count"] for r in numbers["by_topic"]}["work"] == 2
    assert {r["code"]: r["count"] for r in numbers["by_asker_type"]}["employers"] == 1
    assert numbers["median_hours"] == pytest.approx(7.0, abs=0.1)
    html = response.content.decode()
    assert (
        "<svg" in html
        and "<rect" in html
        and "style=" not in html.split("<svg", 1)[1].split("</svg>")[0]
    )
    csv_response = staff_client.get(f"{BASE}zahlen.csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    text = csv_response.content.decode("utf-8-sig")
    assert "Thema;Arbeit;2" in text
    assert staff_client.get(f"{BASE}zahlen/", {"monat": "2026-13"}).status_code == 200


def test_subject_access_export_is_json_with_everything_and_logged(
    staff_client, staff_user, make_inquiry
):
    from beko.inquiries import services

    mine = make_inquiry(email="Erika@Example.org", name="Erika")
    services.inquiry_note_add(inquiry=mine, text="intern", by=staff_user)
    make_inquiry(email="other@example.org")
    response = staff_client.post(f"{BASE}auskunft/", {"email": "erika@example.org"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    payload = json.loads(response.content)
    assert [i["reference"] for i in payload["inquiries"]] == [mine.reference]
    assert payload["inquiries"][0]["internal_notes"][0]["text"] == "intern"
    assert AuditEntry.objects.filter(action="inquiries.exported", object_id=str(mine.pk)).exists()
    assert staff_client.post(f"{BASE}auskunft/", {}).status_code == 400


def test_subject_access_by_phone_number_in_another_format(staff_client, make_inquiry):
    mine = make_inquiry(email="", phone="0202 / 98 76 54")
    payload = json.loads(staff_client.post(f"{BASE}auskunft/", {"phone": "0202987654"}).content)
    assert [i["reference"] for i in payload["inquiries"]] == [mine.reference]


def test_merge_through_the_view_by_reference(staff_client, make_inquiry):
    main, dup = make_inquiry(), make_inquiry()
    response = staff_client.post(
        f"{BASE}{dup.pk}/zusammenfuehren/", {"into": main.reference.lower()}
    )
    assert response.status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into == main
    assert (
        staff_client.post(f"{BASE}{main.pk}/zusammenfuehren/", {"into": "BK-NOPE-NOPE"}).status_code
        == 400
    )


def test_audit_log_page_lists_and_filters(staff_client, make_inquiry):
    inquiry = make_inquiry()
    staff_client.get(f"{BASE}{inquiry.pk}/")
    html = staff_client.get("/intern/protokoll/", {"aktion": "inquiries.viewed"}).content.decode()
    assert inquiry.reference in html
    assert "inquiries.viewed" in html
