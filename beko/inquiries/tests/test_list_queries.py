"""The lists of the inquiries app need as many SQL queries for 12 rows as for 2 (no N+1):
the thread of one inquiry (staff and the secret status page), reply templates and the Art. 15
export. The queue has its own test (test_queue_queries.py).

Each test measures with 2 rows, adds 10 more and measures again; the counts must be equal,
not below a magic number, so one query per row fails the test. Every address is requested
once before measuring (the site frame fills its caches on the first request).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beko.core.privacy import Subject
from beko.core.tests.query_counts import counts as _counts
from beko.core.tests.query_counts import queries as _queries
from beko.inquiries import services
from beko.inquiries.models import Reply

pytestmark = pytest.mark.django_db


def _thread(inquiry: Any, users: list[Any], start: int, stop: int) -> None:
    """Notes and replies by different people, and a reply template each."""
    for number in range(start, stop):
        by = users[number % len(users)]
        services.inquiry_note_add(inquiry=inquiry, text=f"Notiz {number}", by=by)
        services.inquiry_reply(
            inquiry=inquiry, subject=f"Antwort {number}", body=f"Guten Tag, Antwort {number}.",
            via=Reply.Via.PHONE, by=by,
        )  # fmt: skip
        services.reply_template_save(
            template=None,
            data={"title": f"Vorlage {number:02d}", "subject": "Ihre Anfrage",
                  "body": "Guten Tag", "topic": "work"},
            by=by,
        )  # fmt: skip


def test_inquiry_thread_and_templates_need_the_same_queries_for_2_and_12_rows(
    anon_client: Any, staff_client: Any, staff_user: Any, make_user: Any
) -> None:
    users = [staff_user, make_user(username="kollegin")]
    submission = services.inquiry_submit(
        data={"asker_type": "volunteer", "topic": "work", "question": "Wie geht das?",
              "name": "Max Beispiel", "email": "max@example.org", "phone": ""},
    )  # fmt: skip
    inquiry = submission.inquiry
    urls = [f"/intern/inquiries/{inquiry.pk}/", "/intern/inquiries/vorlagen/"]
    status = f"/kontakt/status/{submission.token}/"
    _thread(inquiry, users, 0, 2)
    small = _counts(staff_client, urls), _queries(anon_client, status)[0]
    _thread(inquiry, users, 2, 12)
    large = _counts(staff_client, urls), _queries(anon_client, status)[0]
    assert large == small
    _, response = _queries(anon_client, status)
    assert len(response.context["replies"]) == 12  # the thread really grew


def test_art_15_export_of_inquiries_needs_the_same_queries_for_2_and_12_inquiries(
    staff_user: Any, make_inquiry: Any
) -> None:
    def grow(start: int, stop: int) -> None:
        for number in range(start, stop):
            inquiry = make_inquiry(email="max@example.org")
            services.inquiry_note_add(inquiry=inquiry, text=f"Notiz {number}", by=staff_user)

    def measure() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as context:
            exported = services.subject_inquiries_export(Subject(email="max@example.org"))
        return len(context.captured_queries), len(exported)

    grow(0, 2)
    small, found = measure()
    assert found == 2
    grow(2, 12)
    large, found = measure()
    assert found == 12
    assert large == small
