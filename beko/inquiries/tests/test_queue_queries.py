from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beko.inquiries.models import Inquiry

pytestmark = pytest.mark.django_db


def _bulk(n, *, assignee, start=0):
    now = timezone.now()
    Inquiry.objects.bulk_create(
        [
            Inquiry(
                reference=f"BK-{start + i:09d}",
                status_token_hash=secrets.token_hex(32),
                asker_type="volunteers",
                topic="work",
                question="Frage",
                email=f"p{i}@example.org",
                created_at=now - timedelta(minutes=i),
                assignee=assignee if i % 2 else None,
            )
            for i in range(n)
        ],
        batch_size=2000,
    )


def _queries(client, params=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get("/intern/inquiries/", params or {})
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_queue_needs_the_same_number_of_queries_for_20_and_10000_inquiries(
    staff_client, staff_user
):
    _bulk(20, assignee=staff_user)
    _queries(staff_client)  # warm the site frame's caches (footer pages, navigation)
    small, _ = _queries(staff_client)
    _bulk(10_000 - 20, assignee=staff_user, start=20)
    large, response = _queries(staff_client)
    assert response.context["page_obj"].paginator.count >= 10_000 - 20
    assert len(response.context["rows"]) == 50
    assert large == small
    filtered, _ = _queries(
        staff_client, {"alter": "ueberfaellig", "zustaendig": "ich", "page": "3"}
    )
    assert filtered == small
