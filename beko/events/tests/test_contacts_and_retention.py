from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from beko.events import services
from beko.events.models import NetworkContact, Registration

pytestmark = pytest.mark.django_db

STAFF = "/intern/events"


def contact_data(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "name": "Carla Kontakt",
        "role": "Koordination Ehrenamt",
        "email": "carla@bruecke.example",
        "phone": "0202 1234",
        "topics": "Ehrenamt, Sprache",
        "districts": ["barmen", "ronsdorf"],
        "legal_basis": "consent",
        "consent_to_listing": "on",
        "consent_note": "Einwilligung per E-Mail vom 3.11.2026",
    }
    data.update(overrides)
    return data


def test_staff_records_contact_with_consent_and_time(staff_client, organisation):
    response = staff_client.post(f"{STAFF}/kontakte/neu/", contact_data(organisation))
    assert response.status_code == 302
    contact = NetworkContact.objects.get()
    assert contact.consent_recorded_at is not None
    assert contact.districts == ["barmen", "ronsdorf"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"legal_basis": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"consent_note": ""}, "wie und wann sie erteilt wurde"),
        ({"name": "<b>x</b>"}, "Bitte keine HTML-Tags"),
        ({"email": "nope"}, "gültige E-Mail-Adresse"),
        ({"districts": ["atlantis"]}, "keine gültige Auswahl"),
    ],
)
def test_contact_without_legal_basis_or_proof_is_refused(
    staff_client, organisation, overrides, message
):
    response = staff_client.post(f"{STAFF}/kontakte/neu/", contact_data(organisation, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not NetworkContact.objects.exists()


def test_contact_deleted_on_request_is_gone(staff_client, staff_user, organisation):
    contact = services.network_contact_save(
        contact=None, data={**contact_data(organisation), "organisation": organisation,
                            "consent_to_listing": True}, by=staff_user,
    )  # fmt: skip
    response = staff_client.post(f"{STAFF}/kontakte/{contact.pk}/loeschen/", {"reason": "request"})
    assert response.status_code == 302
    assert not NetworkContact.objects.exists()


def test_invitation_export_has_only_contacts_with_email_and_filters_by_district(
    staff_client, staff_user, organisation
):
    base = {**contact_data(organisation), "organisation": organisation, "consent_to_listing": True}
    services.network_contact_save(contact=None, data=base, by=staff_user)
    services.network_contact_save(
        contact=None, data={**base, "name": "Ohne Mail", "email": ""}, by=staff_user
    )
    services.network_contact_save(
        contact=None,
        data={**base, "name": "Vohwinkel", "email": "v@example.org", "districts": ["vohwinkel"]},
        by=staff_user,
    )
    response = staff_client.get(f"{STAFF}/kontakte/export.csv", {"district": "barmen"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["Carla Kontakt"]


def test_organisation_network_shows_attended_events_and_stands(
    staff_client, organisation, event, register
):
    registration = register(event, "x@example.org")
    Registration.objects.filter(pk=registration.pk).update(
        organisation=organisation, checked_in_at=timezone.now()
    )
    event.stands.create(number="B3", organisation=organisation, topic_de="Patenschaften")
    html = staff_client.get(f"{STAFF}/organisationen/{organisation.pk}/").content.decode()
    assert "Meet &amp; Eat: Aufenthalt und Arbeit" in html
    assert "Patenschaften" in html


def test_registration_with_directory_organisation_name_is_linked(event, register, organisation):
    from beko.events.services import RegistrationInput, registration_create

    registration = registration_create(
        event=event,
        data=RegistrationInput(
            name="A", email="a@example.org", organisation_name="verein brücke e. v."
        ),
        language="de",
    )
    assert registration.organisation == organisation


def test_retention_anonymises_past_events_keeps_counts_and_is_idempotent(make_event, register):
    past = make_event(slug="alt")
    recent = make_event(slug="neu")
    for number in range(3):
        register(past, f"p{number}@example.org", name=f"Person {number}")
    register(recent, "r@example.org")
    Registration.objects.filter(event=past, email="p0@example.org").update(
        checked_in_at=timezone.now()
    )
    long_ago = timezone.now() - timedelta(days=200)
    type(past).objects.filter(pk=past.pk).update(
        starts_at=long_ago, ends_at=long_ago + timedelta(hours=2)
    )
    out = io.StringIO()
    call_command("events_retention", "--days", "90", stdout=out)
    assert "3 Anmeldungen anonymisiert" in out.getvalue()
    old = Registration.objects.filter(event=past)
    assert set(old.values_list("name", "email", "questions")) == {("", "", "")}
    assert old.filter(status="confirmed").count() == 3
    assert old.filter(checked_in_at__isnull=False).count() == 1
    assert Registration.objects.get(event=recent).email == "r@example.org"
    out = io.StringIO()
    call_command("events_retention", "--days", "90", stdout=out)
    assert "0 Anmeldungen anonymisiert" in out.getvalue()


def test_anonymised_registration_links_no_longer_open(anon_client, make_event, register):
    event = make_event(slug="alt")
    registration = register(event, "p@example.org")
    token = services.registration_token(registration)
    long_ago = timezone.now() - timedelta(days=200)
    type(event).objects.filter(pk=event.pk).update(
        starts_at=long_ago, ends_at=long_ago + timedelta(hours=1)
    )
    services.registrations_anonymise(older_than_days=90)
    assert anon_client.get(f"/veranstaltungen/anmeldung/{token}/").status_code == 404
