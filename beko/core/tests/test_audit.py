import pytest

from beko.core.audit import audit_entries_for, audit_redact, log_action
from beko.core.models import AuditEntry, Page

pytestmark = pytest.mark.django_db


def test_log_action_records_actor_object_and_data(staff_user):
    page = Page.objects.first()
    entry = log_action(page, "core.page_viewed", by=staff_user, data={"field": "title"})
    assert (entry.actor, entry.actor_label, entry.object_repr) == (staff_user, "team", str(page))
    assert list(audit_entries_for(page)) == [entry]


def test_history_survives_account_deletion_and_redaction(staff_user):
    page = Page.objects.first()
    log_action(page, "core.page_changed", by=staff_user, data={"x": 1})
    staff_user.delete()
    assert audit_redact(page) == 1
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_label, entry.data) == (None, "team", {})


def test_system_actions_have_no_actor(db):
    assert log_action(None, "core.cleanup").actor_label == "system"
