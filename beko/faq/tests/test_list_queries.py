"""The FAQ lists need as many SQL queries for 12 entries as for 2 (no N+1).

Each test measures a list with 2 entries, adds 10 more and measures again; the counts must be
equal, not below a magic number, so one query per row fails the test. The response cache is
off (measure the view); each address is measured cold (caches emptied) and warm.
"""

from __future__ import annotations

from typing import Any

import pytest

from beko.core.tests.query_counts import counts as _counts
from beko.core.tests.query_counts import queries as _queries
from beko.faq import services

pytestmark = pytest.mark.django_db

TOPICS = ["training", "language", "recognition", "work"]


@pytest.fixture(autouse=True)
def _no_response_cache(settings: Any) -> None:
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0


def _entries(staff_user: Any, start: int, stop: int) -> None:
    for number in range(start, stop):
        services.faq_entry_create(
            question=f"Wie finde ich einen Deutschkurs Nummer {number:02d}?",
            answer=f"<p>Antwort {number} zum Deutschkurs.</p>",
            topic=TOPICS[number % len(TOPICS)], audiences=["volunteers", "employers"],
            publish=number % 4 != 3, by=staff_user,
        )  # fmt: skip


def test_faq_lists_need_the_same_queries_for_2_and_12_entries(
    anon_client: Any, staff_client: Any, staff_user: Any
) -> None:
    public = ["/fragen/", "/fragen/?q=Deutschkurs", "/fragen/?thema=language", "/en/fragen/"]
    staff = ["/intern/faq/", "/intern/faq/?status=published"]
    _entries(staff_user, 0, 2)
    small = _counts(anon_client, public), _counts(staff_client, staff)
    _entries(staff_user, 2, 12)
    large = _counts(anon_client, public), _counts(staff_client, staff)
    assert large == small
    _, response = _queries(anon_client, "/fragen/")
    assert response.context["total"] == 9  # the lists really grew (three drafts)
    _, response = _queries(staff_client, "/intern/faq/")
    assert response.context["page_obj"].paginator.count == 12
