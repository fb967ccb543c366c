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


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_confirmation_is_queued_in_the_registrations_transaction(settings, event):
    """With the database task queue (production) the mail's row commits with the registration:
    it is there for the worker after the commit, and a refused registration leaves none."""
    from django.core import mail
    from django_tasks_db.models import DBTaskResult

    from beko.events import services, tasks

    settings.TASKS = DATABASE_TASKS
    data = services.RegistrationInput(name="Amina Yusuf", email="Amina@Example.org")
    registration = services.registration_create(event=event, data=data, language="de")
    queued = DBTaskResult.objects.get(task_path__endswith="registration_mail")
    kwargs = queued.args_kwargs["kwargs"]
    assert kwargs == {"ticket_code": registration.ticket_code, "kind": "confirmation"}
    with pytest.raises(services.RegistrationError):
        services.registration_create(event=event, data=data, language="de")
    assert DBTaskResult.objects.count() == 1  # the duplicate's task row was rolled back
    event.status = "cancelled"
    event.save()
    with pytest.raises(services.RegistrationError):
        services.registration_create(
            event=event,
            data=services.RegistrationInput(name="B", email="b@example.org"),
            language="de",
        )
    assert DBTaskResult.objects.count() == 1
    # What the worker runs: the confirmation of this registration, found by its ticket code.
    tasks.registration_mail.call(**kwargs)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]
    assert registration.ticket_code in mail.outbox[0].body
