"""The back-office lists of the core app need as many SQL queries for 12 rows as for 2.

Each test measures a list with 2 rows, adds 10 more and measures again; the counts must be
equal, not below a magic number, so one query per row fails the test. Each address is
measured cold (caches emptied) and warm.
"""

from __future__ import annotations

from typing import Any

import pytest

from beko.core.audit import log_action
from beko.core.models import Page
from beko.core.tests.query_counts import counts as _counts
from beko.core.tests.query_counts import queries as _queries
from beko.directory.models import Offer, Organisation

pytestmark = pytest.mark.django_db


def _rows(staff_user: Any, start: int, stop: int) -> None:
    """Pages (with an English translation for every second) and audit entries of several
    kinds: with and without an actor, on pages, organisations and offers, with from/to."""
    for number in range(start, stop):
        page = Page.objects.create(slug=f"liste-{number:02d}", title=f"Liste {number:02d}")
        if number % 2:
            page.title_en = f"List {number:02d}"  # type: ignore[attr-defined]  # modeltranslation
            page.save()
        org = Organisation.objects.create(name=f"Verein {number:02d}", slug=f"verein-{number:02d}")
        offer = Offer.objects.create(title=f"Kurs {number:02d}", organisation=org)
        log_action(page, "core.page_updated", by=staff_user)
        log_action(org, "directory.organisation_updated", by=staff_user)
        log_action(
            offer,
            "directory.offer_status_changed",
            by=None,
            data={"from": "draft", "to": "published"},
        )


def test_core_staff_lists_need_the_same_queries_for_2_and_12_rows(
    staff_client: Any, staff_user: Any
) -> None:
    urls = [
        "/intern/",
        "/intern/seiten/",
        "/intern/protokoll/",
        "/intern/protokoll/?aktion=directory.",
        "/intern/uebersetzungen/",
        "/intern/uebersetzungen/core/page/en/",
        "/intern/uebersetzungen/core/page/ar/?status=missing",
    ]
    _rows(staff_user, 0, 2)
    small = _counts(staff_client, urls)
    _rows(staff_user, 2, 12)
    large = _counts(staff_client, urls)
    assert large == small
    _, response = _queries(staff_client, "/intern/protokoll/?aktion=directory.")
    assert response.context["page_obj"].paginator.count >= 24  # the lists really grew
    _, response = _queries(staff_client, "/intern/uebersetzungen/core/page/ar/?status=missing")
    assert response.context["page_obj"].paginator.count >= 12
