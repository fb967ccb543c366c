from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from beko.core.models import AuditEntry
from beko.events import services

pytestmark = pytest.mark.django_db

STAFF = "/intern/events"


def test_staff_access_to_participants_is_audited_without_personal_data(
    staff_client, event, register
):
    registration = register(event, "amina@example.org", name="Amina Yusuf")
    staff_client.get(f"{STAFF}/{event.pk}/teilnehmende/")
    staff_client.get(f"{STAFF}/{event.pk}/teilnehmende/export.csv")
    staff_client.post(f"{STAFF}/{event.pk}/einlass/", {"code": registration.ticket_code})
    staff_client.post(f"{STAFF}/{event.pk}/teilnehmende/{registration.pk}/stornieren/")
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "events.participants_viewed",
        "events.participants_exported",
        "events.checked_in",
        "events.registration_cancelled",
    ]
    assert set(AuditEntry.objects.values_list("actor_label", flat=True)) == {"team"}
    dump = str(list(AuditEntry.objects.values("object_repr", "data")))
    assert "Amina" not in dump and "amina@example.org" not in dump


def test_deleted_contact_leaves_no_name_in_the_audit_log(staff_client, staff_user, organisation):
    contact = services.network_contact_save(
        contact=None,
        data={"organisation": organisation, "name": "Carla Kontakt", "email": "carla@example.org",
              "legal_basis": "public-task"},
        by=staff_user,
    )  # fmt: skip
    staff_client.post(f"{STAFF}/kontakte/{contact.pk}/loeschen/", {"reason": "request"})
    entries = AuditEntry.objects.filter(action__startswith="events.contact_")
    assert list(entries.order_by("pk").values_list("action", flat=True)) == [
        "events.contact_created",
        "events.contact_deleted",
    ]
    assert "Carla" not in str(list(entries.values("object_repr", "data")))


def test_retention_run_is_audited_as_a_system_action(make_event, register):
    event = make_event(slug="alt")
    register(event, "p@example.org")
    long_ago = timezone.now() - timedelta(days=200)
    type(event).objects.filter(pk=event.pk).update(starts_at=long_ago, ends_at=long_ago)
    services.registrations_anonymise(older_than_days=90)
    entry = AuditEntry.objects.get(action="events.registrations_anonymised")
    assert entry.actor is None and entry.data == {"count": 1, "days": 90}
