"""Real parallel HTTP requests against the live server on PostgreSQL: no seat is sold twice.

The live server handles every request in its own thread with its own database connection, so
these requests really race for the event row lock. SQLite serialises all writers anyway
(IMMEDIATE transactions), which would prove nothing – hence PostgreSQL only.
"""

from __future__ import annotations

import http.client
import secrets
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.core import mail

from beko.events import services
from beko.events.models import Registration

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="needs PostgreSQL row locks; SQLite serialises writers (runs in the PG pass)",
    ),
]

CSRF = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret as token
WORKERS = 24


def _post(base: str, path: str, fields: dict[str, str]) -> int:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    body = urlencode({**fields, "csrfmiddlewaretoken": CSRF})
    connection.request(
        "POST",
        path,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={CSRF}",
        },
    )
    status = connection.getresponse().status
    connection.close()
    return status


def _register_in_parallel(base: str, event, count: int, session=None) -> list[int]:
    def one(number: int) -> int:
        fields = {
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "consent": "on",
        }
        if session is not None:
            fields["session"] = str(session.pk)
        return _post(base, f"/veranstaltungen/{event.slug}/anmelden/", fields)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(one, range(count)))


@pytest.fixture
def live(live_server, transactional_db, settings):
    # All requests come from 127.0.0.1; the per-address limit is not what is measured here.
    settings.EVENTS_REGISTRATION_RATE_PER_IP = ""
    return live_server.url


def test_200_parallel_registrations_for_50_seats_confirm_exactly_50(live, make_event):
    event = make_event(capacity=50, slug="stadtgespraeche", ask_dietary=False, ask_questions=False)
    statuses = _register_in_parallel(live, event, 200)
    assert Counter(statuses) == {302: 200}
    counts = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert counts == {"confirmed": 50, "waiting": 150}
    assert Registration.objects.filter(event=event).values("email").distinct().count() == 200
    # Everybody got exactly one mail, seats and waiting list as stored.
    subjects = Counter(m.subject.split(":")[0] for m in mail.outbox)
    assert subjects == {"Anmeldung bestätigt": 50, "Warteliste": 150}


def test_parallel_session_capacity_holds_under_parallel_requests(live, make_event, add_session):
    event = make_event(capacity=None, slug="bezirke", ask_dietary=False, ask_questions=False)
    talk = add_session(event, "Bezirksgespräch Barmen", 50)
    statuses = _register_in_parallel(live, event, 200, session=talk)
    assert Counter(statuses) == {302: 200}
    counts = Counter(
        Registration.objects.filter(event=event, session=talk).values_list("status", flat=True)
    )
    assert counts == {"confirmed": 50, "waiting": 150}


def test_parallel_cancellations_move_the_right_people_up_exactly_once(live, make_event):
    event = make_event(capacity=50, slug="nachruecken", ask_dietary=False, ask_questions=False)
    _register_in_parallel(live, event, 80)
    confirmed = list(
        Registration.objects.filter(event=event, status="confirmed").order_by("created_at")
    )
    waiting_in_order = list(
        Registration.objects.filter(event=event, status="waiting")
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    leaving = confirmed[:10]
    mail.outbox.clear()
    # Every cancel link is clicked twice at the same time (double click, two tabs).
    paths = [
        f"/veranstaltungen/anmeldung/{services.registration_token(r)}/abmelden/" for r in leaving
    ] * 2
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(lambda path: _post(live, path, {}), paths))
    assert Counter(statuses) == {302: 20}
    counts = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert counts == {"confirmed": 50, "waiting": 20, "cancelled": 10}
    promoted = set(
        Registration.objects.filter(event=event, promoted_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert promoted == set(waiting_in_order[:10])
    promoted_mails = Counter(m.to[0] for m in mail.outbox if "frei geworden" in m.subject)
    assert len(promoted_mails) == 10 and set(promoted_mails.values()) == {1}
    cancelled_mails = [m for m in mail.outbox if "Abmeldung bestätigt" in m.subject]
    assert len(cancelled_mails) == 10


def test_event_and_session_limits_hold_together_under_parallel_requests(
    live, make_event, add_session
):
    # Four sessions of 10 seats, but only 30 seats in the hall: both limits must hold.
    event = make_event(capacity=30, slug="saal", ask_dietary=False, ask_questions=False)
    sessions = [add_session(event, f"Bezirk {n}", 10) for n in "ABCD"]

    def one(number: int) -> int:
        fields = {
            "name": f"Person {number}",
            "email": f"saal{number}@example.org",
            "consent": "on",
            "session": str(sessions[number % 4].pk),
        }
        return _post(live, f"/veranstaltungen/{event.slug}/anmelden/", fields)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(one, range(160)))
    assert Counter(statuses) == {302: 160}
    registrations = Registration.objects.filter(event=event)
    assert Counter(registrations.values_list("status", flat=True)) == {
        "confirmed": 30,
        "waiting": 130,
    }
    per_session = Counter(
        registrations.filter(status="confirmed").values_list("session_id", flat=True)
    )
    assert sum(per_session.values()) == 30 and max(per_session.values()) <= 10


def test_the_same_address_sent_in_parallel_is_registered_once(live, make_event):
    event = make_event(capacity=5, slug="doppelt", ask_dietary=False, ask_questions=False)
    fields = {"name": "Amina Yusuf", "email": "amina@example.org", "consent": "on"}
    path = f"/veranstaltungen/{event.slug}/anmelden/"
    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(lambda _: _post(live, path, fields), range(12)))
    assert Counter(statuses) == {302: 1, 400: 11}
    assert Registration.objects.filter(event=event).count() == 1
