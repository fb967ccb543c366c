from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from beko.events import services
from beko.events.models import Event, ProgrammeItem, Registration

pytestmark = pytest.mark.django_db

STAFF = "/intern/events"


def event_post_data(**overrides):
    start = (timezone.now() + timedelta(days=20)).replace(second=0, microsecond=0)
    data = {
        "title": "Sprachcafé Oberbarmen",
        "summary": "Deutsch üben bei Tee",
        "description": "<p>Alle sind willkommen.</p><script>alert(1)</script>",
        "category": "meet-eat",
        "starts_at": timezone.localtime(start).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "recurrence": "",
        "audiences": ["volunteers", "refugees"],
        "languages": ["de", "ar"],
        "registration_required": "on",
        "capacity": "20",
        "publish": "on",
    }
    for prefix in ("programme", "stands", "photos"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "path",
    ["/", "/neu/", "/{pk}/", "/{pk}/teilnehmende/", "/{pk}/einlass/", "/{pk}/teilnehmende/export.csv",
     "/{pk}/teilnehmende/druck/", "/{pk}/teilnehmende/rundmail/", "/kontakte/", "/kontakte/export.csv"],
)  # fmt: skip
def test_anonymous_visitors_are_sent_to_login(anon_client, event, path):
    response = anon_client.get(STAFF + path.format(pk=event.pk))
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


@pytest.mark.parametrize(
    "path",
    ["/{pk}/teilnehmende/", "/{pk}/einlass/", "/{pk}/teilnehmende/export.xlsx",
     "/{pk}/teilnehmende/druck/", "/{pk}/freigabe/", "/kontakte/", "/kontakte/export.csv"],
)  # fmt: skip
def test_partner_editors_cannot_see_participants_or_contacts(
    partner_client, make_event, organisation, path
):
    own = make_event(organisation=organisation, slug="eigene")
    assert partner_client.get(STAFF + path.format(pk=own.pk)).status_code == 403


def test_partner_cannot_open_other_organisations_event(
    partner_client, make_event, other_organisation
):
    foreign = make_event(
        organisation=other_organisation, status=Event.Status.PROPOSED, slug="fremd"
    )
    assert partner_client.get(f"{STAFF}/{foreign.pk}/").status_code == 404
    response = partner_client.post(f"{STAFF}/{foreign.pk}/", event_post_data(title="Übernommen"))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.title_de == "Meet & Eat: Aufenthalt und Arbeit"
    assert "fremd" not in partner_client.get(f"{STAFF}/").content.decode()


def test_partner_proposal_needs_staff_approval(partner_client, staff_client, partner_user, venue):
    response = partner_client.post(f"{STAFF}/neu/", event_post_data(venue=venue.pk, publish="on"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == Event.Status.PROPOSED
    assert event.organisation_id == partner_user.organisation_id
    assert (
        "<script>" not in event.description_de and "Alle sind willkommen." in event.description_de
    )
    assert {a.audience for a in event.audiences.all()} == {"volunteers", "refugees"}
    client = staff_client
    assert client.get(f"/veranstaltungen/{event.slug}/").status_code == 404
    response = client.post(f"{STAFF}/{event.pk}/freigabe/", {"decision": "approve", "note": ""})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED and event.published_at
    assert client.get(f"/veranstaltungen/{event.slug}/").status_code == 200


def test_partner_cannot_edit_published_event(partner_client, make_event, organisation):
    event = make_event(organisation=organisation, slug="live")
    response = partner_client.post(f"{STAFF}/{event.pk}/", event_post_data(title="Geändert"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_de == "Meet & Eat: Aufenthalt und Arbeit"


def test_staff_create_event_with_programme_sessions_and_stands(staff_client, venue, organisation):
    start = (timezone.now() + timedelta(days=20)).replace(second=0, microsecond=0)
    fmt = "%Y-%m-%dT%H:%M"
    local = timezone.localtime(start)
    data = event_post_data(
        venue=venue.pk, title="Stadtgespräche 2027", category="network-meeting", capacity="200",
        **{
            "programme-TOTAL_FORMS": "2",
            "programme-0-kind": "session", "programme-0-starts_at": local.strftime(fmt),
            "programme-0-ends_at": (local + timedelta(hours=1)).strftime(fmt),
            "programme-0-title_de": "Bezirk Barmen", "programme-0-room": "R1", "programme-0-capacity": "40",
            "programme-1-kind": "session", "programme-1-starts_at": local.strftime(fmt),
            "programme-1-ends_at": (local + timedelta(hours=1)).strftime(fmt),
            "programme-1-title_de": "Bezirk Vohwinkel", "programme-1-room": "R2", "programme-1-capacity": "40",
            "stands-TOTAL_FORMS": "1", "stands-0-number": "7", "stands-0-organisation": str(organisation.pk),
            "stands-0-topic_de": "Ehrenamt finden",
        },
    )  # fmt: skip
    response = staff_client.post(f"{STAFF}/neu/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert event.status == Event.Status.PUBLISHED
    assert event.programme.filter(kind=ProgrammeItem.Kind.SESSION).count() == 2
    assert event.stands.get().organisation == organisation


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"title": "<script>x</script>"}, "Bitte keine HTML-Tags oder Skripte eingeben."),
        ({"title": "x" * 201}, "höchstens 200 Zeichen"),
        ({"ends_at": "2020-01-01T10:00"}, "Das Ende muss nach dem Beginn liegen."),
        ({"capacity": "0"}, "größer oder gleich 1"),
        ({"recurrence": "FREQ=YEARLY"}, "FREQ=WEEKLY"),
        ({"recurrence": "FREQ=WEEKLY;UNTIL=20270101"}, "UNTIL muss in UTC"),
        ({"recurrence": "FREQ=WEEKLY;BYDAY=XX"}, "ungültig"),
        ({"starts_at": "morgen"}, "gültiges Datum"),
    ],
)
def test_invalid_event_form_stores_nothing(staff_client, venue, overrides, message):
    response = staff_client.post(f"{STAFF}/neu/", event_post_data(venue=venue.pk, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_recurring_event_cannot_require_registration(staff_client, venue):
    response = staff_client.post(
        f"{STAFF}/neu/", event_post_data(venue=venue.pk, recurrence="FREQ=WEEKLY;BYDAY=TU")
    )
    assert response.status_code == 400
    assert "Wiederkehrende Termine haben keine Anmeldung" in response.content.decode()


def test_deleting_session_with_registrations_is_refused(staff_client, event, add_session, register):
    talk = add_session(event, "Bezirk A", 5)
    register(event, "a@example.org", session=talk)
    data = event_post_data(venue=event.venue_id, title=event.title_de)
    data.update({
        "programme-TOTAL_FORMS": "1", "programme-INITIAL_FORMS": "1", "programme-0-id": str(talk.pk),
        "programme-0-event": str(event.pk), "programme-0-kind": "session",
        "programme-0-starts_at": timezone.localtime(talk.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "programme-0-ends_at": timezone.localtime(talk.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "programme-0-title_de": "Bezirk A", "programme-0-DELETE": "on",
    })  # fmt: skip
    response = staff_client.post(f"{STAFF}/{event.pk}/", data)
    assert response.status_code == 400
    assert "hat Anmeldungen und kann nicht gelöscht werden" in response.content.decode()
    assert ProgrammeItem.objects.filter(pk=talk.pk).exists()


def test_participant_exports_neutralise_formulas(staff_client, event, register):
    register(event, "a@example.org", name='=HYPERLINK("http://evil")')
    register(event, "b@example.org", name="Bea Beispiel")
    response = staff_client.get(f"{STAFF}/{event.pk}/teilnehmende/export.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Name"
    names = {row[0] for row in rows[1:]}
    assert names == {'\'=HYPERLINK("http://evil")', "Bea Beispiel"}
    xlsx = staff_client.get(f"{STAFF}/{event.pk}/teilnehmende/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(values) == sorted(names)
    assert staff_client.get(f"{STAFF}/{event.pk}/teilnehmende/export.pdf").status_code == 404


def test_check_in_by_code_and_by_name_counts_attendance(staff_client, event, register):
    amina = register(event, "amina@example.org", name="Amina Yusuf")
    register(event, "bea@example.org", name="Bea Beispiel")
    url = f"{STAFF}/{event.pk}/einlass/"
    response = staff_client.post(url, {"code": amina.ticket_code.lower()})
    assert "Willkommen, Amina Yusuf" in response.content.decode()
    again = staff_client.post(url, {"code": amina.ticket_code})
    assert "bereits eingecheckt" in again.content.decode()
    wrong = staff_client.post(url, {"code": "NOPE123456"})
    assert "Kein Ticket mit diesem Code" in wrong.content.decode()
    found = staff_client.get(url, {"q": "bea"}).content.decode()
    assert "Bea Beispiel" in found
    bea = Registration.objects.get(email="bea@example.org")
    staff_client.post(url, {"registration": bea.pk, "action": "check_in"})
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 2
    staff_client.post(url, {"registration": bea.pk, "action": "undo"})
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_check_in_refuses_waiting_list_and_tickets_of_other_events(
    staff_client, make_event, register
):
    event = make_event(capacity=1, slug="eins")
    other = make_event(slug="zwei")
    register(event, "first@example.org")
    waiting = register(event, "second@example.org", name="Wartende Person")
    foreign = register(other, "x@example.org")
    url = f"{STAFF}/{event.pk}/einlass/"
    html = staff_client.post(url, {"code": waiting.ticket_code}).content.decode()
    assert "nicht bestätigt" in html
    html = staff_client.post(url, {"code": foreign.ticket_code}).content.decode()
    assert "Kein Ticket mit diesem Code" in html
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_check_in_returns_fragment_for_htmx(staff_client, event):
    response = staff_client.get(f"{STAFF}/{event.pk}/einlass/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "data-check-in-form" in html


def test_print_view_lists_confirmed_participants_only(staff_client, make_event, register):
    event = make_event(capacity=1, slug="druck")
    register(event, "first@example.org", name="Erste Person")
    register(event, "second@example.org", name="Wartende Person")
    html = staff_client.get(f"{STAFF}/{event.pk}/teilnehmende/druck/").content.decode()
    assert "Erste Person" in html and "Wartende Person" not in html


def test_mail_to_all_participants(staff_client, make_event, register):
    event = make_event(capacity=1, slug="rundmail")
    register(event, "first@example.org")
    register(event, "second@example.org")
    mail.outbox.clear()
    response = staff_client.post(
        f"{STAFF}/{event.pk}/teilnehmende/rundmail/",
        {"subject": "Raumänderung", "body": "Wir sind jetzt in Raum 2.", "include_waiting": ""},
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["first@example.org"]]
    assert "Raum 2" in mail.outbox[0].body
    staff_client.post(
        f"{STAFF}/{event.pk}/teilnehmende/rundmail/",
        {"subject": "Info", "body": "Auch für die Warteliste.", "include_waiting": "on"},
    )
    assert len(mail.outbox) == 3


def test_cancelling_an_event_marks_it_and_tells_everyone(staff_client, event, register):
    register(event, "first@example.org")
    mail.outbox.clear()
    response = staff_client.post(f"{STAFF}/{event.pk}/absagen/", {"message": "Leider krank."})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert mail.outbox[0].subject.startswith("Abgesagt:")
    assert "abgesagt" in staff_client.get(f"/veranstaltungen/{event.slug}/").content.decode()


def test_staff_cancel_of_a_participant_promotes_waiting_list(staff_client, make_event, register):
    event = make_event(capacity=1, slug="staff-storno")
    first = register(event, "first@example.org")
    second = register(event, "second@example.org")
    response = staff_client.post(f"{STAFF}/{event.pk}/teilnehmende/{first.pk}/stornieren/")
    assert response.status_code == 302
    assert Registration.objects.get(pk=second.pk).status == "confirmed"


def test_staff_cannot_cancel_registration_through_wrong_event(
    staff_client, event, make_event, register
):
    other = make_event(slug="anderes")
    registration = register(event, "a@example.org")
    response = staff_client.post(f"{STAFF}/{other.pk}/teilnehmende/{registration.pk}/stornieren/")
    assert response.status_code == 404
    assert Registration.objects.get().status == "confirmed"


def test_services_refuse_cancel_after_start_for_visitors(make_event, register):
    event = make_event(slug="laeuft")
    registration = register(event, "a@example.org")
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(services.RegistrationError):
        services.registration_cancel(registration=registration)


def test_staff_event_list_shows_attendance_numbers(staff_client, make_event, register):
    event = make_event(capacity=1, slug="zahlen")
    first = register(event, "first@example.org")
    register(event, "second@example.org")
    Registration.objects.filter(pk=first.pk).update(checked_in_at=timezone.now())
    html = staff_client.get(f"{STAFF}/").content.decode()
    assert "1 bestätigt, 1 wartend, 1 anwesend" in html


def test_edit_pages_render_for_staff_and_partner(
    staff_client, partner_client, make_event, organisation
):
    event = make_event(slug="formular", organisation=organisation, status=Event.Status.PROPOSED)
    staff_new = staff_client.get(f"{STAFF}/neu/").content.decode()
    assert 'name="organisation"' in staff_new and 'name="publish"' in staff_new
    staff_edit = staff_client.get(f"{STAFF}/{event.pk}/").content.decode()
    assert "programme-TOTAL_FORMS" in staff_edit and "Vorschlag prüfen" in staff_edit
    partner_new = partner_client.get(f"{STAFF}/neu/").content.decode()
    assert 'name="organisation"' not in partner_new and 'name="publish"' not in partner_new
    assert partner_client.get(f"{STAFF}/{event.pk}/").status_code == 200


def test_staff_untick_publish_takes_event_offline(staff_client, event):
    data = event_post_data(venue=event.venue_id, title=event.title_de)
    data.pop("publish")
    response = staff_client.post(f"{STAFF}/{event.pk}/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    assert staff_client.get(f"/veranstaltungen/{event.slug}/").status_code == 404
