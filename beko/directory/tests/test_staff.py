from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from beko.directory.models import Category, Language, Offer, OfferChange, OfferReport, OfferRevision
from beko.directory.tokens import verify_token_for


def _form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Neuer Sprachkurs",
        "summary": "Deutsch lernen am Nachmittag",
        "description": "",
        "categories": [Category.objects.get(slug="sprache").pk],
        "languages": [Language.objects.get(code="de").pk],
        "on_site": "on",
        "is_free": "on",
        "opening_hours": "Mo 14:00-16:00\nMi 14:00-16:00",
    }
    data.update(overrides)
    return data


@pytest.fixture
def offer(make_offer: Any) -> Any:
    return make_offer("Sprachcafé", categories=("sprache",))


def test_anonymous_users_are_sent_to_login(anon_client: Any, offer: Any) -> None:
    for url in (
        "/intern/directory/",
        "/intern/directory/angebote/",
        f"/intern/directory/angebote/{offer.pk}/",
    ):
        response = anon_client.get(url)
        assert response.status_code == 302 and "/konto/" in response["Location"]


def test_partner_cannot_open_staff_only_pages(partner_client: Any, offer: Any) -> None:
    for url in (
        "/intern/directory/",
        "/intern/directory/freigaben/",
        "/intern/directory/import/",
        "/intern/directory/export.csv",
    ):
        assert partner_client.get(url).status_code == 403


def test_partner_cannot_see_other_organisations_offers(
    partner_client: Any, make_offer: Any, other_organisation: Any
) -> None:
    foreign = make_offer("Fremdes Angebot", organisation_=other_organisation)
    assert partner_client.get(f"/intern/directory/angebote/{foreign.pk}/").status_code == 404
    assert (
        partner_client.post(f"/intern/directory/angebote/{foreign.pk}/", _form_data()).status_code
        == 404
    )
    assert (
        partner_client.post(f"/intern/directory/angebote/{foreign.pk}/bestaetigen/").status_code
        == 404
    )
    assert (
        "Fremdes Angebot" not in partner_client.get("/intern/directory/angebote/").content.decode()
    )


def test_partner_changes_wait_for_approval_then_go_live_with_history(
    partner_client: Any, staff_client: Any, offer: Any, anon_client: Any
) -> None:
    response = partner_client.post(
        f"/intern/directory/angebote/{offer.pk}/", _form_data(title="Sprachcafé am Abend")
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Sprachcafé"  # not live yet
    change = OfferChange.objects.get(state=OfferChange.State.PENDING)
    review = staff_client.get(f"/intern/directory/freigaben/{change.pk}/").content.decode()
    assert "Sprachcafé am Abend" in review and "<del>Sprachcafé</del>" in review
    staff_client.post(f"/intern/directory/freigaben/{change.pk}/", {"decision": "approve"})
    offer.refresh_from_db()
    assert offer.title == "Sprachcafé am Abend"
    assert offer.opening_hours.count() == 2
    revision = OfferRevision.objects.filter(offer=offer, action="updated").get()
    assert revision.changes["title"] == ["Sprachcafé", "Sprachcafé am Abend"]
    # The search index follows the approved change.
    assert (
        "Sprachcafé am <mark>Abend</mark>" in anon_client.get("/angebote/?q=Abend").content.decode()
    )


def test_rejected_change_leaves_the_offer_alone(
    partner_client: Any, staff_client: Any, offer: Any
) -> None:
    partner_client.post(f"/intern/directory/angebote/{offer.pk}/", _form_data(title="Falsch"))
    change = OfferChange.objects.get()
    staff_client.post(
        f"/intern/directory/freigaben/{change.pk}/", {"decision": "reject", "note": "bitte Quelle"}
    )
    change.refresh_from_db()
    offer.refresh_from_db()
    assert change.state == OfferChange.State.REJECTED and offer.title == "Sprachcafé"


def test_partner_new_offer_waits_for_approval(
    partner_client: Any, staff_client: Any, organisation: Any
) -> None:
    partner_client.post("/intern/directory/angebote/neu/", _form_data())
    assert not Offer.objects.filter(title="Neuer Sprachkurs").exists()
    change = OfferChange.objects.get()
    assert change.offer is None and change.organisation == organisation
    staff_client.post(f"/intern/directory/freigaben/{change.pk}/", {"decision": "approve"})
    assert Offer.objects.get(title="Neuer Sprachkurs").organisation == organisation


def test_staff_edit_directly_and_record_history(
    staff_client: Any, offer: Any, staff_user: Any
) -> None:
    staff_client.post(
        f"/intern/directory/angebote/{offer.pk}/", _form_data(title="Sprachcafé international")
    )
    offer.refresh_from_db()
    assert offer.title == "Sprachcafé international"
    assert offer.verified_by == staff_user
    assert OfferRevision.objects.filter(offer=offer, by=staff_user, action="updated").exists()
    html = staff_client.get(f"/intern/directory/angebote/{offer.pk}/").content.decode()
    assert "Verlauf" in html and "Titel" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Dieses Feld ist zwingend erforderlich"),
        ({"opening_hours": "Montag früh"}, "Zeile 1"),
        ({"opening_hours": "Mo 12:00-10:00"}, "Ende muss nach dem Beginn"),
        ({"on_site": ""}, "mindestens eine Form"),
        ({"valid_from": "2026-05-01", "valid_until": "2026-04-01"}, "nicht vor dem Beginn"),
        ({"title": "x" * 201}, "höchstens 200 Zeichen"),
        ({"contact_email": "<script>"}, "gültige E-Mail-Adresse"),
    ],
)
def test_invalid_offer_forms_show_errors_and_keep_input(
    staff_client: Any, offer: Any, overrides: dict[str, Any], message: str
) -> None:
    response = staff_client.post(
        f"/intern/directory/angebote/{offer.pk}/", _form_data(summary="Bleibt stehen", **overrides)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Bleibt stehen" in html
    offer.refresh_from_db()
    assert offer.summary != "Bleibt stehen"


def test_dashboard_shows_counts_oldest_and_reports(staff_client: Any, make_offer: Any) -> None:
    old = make_offer("Lange nicht geprüft", last_verified_at=timezone.now() - timedelta(days=200))
    OfferReport.objects.create(offer=old, message="Telefonnummer falsch")
    html = staff_client.get("/intern/directory/").content.decode()
    assert "Lange nicht geprüft" in html and "Telefonnummer falsch" in html
    report = OfferReport.objects.get()
    staff_client.post(f"/intern/directory/hinweise/{report.pk}/erledigt/")
    report.refresh_from_db()
    assert report.state == OfferReport.State.DONE


def test_freshness_command_reminds_partners_and_tells_staff(
    make_offer: Any, partner_user: Any, staff_user: Any, client: Any
) -> None:
    from django.core.management import call_command

    stale = make_offer("Prüfung fällig", last_verified_at=timezone.now() - timedelta(days=181))
    hidden = make_offer("Ausgeblendet", last_verified_at=timezone.now() - timedelta(days=241))
    make_offer("Frisch")
    call_command("directory_freshness")
    subjects = sorted(m.subject for m in mail.outbox)
    assert "Bitte prüfen: Prüfung fällig" in subjects
    assert any("nicht mehr öffentlich" in s for s in subjects)
    reminder = next(m for m in mail.outbox if m.subject == "Bitte prüfen: Prüfung fällig")
    assert reminder.to == [partner_user.email]
    link = next(line for line in reminder.body.splitlines() if "/bestaetigen/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    # GET only shows the question; the POST confirms (mail scanners follow links).
    assert client.get("/" + path).status_code == 200
    stale.refresh_from_db()
    assert stale.last_verified_at < timezone.now() - timedelta(days=180)
    client.post("/" + path)
    stale.refresh_from_db()
    assert stale.last_verified_at > timezone.now() - timedelta(minutes=1)
    assert stale.reminder_sent_at is None
    # Running again sends nothing new.
    mail.outbox.clear()
    call_command("directory_freshness")
    assert mail.outbox == []
    assert hidden.revisions.filter(action="hidden_stale").count() == 1


def test_verify_link_rejects_forged_and_expired_tokens(
    client: Any, offer: Any, partner_user: Any
) -> None:
    assert client.get("/angebote/bestaetigen/kaputt/").status_code == 400
    token = verify_token_for(offer=offer, user=partner_user)
    assert client.get(f"/angebote/bestaetigen/{token[:-2]}xx/").status_code == 400
    from unittest import mock

    with mock.patch(
        "django.core.signing.time.time", return_value=timezone.now().timestamp() + 31 * 86400
    ):
        response = client.post(f"/angebote/bestaetigen/{token}/")
    assert response.status_code == 400 and "abgelaufen" in response.content.decode()


def test_staff_status_change_and_partner_cannot(
    staff_client: Any, partner_client: Any, offer: Any
) -> None:
    assert (
        partner_client.post(
            f"/intern/directory/angebote/{offer.pk}/status/", {"status": "archived"}
        ).status_code
        == 403
    )
    staff_client.post(f"/intern/directory/angebote/{offer.pk}/status/", {"status": "archived"})
    offer.refresh_from_db()
    assert offer.status == "archived"


def test_partner_manages_own_locations_only(
    partner_client: Any, make_offer: Any, other_organisation: Any
) -> None:
    foreign = make_offer("X", organisation_=other_organisation).locations.get()
    assert partner_client.get(f"/intern/directory/orte/{foreign.pk}/").status_code == 404
    from beko.directory.models import District, Location

    response = partner_client.post(
        "/intern/directory/orte/neu/",
        {
            "street": "Neue Straße 1",
            "postal_code": "4210",
            "city": "Wuppertal",
            "district": District.objects.first().pk,
        },
    )
    assert "fünfstellige Postleitzahl" in response.content.decode()
    partner_client.post(
        "/intern/directory/orte/neu/",
        {
            "street": "Neue Straße 1",
            "postal_code": "42103",
            "city": "Wuppertal",
            "district": District.objects.first().pk,
        },
    )
    assert Location.objects.get(street="Neue Straße 1").organisation.name == "Verein Brücke e. V."
