"""inquiries 0003: asker types use the shared audience codes (issue 19)."""

import pytest
from django.utils import timezone

# Schema changes cannot run inside the test's transaction on SQLite.
pytestmark = pytest.mark.django_db(transaction=True)

OLD = ("inquiries", "0002_private_storage_by_reference")
NEW = ("inquiries", "0003_shared_audience_codes")


def _asker_types(apps):
    Inquiry = apps.get_model("inquiries", "Inquiry")
    return dict(Inquiry.objects.values_list("reference", "asker_type"))


def test_singular_asker_types_become_the_shared_audience_codes_and_back(migrator):
    old = migrator.migrate(OLD)
    Inquiry = old.get_model("inquiries", "Inquiry")
    codes = ("volunteer", "employer", "association", "counselling", "other")
    for number, code in enumerate(codes):
        Inquiry.objects.create(
            reference=f"B-{number}", asker_type=code, topic="work", question="?",
            created_at=timezone.now(), updated_at=timezone.now(),
        )  # fmt: skip

    new = migrator.migrate(NEW)
    assert _asker_types(new) == {
        "B-0": "volunteers", "B-1": "employers", "B-2": "associations", "B-3": "counselling",
        "B-4": "other",
    }  # fmt: skip

    back = migrator.migrate(OLD)
    assert _asker_types(back) == dict(zip([f"B-{n}" for n in range(5)], codes, strict=True))
