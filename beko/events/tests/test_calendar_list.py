from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from beko.events.models import Event, EventAudience, EventLanguageTag, Venue
from beko.events.selectors import upcoming_events_for

pytestmark = pytest.mark.django_db


def test_list_shows_upcoming_published_events_only(anon_client, make_event):
    make_event(slug="kommt", title_de="Bald stattfindend Termin")
    make_event(slug="entwurf", title_de="Geheimer Planungsstand", status=Event.Status.DRAFT)
    past = timezone.now() - timedelta(days=3)
    make_event(slug="vorbei", title_de="Längst vorbei Termin", starts_at=past)
    html = anon_client.get("/veranstaltungen/").content.decode()
    assert "Bald stattfindend Termin" in html
    assert "Geheimer Planungsstand" not in html and "Längst vorbei Termin" not in html
    archive = anon_client.get("/veranstaltungen/archiv/").content.decode()
    assert "Längst vorbei Termin" in archive and "Bald stattfindend Termin" not in archive


def test_list_filters_by_district_category_audience_and_language(anon_client, make_event):
    barmen = Venue.objects.create(
        name="Färberei", street="Peter-Hansen-Platz 1", postcode="42275", district="barmen"
    )
    cafe = make_event(slug="cafe", title_de="Sprachcafé Barmen", venue=barmen,
                      category=Event.Category.LANGUAGE_CAFE)  # fmt: skip
    make_event(slug="meet", title_de="Meet und Eat Elberfeld")
    EventAudience.objects.create(event=cafe, audience="refugees")
    EventLanguageTag.objects.create(event=cafe, language="ar")
    for query in ({"district": "barmen"}, {"category": "language-cafe"}, {"audience": "refugees"},
                  {"language": "ar"}, {"q": "sprachcafé"}):  # fmt: skip
        html = anon_client.get("/veranstaltungen/", query).content.decode()
        assert "Sprachcafé Barmen" in html, query
        assert "Meet und Eat Elberfeld" not in html, query


def test_invalid_filter_values_are_ignored_not_errors(anon_client, event):
    response = anon_client.get("/veranstaltungen/", {"district": "<script>", "page": "abc"})
    assert response.status_code == 200
    assert "Meet &amp; Eat" in response.content.decode()


def test_htmx_request_returns_only_results(anon_client, event):
    response = anon_client.get("/veranstaltungen/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Meet &amp; Eat" in html


def test_empty_list_explains_what_to_do(anon_client):
    html = anon_client.get("/veranstaltungen/").content.decode()
    assert "Zurzeit keine Veranstaltungen" in html


def test_upcoming_events_for_audience_and_limit(make_event):
    first = make_event(slug="a")
    second = make_event(slug="b", starts_at=timezone.now() + timedelta(days=30))
    make_event(slug="c", status=Event.Status.CANCELLED)
    EventAudience.objects.create(event=second, audience="employers")
    assert upcoming_events_for(limit=5) == [first, second]
    assert upcoming_events_for(audience="employers") == [second]
    assert upcoming_events_for(audience="unknown") == []
    assert upcoming_events_for(limit=1) == [first]


def test_home_page_shows_next_events(anon_client, event):
    html = anon_client.get("/").content.decode()
    assert "Nächste Veranstaltungen" in html and "/veranstaltungen/meet-eat/" in html


def test_english_ui_is_translated(anon_client, event):
    html = anon_client.get("/en/veranstaltungen/meet-eat/").content.decode()
    assert "Registration" in html and "Anmeldung</h2>" not in html
