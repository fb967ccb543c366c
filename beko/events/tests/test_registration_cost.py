"""A registration costs the same few queries however many people registered before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from beko.events.models import Registration

from .conftest import form_data

pytestmark = pytest.mark.django_db


def _post(event, email: str, session) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = Client().post(
            f"/veranstaltungen/{event.slug}/anmelden/",
            form_data(email=email, session=session.pk),
        )
    assert response.status_code == 302
    return len(queries)


def test_query_count_does_not_grow_with_registrations_or_waiting_list(
    make_event, add_session, register
):
    event = make_event(capacity=5, slug="viele")
    session = add_session(event, "Bezirk A", 3)
    first = _post(event, "first@example.org", session)
    for n in range(12):
        register(event, f"p{n}@example.org", session=session)
    later = _post(event, "later@example.org", session)
    assert later == first
    assert Registration.objects.filter(status="confirmed").count() == 3
    assert Registration.objects.get(email="later@example.org").status == "waiting"


def test_refused_registration_shows_the_form_again_with_seats_per_session(
    event, add_session, register
):
    session = add_session(event, "Bezirk A", 2)
    register(event, "amina@example.org", session=session)
    response = Client().post(
        f"/veranstaltungen/{event.slug}/anmelden/", form_data(session=session.pk)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "bereits eine Anmeldung" in html
    assert "1 Plätze frei" in html  # the session's choice label counts the seats
    assert 'value="Amina Yusuf"' in html
