"""Links and API calls from before the shared audience codes (issue 19) still work."""

from __future__ import annotations

import pytest

from beko.events.models import EventAudience

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(make_event):
    for slug, code in (("beratung", "counselling"), ("verein", "associations"),
                       ("ehrenamt", "volunteers")):  # fmt: skip
        EventAudience.objects.create(event=make_event(slug=slug), audience=code)


def test_api_takes_the_former_organisations_as_counselling_and_associations(anon_client, tagged):
    data = anon_client.get("/api/v1/events", {"audience": "organisations"}).json()
    assert sorted(e["slug"] for e in data) == ["beratung", "verein"]
    data = anon_client.get("/api/v1/events", {"audience": "counselling"}).json()
    assert [e["slug"] for e in data] == ["beratung"]


def test_calendar_takes_the_former_organisations(anon_client, tagged):
    html = anon_client.get("/veranstaltungen/", {"audience": "organisations"}).content.decode()
    assert "/veranstaltungen/beratung/" in html and "/veranstaltungen/verein/" in html
    assert "/veranstaltungen/ehrenamt/" not in html
