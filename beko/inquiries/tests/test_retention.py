from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from beko.core.models import AuditEntry
from beko.inquiries import services
from beko.inquiries.models import Attachment, Inquiry, Note, Reply, Status

from .conftest import PNG

pytestmark = pytest.mark.django_db

PERSONAL = [
    "Henriette Geheimname",
    "henriette.geheim@example.org",
    "0176 5550123",
    "Schmiedestraße 7 geheim",
]


def _database_dump() -> str:
    """Every row of every table of our apps and the audit log, as text."""
    models = [m for m in apps.get_models() if m._meta.app_label in {"inquiries", "faq", "core"}]
    return json.dumps(
        [json.loads(serializers.serialize("json", m._default_manager.all())) for m in models],
        ensure_ascii=False,
    )


@pytest.fixture
def old_closed_inquiry(anon_client, form_data, staff_client, staff_user, settings):
    form_data.update(
        name=PERSONAL[0], email=PERSONAL[1], phone=PERSONAL[2],
        question=f"Ich wohne {PERSONAL[3]} und frage zur Ausbildung.",
        attachment=SimpleUploadedFile("ausweis.png", PNG),
    )  # fmt: skip
    assert anon_client.post("/kontakt/", form_data).status_code == 302
    inquiry = Inquiry.objects.get()
    staff_client.get(f"/intern/inquiries/{inquiry.pk}/")
    services.inquiry_note_add(inquiry=inquiry, text=f"Rückruf an {PERSONAL[2]}", by=staff_user)
    services.inquiry_reply(
        inquiry=inquiry,
        subject=f"Hallo {PERSONAL[0]}",
        body=f"Liebe {PERSONAL[0]}, hier ist die Antwort.",
        via="phone",
        by=staff_user,
    )
    services.inquiry_transition(inquiry=inquiry, to=Status.CLOSED, by=staff_user)
    Inquiry.objects.filter(pk=inquiry.pk).update(closed_at=timezone.now() - timedelta(days=181))
    inquiry.refresh_from_db()
    return inquiry


def test_personal_data_is_present_before_retention(old_closed_inquiry):
    dump = _database_dump()
    assert all(value in dump for value in PERSONAL)


def test_retention_leaves_nothing_personal_and_keeps_statistics(old_closed_inquiry, settings):
    file_path = old_closed_inquiry.attachments.get().file.path
    out = StringIO()
    call_command("inquiries_anonymise", stdout=out)
    assert "1 inquiries anonymised" in out.getvalue()
    dump = _database_dump()
    for value in PERSONAL:
        assert value not in dump
    assert "ausweis.png" not in dump
    import os

    assert not os.path.exists(file_path)
    assert not any(p.is_file() for p in settings.PRIVATE_MEDIA_ROOT.rglob("*"))
    inquiry = Inquiry.objects.get()
    assert (inquiry.topic, inquiry.asker_type, inquiry.channel, inquiry.status) == (
        "training",
        "volunteers",
        "web",
        "closed",
    )
    assert inquiry.first_answered_at is not None and inquiry.created_at is not None
    assert Note.objects.count() == Reply.objects.count() == Attachment.objects.count() == 0
    # History stays (who did what when), details are emptied.
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"inquiries.viewed", "inquiries.note_added", "inquiries.anonymised"} <= actions
    assert not AuditEntry.objects.filter(object_id=str(inquiry.pk)).exclude(data={}).exists()


def test_retention_is_safe_to_run_repeatedly(old_closed_inquiry):
    assert services.inquiries_anonymise_expired() == 1
    first = Inquiry.objects.get().anonymised_at
    assert services.inquiries_anonymise_expired() == 0
    out = StringIO()
    call_command("inquiries_anonymise", stdout=out)
    assert "0 inquiries anonymised" in out.getvalue()
    assert Inquiry.objects.get().anonymised_at == first
    assert AuditEntry.objects.filter(action="inquiries.anonymised").count() == 1


def test_recent_and_open_inquiries_are_kept(old_closed_inquiry, make_inquiry, staff_user):
    open_old = make_inquiry()
    Inquiry.objects.filter(pk=open_old.pk).update(created_at=timezone.now() - timedelta(days=400))
    recent = make_inquiry()
    services.inquiry_transition(inquiry=recent, to=Status.CLOSED, by=staff_user)
    assert services.inquiries_anonymise_expired() == 1
    assert Inquiry.objects.filter(anonymised_at__isnull=True).count() == 2


def test_retention_period_comes_from_settings_and_the_task_runs(old_closed_inquiry, settings):
    from beko.inquiries.tasks import anonymise_expired_inquiries

    settings.BEKO_INQUIRY_RETENTION_DAYS = 365
    assert anonymise_expired_inquiries.enqueue().return_value == 0
    settings.BEKO_INQUIRY_RETENTION_DAYS = 90
    assert anonymise_expired_inquiries.enqueue().return_value == 1


def test_status_link_stops_working_after_anonymisation(anon_client, submitted, staff_user):
    url = f"/kontakt/status/{submitted.token}/"
    assert anon_client.get(url).status_code == 200
    services.inquiry_anonymise(inquiry=submitted.inquiry)
    assert anon_client.get(url).status_code == 404


def test_command_refuses_nonsense_days():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("inquiries_anonymise", "--days", "0")
