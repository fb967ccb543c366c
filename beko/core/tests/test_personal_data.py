"""One person everywhere: the Art. 15 export finds them in every app, erasure removes them
everywhere, retention clears what has outlived its period (docs/data-map.md)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessLog
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from beko.accounts.models import Role, User
from beko.core.privacy import Subject, retention_run, subject_erase, subject_export
from beko.directory import services as directory_services
from beko.directory.models import ImportJob, Offer, OfferReport, Organisation
from beko.events import services as event_services
from beko.events.models import Event, NetworkContact, Registration
from beko.inquiries import services as inquiry_services
from beko.inquiries.models import Attachment, Inquiry

pytestmark = pytest.mark.django_db

EMAIL = "Erika.Muster@Example.org"
PHONE = "0202 / 12 34 56"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def erika(staff_user: Any, settings: Any) -> dict[str, Any]:
    """Erika Muster in every place that can hold a person's data."""
    organisation = Organisation.objects.create(name="Verein Brücke e. V.", slug="bruecke")
    inquiry = inquiry_services.inquiry_submit(
        data={
            "asker_type": "volunteers", "topic": "work", "question": "Darf ich helfen?",
            "name": "Erika Muster", "email": EMAIL.lower(), "phone": PHONE,
        },
        attachment=(SimpleUploadedFile("zeugnis.pdf", PDF), "application/pdf", "pdf"),
    ).inquiry  # fmt: skip
    inquiry_services.inquiry_note_add(inquiry=inquiry, text="Rückruf vereinbart", by=staff_user)
    start = timezone.now() + timedelta(days=10)
    event = Event.objects.create(
        title_de="Sprachcafé", slug="sprachcafe", category=Event.Category.MEET_EAT,
        status=Event.Status.PUBLISHED, starts_at=start, ends_at=start + timedelta(hours=2),
        registration_required=True, capacity=5, online_url="https://example.org/raum",
        ask_questions=True,
    )  # fmt: skip
    registration = event_services.registration_create(
        event=event,
        data=event_services.RegistrationInput(
            name="Erika Muster", email=EMAIL, accessibility_needs="Rollstuhl", questions="Parken?"
        ),
        language="de",
    )
    contact = NetworkContact.objects.create(
        organisation=organisation, name="Erika Muster", email=EMAIL.lower(),
        phone="0202-123456", legal_basis=NetworkContact.LegalBasis.CONSENT,
    )  # fmt: skip
    offer = Offer.objects.create(
        title="Sprachkurs", summary="A1", organisation=organisation,
        contact_name="Erika Muster", contact_email=EMAIL.lower(), last_verified_at=timezone.now(),
    )  # fmt: skip
    report = directory_services.offer_report_create(
        offer=offer, message="Kurs fällt aus", email=EMAIL.lower()
    )
    partner = User.objects.create_user(
        username="erika", email=EMAIL.lower(), password="x-Passwort-2026!",
        first_name="Erika", last_name="Muster", role=Role.PARTNER, organisation=organisation,
    )  # fmt: skip
    AccessLog.objects.create(username="erika", ip_address="198.51.100.7", user_agent="Firefox")
    return {
        "inquiry": inquiry, "registration": registration, "contact": contact, "offer": offer,
        "report": report, "partner": partner,
    }  # fmt: skip


def test_export_covers_every_place_of_the_person(erika: Any, staff_user: Any) -> None:
    payload = subject_export(subject=Subject(email=EMAIL), by=staff_user)
    text = json.dumps(payload, ensure_ascii=False)
    [inquiry] = payload["inquiries"]
    assert inquiry["reference"] == erika["inquiry"].reference
    assert inquiry["internal_notes"][0]["text"] == "Rückruf vereinbart"
    [attachment] = inquiry["attachments"]
    assert base64.b64decode(attachment["content_base64"]) == PDF
    [registration] = payload["events"]["registrations"]
    assert registration["accessibility_needs"] == "Rollstuhl"
    assert registration["questions"] == "Parken?"
    assert payload["events"]["network_contacts"][0]["phone"] == "0202-123456"
    assert payload["directory"]["offer_reports"][0]["message"] == "Kurs fällt aus"
    assert payload["directory"]["offer_contacts"][0]["contact_name"] == "Erika Muster"
    [account] = payload["accounts"]
    assert account["username"] == "erika" and account["logins"][0]["client"] == "198.51.100.7"
    assert "Erika Muster" in text


def test_export_by_phone_finds_inquiry_and_contact(erika: Any, staff_user: Any) -> None:
    payload = subject_export(subject=Subject(phone="0202123456"), by=staff_user)
    assert [i["reference"] for i in payload["inquiries"]] == [erika["inquiry"].reference]
    assert [c["name"] for c in payload["events"]["network_contacts"]] == ["Erika Muster"]


def test_staff_export_view_covers_every_app(erika: Any, staff_client: Any) -> None:
    response = staff_client.post("/intern/inquiries/auskunft/", {"email": EMAIL})
    payload = json.loads(response.content)
    assert {"inquiries", "events", "directory", "accounts"} <= payload.keys()
    assert payload["events"]["registrations"] and payload["accounts"]


def test_erasure_removes_the_person_everywhere(erika: Any, staff_user: Any, settings: Any) -> None:
    counts = subject_erase(subject=Subject(email=EMAIL, phone=PHONE), by=staff_user)
    assert all(counts[name] >= 1 for name in ("inquiries", "events", "directory", "accounts"))

    inquiry = Inquiry.objects.get(pk=erika["inquiry"].pk)
    assert inquiry.anonymised_at and not (inquiry.name or inquiry.email or inquiry.question)
    assert not Attachment.objects.exists()
    assert not any(p.is_file() for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*"))
    registration = Registration.objects.get(pk=erika["registration"].pk)
    assert registration.status == Registration.Status.CANCELLED
    assert not (registration.name or registration.email or registration.accessibility_needs)
    assert not NetworkContact.objects.exists() and not OfferReport.objects.exists()
    offer = Offer.objects.get(pk=erika["offer"].pk)
    assert not (offer.contact_name or offer.contact_email)
    partner = User.objects.get(pk=erika["partner"].pk)
    assert not partner.is_active and "erika" not in partner.username.lower()
    assert not partner.has_usable_password() and not AccessLog.objects.exists()

    after = subject_export(subject=Subject(email=EMAIL), by=staff_user)
    del after["subject"]
    assert "Erika" not in json.dumps(after) and "Rollstuhl" not in json.dumps(after)


def test_erase_command_needs_confirmation(erika: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("privacy_erase", email=EMAIL)
    assert Inquiry.objects.get().email
    call_command("privacy_erase", email=EMAIL, yes=True)
    assert not Inquiry.objects.get().email


def test_retention_clears_reports_stale_inquiries_imports_and_login_records(
    erika: Any, settings: Any
) -> None:
    later = timezone.now() + timedelta(days=400)
    job = ImportJob.objects.create(original_name="kontakte.csv", file="imports/x.upload")
    (Path(settings.PRIVATE_MEDIA_ROOT) / "imports").mkdir(parents=True)
    (Path(settings.PRIVATE_MEDIA_ROOT) / "imports/x.upload").write_text("Erika;erika@example.org")

    result = retention_run(now=later)

    assert result["directory"]["reports_deleted"] == 1
    assert not OfferReport.objects.exists()
    # Never closed, untouched for over a year: anonymised all the same.
    inquiry = Inquiry.objects.get(pk=erika["inquiry"].pk)
    assert inquiry.status != "closed" and inquiry.anonymised_at and not inquiry.email
    assert result["inquiries"]["stale_anonymised"] == 1
    assert not ImportJob.objects.filter(pk=job.pk).exists()
    assert not (Path(settings.PRIVATE_MEDIA_ROOT) / "imports/x.upload").exists()
    assert not AccessLog.objects.exists()
    # Past events' registrations too (the event ended long before `later`).
    assert Registration.objects.get(pk=erika["registration"].pk).anonymised_at


def test_retention_keeps_what_is_still_within_its_period(erika: Any) -> None:
    retention_run(now=timezone.now() + timedelta(days=1))
    assert OfferReport.objects.exists() and Inquiry.objects.get().email
    assert AccessLog.objects.exists()


def test_retention_command_prints_counts(erika: Any, capsys: Any) -> None:
    call_command("privacy_retention")
    counts = json.loads(capsys.readouterr().out)
    assert {"inquiries", "events", "directory", "accounts"} <= counts.keys()
