from __future__ import annotations

import pytest

from beko.events import services
from beko.events.models import Event, EventAudience

pytestmark = pytest.mark.django_db


def test_api_lists_upcoming_public_events(anon_client, event, make_event):
    make_event(slug="entwurf", status=Event.Status.DRAFT)
    response = anon_client.get("/api/v1/events")
    assert response.status_code == 200
    data = response.json()
    assert [e["slug"] for e in data] == ["meet-eat"]
    assert data[0]["venue"]["district"] == "elberfeld"
    assert data[0]["ics_url"].endswith("/veranstaltungen/meet-eat.ics")


def test_api_filters_by_audience(anon_client, event, make_event):
    other = make_event(slug="fuer-firmen")
    EventAudience.objects.create(event=other, audience="employers")
    data = anon_client.get("/api/v1/events", {"audience": "employers"}).json()
    assert [e["slug"] for e in data] == ["fuer-firmen"]


@pytest.mark.parametrize(
    "query",
    [{"audience": "<script>"}, {"district": "atlantis"}, {"limit": "0"}, {"limit": "101"},
     {"limit": "viele"}, {"category": "' OR 1=1 --"}],
)  # fmt: skip
def test_api_rejects_invalid_parameters_with_problem_details(anon_client, query):
    response = anon_client.get("/api/v1/events", query)
    assert response.status_code in {400, 422}
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == response.status_code


def test_api_detail_has_programme_and_free_seats(anon_client, event, add_session, register):
    add_session(event, "Bezirk A", 5)
    register(event, "a@example.org", session=event.programme.get())
    data = anon_client.get("/api/v1/events/meet-eat").json()
    assert data["programme"][0]["title"] == "Bezirk A"
    assert data["seats_free"] == 9


def test_api_detail_of_unpublished_or_unknown_event_is_404(anon_client, make_event):
    make_event(slug="entwurf", status=Event.Status.DRAFT)
    for slug in ("entwurf", "gibt-es-nicht", "ü" * 300):
        response = anon_client.get(f"/api/v1/events/{slug}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_cached_event_responses_change_at_once_after_registration_and_staff_edit(
    anon_client, event, register, staff_user
):
    urls = ["/api/v1/events/meet-eat", "/api/v1/events", "/veranstaltungen/"]
    for url in urls:
        anon_client.get(url)
        assert anon_client.get(url)["X-Cache"] == "hit"
    register(event, "a@example.org")
    assert anon_client.get("/api/v1/events/meet-eat").json()["seats_free"] == 9
    services.event_save(event=event, data={"title": "Meet & Eat im Rathaus"}, by=staff_user)
    for url in urls:
        assert "Eat im Rathaus" in anon_client.get(url).content.decode(), url
