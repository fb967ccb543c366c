"""The confirmation mail over a real SMTP connection (aiosmtpd on loopback), parsed back."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from beko.events.models import Registration

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_confirmation_travels_over_smtp_with_calendar_and_ticket(
    anon_client, event, smtp_server, django_capture_on_commit_callbacks
):
    # The mail is queued after the registration commits (a task): run those callbacks.
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(f"/veranstaltungen/{event.slug}/anmelden/", form_data())
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    assert smtp_server.envelopes[0].rcpt_tos == ["amina@example.org"]
    message = smtp_server.messages[0]
    assert "Anmeldung bestätigt" in message["Subject"]
    registration = Registration.objects.get()
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert registration.ticket_code in body
    parts = {part.get_filename(): part for part in message.iter_attachments()}
    calendar = Calendar.from_ical(parts["veranstaltung.ics"].get_content())
    assert len(calendar.walk("VEVENT")) == 1
    assert parts[f"ticket-{registration.ticket_code}.svg"].get_content_type() == "image/svg+xml"
