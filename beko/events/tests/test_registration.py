from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from beko.events import services
from beko.events.models import Event, Registration

from .conftest import form_data

pytestmark = pytest.mark.django_db


def register_url(event: Event) -> str:
    return f"/veranstaltungen/{event.slug}/anmelden/"


def test_visitor_registers_and_sees_ticket_on_confirmation_page(anon_client, event):
    response = anon_client.post(register_url(event), form_data())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email == "amina@example.org"
    page = anon_client.get(response["Location"])
    html = page.content.decode()
    assert "Ihr Platz ist bestätigt." in html
    assert registration.ticket_code in html
    assert "<svg" in html and "ticket__qr" in html
    assert page["Cache-Control"].startswith("max-age=0")


def test_confirmation_mail_has_calendar_and_qr_ticket_attached(
    anon_client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        anon_client.post(register_url(event), form_data())
        assert not mail.outbox  # queued only once the seat is committed
    assert len(callbacks) >= 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert "Anmeldung bestätigt" in message.subject
    registration = Registration.objects.get()
    assert registration.ticket_code in message.body
    assert "/abmelden/" in message.body
    names = {name: (content, mimetype) for name, content, mimetype in message.attachments}
    ics, mimetype = names["veranstaltung.ics"]
    assert mimetype == "text/calendar"
    vevent = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Meet & Eat: Aufenthalt und Arbeit"
    svg, svg_type = names[f"ticket-{registration.ticket_code}.svg"]
    assert svg_type == "image/svg+xml"
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_full_event_puts_people_on_the_waiting_list(
    anon_client, make_event, register, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, slug="klein")
    register(event, "first@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(register_url(event), form_data(email="second@example.org"))
    assert response.status_code == 302
    second = Registration.objects.get(email="second@example.org")
    assert second.status == Registration.Status.WAITING
    assert "Warteliste" in mail.outbox[-1].subject
    assert not [a for a in mail.outbox[-1].attachments if a[0].endswith(".svg")]
    page = anon_client.get(response["Location"]).content.decode()
    assert "Sie stehen auf der Warteliste." in page


def test_cancel_link_frees_seat_for_first_person_on_waiting_list(
    anon_client, make_event, register, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, slug="klein")
    first = register(event, "first@example.org")
    second = register(event, "second@example.org")
    third = register(event, "third@example.org")
    mail.outbox.clear()
    url = f"/veranstaltungen/anmeldung/{services.registration_token(first)}/abmelden/"
    assert anon_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(url)
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "first@example.org": "cancelled",
        "second@example.org": "confirmed",
        "third@example.org": "waiting",
    }
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Abmeldung bestätigt" in subjects["first@example.org"]
    assert "Platz ist frei geworden" in subjects["second@example.org"]
    assert "third@example.org" not in subjects
    # A second click on the same link changes nothing and promotes nobody else.
    anon_client.post(url)
    assert Registration.objects.get(pk=third.pk).status == "waiting"
    assert Registration.objects.get(pk=second.pk).promoted_at is not None


def test_double_registration_with_same_email_gives_clear_message(anon_client, event, register):
    register(event, "amina@example.org")
    response = anon_client.post(register_url(event), form_data(email="AMINA@example.org"))
    assert response.status_code == 400
    assert "bereits eine Anmeldung" in response.content.decode()
    assert Registration.objects.count() == 1


def test_cancelled_person_may_register_again(event, register):
    first = register(event, "amina@example.org")
    services.registration_cancel(registration=first)
    again = register(event, "amina@example.org")
    assert again.status == Registration.Status.CONFIRMED


def test_parallel_session_must_be_chosen_and_full_session_means_waiting(
    anon_client, event, add_session, register
):
    talk_a = add_session(event, "Bezirk A", 1)
    talk_b = add_session(event, "Bezirk B", None)
    response = anon_client.post(register_url(event), form_data())
    assert response.status_code == 400
    assert "Bitte wählen Sie eine der parallelen Sitzungen." in response.content.decode()
    assert not Registration.objects.exists()
    register(event, "a1@example.org", session=talk_a)
    anon_client.post(register_url(event), form_data(email="a2@example.org", session=talk_a.pk))
    anon_client.post(register_url(event), form_data(email="b1@example.org", session=talk_b.pk))
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "a1@example.org": "confirmed",
        "a2@example.org": "waiting",
        "b1@example.org": "confirmed",
    }


def test_session_of_another_event_is_refused(anon_client, event, make_event, add_session):
    add_session(event, "Bezirk A", 5)
    other_session = add_session(make_event(slug="anders"), "Bezirk X", 5)
    response = anon_client.post(register_url(event), form_data(session=other_session.pk))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_cancellation_in_full_session_promotes_person_waiting_for_that_session(
    event, add_session, register
):
    event.capacity = 3
    event.save()
    talk_a = add_session(event, "Bezirk A", 1)
    talk_b = add_session(event, "Bezirk B", 2)
    a1 = register(event, "a1@example.org", session=talk_a)
    a2 = register(event, "a2@example.org", session=talk_a)  # session full → waiting
    register(event, "b1@example.org", session=talk_b)
    b2 = register(event, "b2@example.org", session=talk_b)  # takes the last event seat
    b3 = register(event, "b3@example.org", session=talk_b)  # event full → waiting
    assert (a2.status, b2.status, b3.status) == ("waiting", "confirmed", "waiting")
    promoted = services.registration_cancel(registration=a1)
    assert [p.email for p in promoted] == ["a2@example.org"]
    assert Registration.objects.get(pk=b3.pk).status == "waiting"


def test_waiting_person_whose_session_is_still_full_is_skipped_not_dropped(
    event, add_session, register
):
    event.capacity = 2
    event.save()
    talk_a = add_session(event, "Bezirk A", 1)
    talk_b = add_session(event, "Bezirk B", 5)
    register(event, "a1@example.org", session=talk_a)
    b1 = register(event, "b1@example.org", session=talk_b)
    a2 = register(event, "a2@example.org", session=talk_a)
    b2 = register(event, "b2@example.org", session=talk_b)
    assert (a2.status, b2.status) == ("waiting", "waiting")
    promoted = services.registration_cancel(registration=b1)
    assert [p.email for p in promoted] == ["b2@example.org"]
    assert Registration.objects.get(pk=a2.pk).status == "waiting"


def test_raising_capacity_moves_waiting_list_up(
    staff_user, make_event, register, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, slug="klein")
    register(event, "first@example.org")
    waiting = register(event, "second@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, data={"capacity": 2}, by=staff_user)
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert [m.to for m in mail.outbox] == [["second@example.org"]]


# --- bad input -------------------------------------------------------------------------------


def test_registration_after_deadline_is_refused(anon_client, make_event):
    event = make_event(registration_deadline=timezone.now() - timedelta(hours=1), slug="spaet")
    response = anon_client.post(register_url(event), form_data())
    assert response.status_code == 400
    assert "Der Anmeldeschluss ist vorbei." in response.content.decode()
    assert not Registration.objects.exists()


def test_registration_for_past_event_is_refused(anon_client, make_event):
    start = timezone.now() - timedelta(days=2)
    event = make_event(starts_at=start, slug="vorbei")
    response = anon_client.post(register_url(event), form_data())
    assert response.status_code == 400
    assert "bereits begonnen oder ist vorbei" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "status", [Event.Status.DRAFT, Event.Status.PROPOSED, Event.Status.REJECTED]
)
def test_unpublished_event_is_not_found_and_takes_no_registration(anon_client, make_event, status):
    event = make_event(status=status, slug="geheim")
    assert anon_client.get(f"/veranstaltungen/{event.slug}/").status_code == 404
    assert anon_client.post(register_url(event), form_data()).status_code == 404
    assert not Registration.objects.exists()


def test_cancelled_event_takes_no_registration(anon_client, make_event):
    event = make_event(status=Event.Status.CANCELLED, slug="abgesagt")
    response = anon_client.post(register_url(event), form_data())
    assert response.status_code == 400
    assert "nicht (mehr) veröffentlicht" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "keine-adresse", "gültige E-Mail-Adresse"),
        ("email", "a@b", "gültige E-Mail-Adresse"),
        ("name", "", "Dieses Feld ist zwingend erforderlich."),
        ("name", "x" * 121, "höchstens 120 Zeichen"),
        ("questions", "x" * 3001, "höchstens 3000 Zeichen"),
        ("accessibility_needs", "x" * 1001, "höchstens 1000 Zeichen"),
        ("name", "<script>alert(1)</script>", "Bitte keine HTML-Tags oder Skripte eingeben."),
        (
            "questions",
            "<img src=x onerror=alert(1)>",
            "Bitte keine HTML-Tags oder Skripte eingeben.",
        ),
        (
            "organisation_name",
            "<svg/onload=alert(1)>",
            "Bitte keine HTML-Tags oder Skripte eingeben.",
        ),
        ("name", "Evil\u202etxt.exe", "unzulässige Steuerzeichen"),
        ("name", "Null\x00Byte", "Nullzeichen sind nicht erlaubt."),
        ("name", "Bell\x07", "unzulässige Steuerzeichen"),
        ("consent", "", "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu."),
    ],
)
def test_bad_input_gives_german_message_and_stores_nothing(
    anon_client, event, field, value, message
):
    response = anon_client.post(register_url(event), form_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_form_keeps_entered_values_after_validation_error(anon_client, event):
    response = anon_client.post(register_url(event), form_data(email="kaputt"))
    html = response.content.decode()
    assert 'value="Amina Yusuf"' in html
    assert "Darf eine Person mit Duldung eine Ausbildung beginnen?" in html


def test_sql_like_and_rtl_input_is_stored_verbatim(anon_client, event):
    name = "محمد'; DROP TABLE events_registration; --"
    response = anon_client.post(
        register_url(event), form_data(name=name, organisation_name="Verein „Brücke“ – Ünïcödé")
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.name == name
    assert registration.organisation_name == "Verein „Brücke“ – Ünïcödé"


def test_honeypot_filled_by_bot_stores_nothing(anon_client, event):
    response = anon_client.post(register_url(event), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "token",
    ["garbage", "WzEsIkFCQyJd:1abc:xyz", "x" * 300],
)
def test_tampered_or_invented_tokens_are_not_found(anon_client, event, register, token):
    register(event, "amina@example.org")
    assert anon_client.get(f"/veranstaltungen/anmeldung/{token}/").status_code == 404
    assert anon_client.post(f"/veranstaltungen/anmeldung/{token}/abmelden/").status_code == 404
    assert Registration.objects.get().status == "confirmed"


def test_token_with_altered_payload_is_refused(anon_client, event, register):
    registration = register(event, "amina@example.org")
    other = register(event, "other@example.org")
    token = services.registration_token(registration)
    _payload, rest = token.split(":", 1)
    forged = services.registration_token(other).split(":", 1)[0] + ":" + rest
    assert anon_client.post(f"/veranstaltungen/anmeldung/{forged}/abmelden/").status_code == 404
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert anon_client.post(f"/veranstaltungen/anmeldung/{tampered}/abmelden/").status_code == 404
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}


def test_ticket_svg_is_served_for_confirmed_registrations_only(anon_client, make_event, register):
    event = make_event(capacity=1, slug="klein")
    confirmed = register(event, "first@example.org")
    waiting = register(event, "second@example.org")
    ok = anon_client.get(
        f"/veranstaltungen/anmeldung/{services.registration_token(confirmed)}/ticket.svg"
    )
    assert ok.status_code == 200
    assert ok["Content-Type"] == "image/svg+xml"
    missing = anon_client.get(
        f"/veranstaltungen/anmeldung/{services.registration_token(waiting)}/ticket.svg"
    )
    assert missing.status_code == 404


def test_dietary_and_question_fields_only_for_events_that_ask(anon_client, make_event):
    event = make_event(ask_dietary=False, ask_questions=False, slug="ohne")
    html = anon_client.get(f"/veranstaltungen/{event.slug}/").content.decode()
    assert 'name="dietary_wishes"' not in html
    assert 'name="questions"' not in html
    anon_client.post(register_url(event), form_data())
    registration = Registration.objects.get()
    assert registration.dietary_wishes == "" and registration.questions == ""


def test_too_many_registrations_from_one_address_are_refused(anon_client, event, settings):
    settings.EVENTS_REGISTRATION_RATE_PER_IP = "2/h"
    for number in range(2):
        response = anon_client.post(register_url(event), form_data(email=f"p{number}@example.org"))
        assert response.status_code == 302
    response = anon_client.post(register_url(event), form_data(email="p3@example.org"))
    assert response.status_code == 429
    assert "Zu viele Anmeldungen" in response.content.decode()
    assert Registration.objects.count() == 2
