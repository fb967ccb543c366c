"""The partner home: what a partner editor sees after login, and nothing of anybody else's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from beko.directory.models import Location, Offer, OfferChange, Organisation
from beko.events.models import Event

PASSWORD = "Test-Passwort-2026!"


def _old(days: int) -> Any:
    return timezone.now() - timedelta(days=days)


STALE = settings.BEKO_DIRECTORY_STALE_DAYS + 1
HIDDEN = settings.BEKO_DIRECTORY_STALE_DAYS + settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS + 1


@pytest.fixture
def third_organisation(db: Any) -> Organisation:
    return Organisation.objects.create(name="Café Grenzenlos", slug="cafe-grenzenlos")


@pytest.fixture
def two_org_partner(partner_user: Any, third_organisation: Organisation) -> Any:
    partner_user.other_organisations.add(third_organisation)
    return partner_user


def _event(organisation: Organisation, title: str, status: str, **fields: Any) -> Event:
    start = timezone.now() + timedelta(days=10)
    return Event.objects.create(
        title_de=title,
        slug=f"e-{title.lower().replace(' ', '-')}",
        category=Event.Category.MEET_EAT,
        status=status,
        organisation=organisation,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        **fields,
    )


def test_partner_login_lands_on_the_partner_home_with_a_way_to_edit(
    partner_user: Any, make_offer: Any
) -> None:
    offer = make_offer("Sprachcafé am Ölberg")
    client = Client()
    response = client.post(
        "/konto/anmelden/", {"username": "partner", "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/konto/"
    assert "Partnerbereich: Verein Brücke e. V." in html
    assert "Noch keine Bereiche verfügbar" not in html
    assert f'href="/intern/directory/angebote/{offer.pk}/"' in html
    assert f'href="/intern/directory/angebote/{offer.pk}/vorschau/"' in html
    assert 'href="/konto/">Partnerbereich</a>' in html  # the header names their area


def test_partner_home_shows_each_status_review_state_and_staff_feedback(
    partner_client: Any, make_offer: Any, partner_user: Any, organisation: Organisation
) -> None:
    make_offer("Öffentliches Angebot")
    make_offer("Entwurfsangebot", status=Offer.Status.DRAFT)
    make_offer("Altes Angebot", last_verified_at=_old(HIDDEN))
    waiting = make_offer("Angebot mit Änderung")
    OfferChange.objects.create(
        offer=waiting, organisation=organisation, data={"title": "neu"}, proposed_by=partner_user
    )
    declined = make_offer("Abgelehntes Angebot")
    OfferChange.objects.create(
        offer=declined,
        organisation=organisation,
        data={"title": "x"},
        state=OfferChange.State.REJECTED,
        decided_at=timezone.now(),
        decision_note="Bitte die Telefonnummer der Beratungsstelle ergänzen.",
    )
    OfferChange.objects.create(
        organisation=organisation, data={"title": "Ganz neues Angebot"}, proposed_by=partner_user
    )
    _event(organisation, "Stadtgespräch", Event.Status.PROPOSED)
    _event(organisation, "Meet and Eat", Event.Status.REJECTED, review_note="Bitte Ort nachtragen.")

    html = partner_client.get("/konto/").content.decode()

    assert "status-tag--public" in html and "öffentlich" in html
    assert "status-tag--draft" in html
    assert "als veraltet ausgeblendet" in html
    assert "Änderung wartet auf Prüfung" in html
    assert "Bitte die Telefonnummer der Beratungsstelle ergänzen." in html
    assert "Ganz neues Angebot" in html
    assert "Stadtgespräch" in html and "Bitte Ort nachtragen." in html
    assert "/intern/directory/angebote/neu/?organisation=" in html
    assert "/intern/events/neu/?organisation=" in html
    assert "/intern/directory/orte/neu/?organisation=" in html


def test_still_correct_is_one_post_that_resets_the_freshness_clock(
    partner_user: Any, make_offer: Any, client_for: Any
) -> None:
    stale = make_offer("Beratung am Montag", last_verified_at=_old(STALE))
    client = client_for(partner_user)
    html = client.get("/konto/").content.decode()
    assert "Stimmen diese Angaben noch?" in html
    assert f'action="/intern/directory/angebote/{stale.pk}/bestaetigen/"' in html

    response = client.post(
        f"/intern/directory/angebote/{stale.pk}/bestaetigen/",
        {"next": f"/konto/?organisation={partner_user.organisation_id}"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/konto/?organisation={partner_user.organisation_id}"
    stale.refresh_from_db()
    assert stale.last_verified_at > _old(1)
    assert "Stimmen diese Angaben noch?" not in client.get("/konto/").content.decode()


def test_still_correct_refuses_get_missing_csrf_and_foreign_redirects(
    partner_user: Any, make_offer: Any
) -> None:
    stale = make_offer("Beratung am Montag", last_verified_at=_old(STALE))
    url = f"/intern/directory/angebote/{stale.pk}/bestaetigen/"
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(partner_user)
    assert strict.post(url).status_code == 403
    assert strict.get(url).status_code == 405
    stale.refresh_from_db()
    assert stale.last_verified_at < _old(STALE - 1)

    relaxed = Client()
    relaxed.force_login(partner_user)
    response = relaxed.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == f"/intern/directory/angebote/{stale.pk}/"


def test_partner_with_two_organisations_switches_without_javascript(
    two_org_partner: Any, make_offer: Any, third_organisation: Organisation, client_for: Any
) -> None:
    make_offer("Angebot Brücke")
    other = make_offer("Angebot Café", organisation_=third_organisation)
    client = client_for(two_org_partner)

    first = client.get("/konto/").content.decode()
    assert '<select id="org-switch" name="organisation">' in first
    assert "Angebot Brücke" in first and "Angebot Café" not in first

    second = client.get(f"/konto/?organisation={third_organisation.pk}").content.decode()
    assert "Partnerbereich: Café Grenzenlos" in second
    assert "Angebot Café" in second and "Angebot Brücke" not in second
    assert client.get(f"/intern/directory/angebote/{other.pk}/").status_code == 200


def test_partner_never_sees_or_edits_another_organisations_items(
    partner_client: Any,
    make_offer: Any,
    other_organisation: Organisation,
    organisation: Organisation,
) -> None:
    make_offer("Eigenes Angebot")
    foreign = make_offer("Fremdes Angebot", organisation_=other_organisation)
    foreign_location = Location.objects.filter(organisation=other_organisation).get()
    foreign_event = _event(other_organisation, "Fremde Veranstaltung", Event.Status.DRAFT)

    # Asking for a foreign organisation shows the partner's own, never the foreign one.
    html = partner_client.get(f"/konto/?organisation={other_organisation.pk}").content.decode()
    assert "Partnerbereich: Verein Brücke e. V." in html
    assert "Fremdes Angebot" not in html and "Fremde Veranstaltung" not in html
    assert foreign_location.street not in html

    for url in (
        f"/intern/directory/angebote/{foreign.pk}/",
        f"/intern/directory/angebote/{foreign.pk}/vorschau/",
        f"/intern/directory/orte/{foreign_location.pk}/",
        f"/intern/events/{foreign_event.pk}/",
    ):
        assert partner_client.get(url).status_code == 404, url


def test_new_offers_and_events_go_to_the_chosen_own_organisation_only(
    two_org_partner: Any,
    third_organisation: Organisation,
    other_organisation: Organisation,
    organisation: Organisation,
    client_for: Any,
) -> None:
    from beko.directory.models import Category, Language

    client = client_for(two_org_partner)
    data = {
        "title": "Nähcafé",
        "summary": "Gemeinsam nähen",
        "categories": [Category.objects.get(slug="sprache").pk],
        "languages": [Language.objects.get(code="de").pk],
        "on_site": "on",
        "is_free": "on",
    }
    create = "/intern/directory/angebote/neu/"
    response = client.post(create, {**data, "organisation": third_organisation.pk})
    assert response["Location"] == f"/konto/?organisation={third_organisation.pk}"
    assert "Nähcafé" in client.get(response["Location"]).content.decode()  # waiting for review
    assert client.post(create, {**data, "organisation": other_organisation.pk}).status_code == 302
    owners = list(OfferChange.objects.order_by("pk").values_list("organisation_id", flat=True))
    assert owners == [third_organisation.pk, organisation.pk]  # the foreign one fell back


def test_partner_preview_shows_a_draft_offer_that_is_not_public(
    partner_client: Any, anon_client: Any, make_offer: Any
) -> None:
    draft = make_offer("Noch geheimes Angebot", status=Offer.Status.DRAFT)
    assert anon_client.get(f"/angebote/{draft.pk}/").status_code == 404
    response = partner_client.get(f"/intern/directory/angebote/{draft.pk}/vorschau/")
    assert response.status_code == 200
    assert "Noch geheimes Angebot" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_partner_without_organisation_sees_a_clear_message(make_user: Any) -> None:
    from beko.accounts.models import Role

    user = make_user(username="ohne", role=Role.PARTNER)
    client = Client()
    client.force_login(user)
    html = client.get("/konto/").content.decode()
    assert "noch keiner Organisation zugeordnet" in html


def test_partner_event_proposals_belong_to_an_own_organisation_only(
    two_org_partner: Any, third_organisation: Organisation, other_organisation: Organisation
) -> None:
    from beko.events import services

    start = timezone.now() + timedelta(days=5)
    base = {
        "title": "Meet and Eat",
        "category": Event.Category.MEET_EAT,
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
    }
    chosen = services.event_save(
        event=None, data={**base, "organisation_id": third_organisation.pk}, by=two_org_partner
    )
    foreign = services.event_save(
        event=None, data={**base, "organisation_id": other_organisation.pk}, by=two_org_partner
    )
    assert chosen.organisation_id == third_organisation.pk
    assert foreign.organisation_id == two_org_partner.organisation_id
    assert chosen.status == foreign.status == Event.Status.PROPOSED
    # Editing keeps the event with its own organisation.
    again = services.event_save(event=chosen, data={"title": "Meet & Eat"}, by=two_org_partner)
    assert again.organisation_id == third_organisation.pk


def test_partner_creates_a_location_for_their_second_organisation_not_a_foreign_one(
    two_org_partner: Any,
    third_organisation: Organisation,
    other_organisation: Organisation,
    organisation: Organisation,
    client_for: Any,
) -> None:
    from beko.directory.models import District

    client = client_for(two_org_partner)
    data = {"street": "Hofaue 1", "postal_code": "42103", "city": "Wuppertal",
            "district": District.objects.first().pk}  # fmt: skip
    for asked in (third_organisation, other_organisation):
        response = client.post(f"/intern/directory/orte/neu/?organisation={asked.pk}", data)
        assert response.status_code == 302
    owners = list(Location.objects.order_by("pk").values_list("organisation_id", flat=True))
    assert owners == [third_organisation.pk, organisation.pk]


def test_admins_assign_further_organisations_in_the_user_admin(
    admin_client_: Any, partner_user: Any
) -> None:
    response = admin_client_.get(f"/admin/accounts/user/{partner_user.pk}/change/")
    assert response.status_code == 200
    assert 'name="other_organisations"' in response.content.decode()


@pytest.mark.parametrize(
    "asked", ["<script>alert(1)</script>", "1 OR 1=1", "9" * 40, "١", "-1", "", "\u202e7"]
)
def test_hostile_organisation_choices_show_the_partners_own_home(
    partner_client: Any, asked: str
) -> None:
    response = partner_client.get("/konto/", {"organisation": asked})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Partnerbereich: Verein Brücke e. V." in html
    assert "<script>alert(1)</script>" not in html


def test_freshness_reminders_reach_editors_of_a_further_organisation_too(
    partner_user: Any, make_user: Any, make_offer: Any, third_organisation: Organisation
) -> None:
    from django.core import mail
    from django.core.management import call_command

    from beko.accounts.models import Role

    helper = make_user(username="helfer", role=Role.PARTNER, organisation=third_organisation)
    helper.other_organisations.add(partner_user.organisation)
    make_offer("Prüfung fällig", last_verified_at=_old(STALE))
    call_command("directory_freshness")
    reminder = next(m for m in mail.outbox if m.subject == "Bitte prüfen: Prüfung fällig")
    assert sorted(reminder.to) == sorted([partner_user.email, helper.email])
