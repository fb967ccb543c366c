"""A partner's edit of a place waits for staff approval, like an offer edit."""

from __future__ import annotations

from typing import Any

import pytest

from beko.directory.models import District, Location, LocationChange

pytestmark = pytest.mark.django_db


def _post(client: Any, location: Location, **values: Any) -> Any:
    data = {
        "name": location.name, "street": location.street, "postal_code": location.postal_code,
        "city": location.city, "district": location.district_id, "latitude": "", "longitude": "",
        "accessibility_notes": "", "transit_hint": "",
    }  # fmt: skip
    data.update(values)
    return client.post(f"/intern/directory/orte/{location.pk}/", data)


def test_partner_location_edit_is_not_public_before_approval(
    partner_client: Any, staff_client: Any, client: Any, make_offer: Any
) -> None:
    offer = make_offer("Sprachcafé")
    location = offer.locations.get()
    old_street = location.street
    response = _post(partner_client, location, street="Fake-Allee 666")
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.street == old_street
    assert "Fake-Allee" not in client.get(f"/angebote/{offer.pk}/").content.decode()
    change = LocationChange.objects.get()
    assert (
        change.state == LocationChange.State.PENDING and change.data["street"] == "Fake-Allee 666"
    )

    listing = staff_client.get("/intern/directory/freigaben/").content.decode()
    assert f"/intern/directory/freigaben/orte/{change.pk}/" in listing
    detail = staff_client.get(f"/intern/directory/freigaben/orte/{change.pk}/").content.decode()
    assert old_street in detail and "Fake-Allee 666" in detail
    assert partner_client.get(f"/intern/directory/freigaben/orte/{change.pk}/").status_code in {
        302,
        403,
    }
    staff_client.post(f"/intern/directory/freigaben/orte/{change.pk}/", {"decision": "approve"})
    location.refresh_from_db()
    assert location.street == "Fake-Allee 666"
    assert "Fake-Allee 666" in client.get(f"/angebote/{offer.pk}/").content.decode()


def test_rejected_location_change_leaves_the_place_as_it_was(
    partner_client: Any, staff_client: Any, make_offer: Any
) -> None:
    location = make_offer("Sprachcafé").locations.get()
    _post(partner_client, location, district=District.objects.last().pk, street="Anderswo 1")
    change = LocationChange.objects.get()
    staff_client.post(
        f"/intern/directory/freigaben/orte/{change.pk}/",
        {"decision": "reject", "note": "Adresse stimmt nicht"},
    )
    change.refresh_from_db()
    assert change.state == LocationChange.State.REJECTED
    assert Location.objects.get(pk=location.pk).street != "Anderswo 1"


def test_staff_location_edit_is_published_at_once(staff_client: Any, make_offer: Any) -> None:
    location = make_offer("Sprachcafé").locations.get()
    assert _post(staff_client, location, street="Neue Straße 2").status_code == 302
    location.refresh_from_db()
    assert location.street == "Neue Straße 2" and not LocationChange.objects.exists()
