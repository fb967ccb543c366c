from datetime import timedelta

import pytest
from django.utils import timezone

from beko.news.search import index_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indexed_pages(audience_pages):
    index_all()


def _search(client, q, **extra):
    """The page's HTML with the highlighting taken out, so texts can be found whole
    (test_matched_words_are_highlighted_safely checks the marks)."""
    response = client.get("/suche/", {"q": q, **extra})
    assert response.status_code == 200
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")


def test_published_news_is_found_with_a_grouped_count(anon_client, make_news):
    make_news(title="Sprachcafé im Stadtteilzentrum", teaser="Jeden Dienstag im Quartier.")
    html = _search(anon_client, "Sprachcafe")
    assert 'id="gruppe-news"' in html
    assert "Sprachcafé im Stadtteilzentrum" in html
    assert 'Aktuelles <span class="search-group__count">(1)</span>' in html


def test_drafts_and_scheduled_news_stay_out_of_search_until_their_time(
    anon_client, make_news, monkeypatch
):
    make_news(title="Geheimer Entwurf Zauberwort", status="draft")
    make_news(title="Geplante Zauberwort Meldung", status="scheduled", delta=timedelta(hours=1))
    html = _search(anon_client, "Zauberwort")
    assert "Geheimer Entwurf" not in html and "Geplante Zauberwort" not in html
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = _search(anon_client, "Zauberwort")
    assert "Geplante Zauberwort Meldung" in html
    assert "Geheimer Entwurf" not in html


def test_unpublished_news_leaves_the_index(staff_client, anon_client, make_news):
    item = make_news(title="Bald zurückgezogen Flugblatt")
    assert "Bald zurückgezogen" in _search(anon_client, "Flugblatt")
    staff_client.post(f"/intern/news/{item.pk}/zurueckziehen/")
    assert "Bald zurückgezogen" not in _search(anon_client, "Flugblatt")


def test_audience_pages_and_info_pages_are_found(anon_client):
    html = _search(anon_client, "Ausbildungsduldung")
    assert 'id="gruppe-pages"' in html
    assert "Für Unternehmen" in html
    html = _search(anon_client, "Impressum")
    assert "/seite/impressum/" in html


def test_staff_edits_of_audience_pages_are_searchable_at_once(staff_client, anon_client):
    from beko.news.models import AudiencePage

    page = AudiencePage.objects.get(audience="associations")
    staff_client.post(
        f"/intern/news/seiten/{page.pk}/",
        {"title": "Für Vereine", "body": "<p>Quartiersnetzwerk Ostersbaum</p>"},
    )
    assert "Für Vereine" in _search(anon_client, "Ostersbaum")


def test_one_group_lists_every_hit_with_pagination(anon_client, make_news):
    for number in range(23):
        make_news(title=f"Netzwerktreffen Folge {number}", delta=timedelta(hours=-number - 1))
    html = _search(anon_client, "Netzwerktreffen")
    assert "Alle 23 Treffer" in html
    html = _search(anon_client, "Netzwerktreffen", bereich="news", page=2)
    assert "Seite 2 von 2" in html
    assert html.count('class="search-result"') == 3


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        '" AND "',
        "مساعدة العمل",
        "‮evil",
        "*",
        "NEAR(a b)",
        "a" * 199,
    ],
)
def test_hostile_or_foreign_queries_are_answered_safely(anon_client, make_news, query):
    make_news(title="Harmlos")
    html = _search(anon_client, query)
    assert "<script>alert(1)</script>" not in html


def test_overlong_query_gets_a_clear_message(anon_client):
    html = _search(anon_client, "x" * 201)
    assert "höchstens 200 Zeichen" in html


def test_empty_query_shows_a_hint_and_no_results(anon_client):
    html = _search(anon_client, "")
    assert "Geben Sie einen Suchbegriff ein" in html


def test_no_hits_offers_the_hotline(anon_client, settings):
    html = _search(anon_client, "Quxzyplonk")
    assert "Leider nichts gefunden" in html
    assert settings.BEKO_OFFICE["hotline"] in html


def test_search_result_pages_are_not_indexed_by_search_engines(anon_client):
    html = _search(anon_client, "Arbeit")
    assert '<meta name="robots" content="noindex">' in html


def test_offers_are_searched_with_the_directory_index_and_only_public_ones(
    anon_client, organisation
):
    from .conftest import create_offer

    create_offer(title="Deutschkurs für Eltern", organisation=organisation)
    create_offer(title="Deutschkurs Entwurf", organisation=organisation, status="draft")
    html = _search(anon_client, "Deutschkurs")
    group = html.split('id="gruppe-offers"', 1)[1].split("</section>", 1)[0]
    assert "Deutschkurs für Eltern" in group
    assert "Deutschkurs Entwurf" not in html


def test_events_are_found_and_drafts_are_not(anon_client):
    from .conftest import create_event

    create_event(title="Sprachcafe Oberbarmen", audience="volunteers")
    create_event(title="Sprachcafe Geheim", audience="volunteers", status="draft")
    html = _search(anon_client, "Sprachcafe")
    group = html.split('id="gruppe-events"', 1)[1].split("</section>", 1)[0]
    assert "Sprachcafe Oberbarmen" in group
    assert "Sprachcafe Geheim" not in html


def test_edited_event_is_found_under_its_new_title(anon_client):
    from .conftest import create_event

    event = create_event(title="Infoabend Alt", audience="volunteers")
    assert "Infoabend Alt" in _search(anon_client, "Infoabend")
    event.title = event.title_de = "Infoabend Jobcenter"
    event.save()
    assert "Infoabend Jobcenter" in _search(anon_client, "Jobcenter")


def test_results_are_grouped_across_offers_news_pages_and_events(
    anon_client, organisation, make_news
):
    from .conftest import create_event, create_offer

    create_offer(title="Bewerbungstraining Barmen", organisation=organisation)
    make_news(title="Neues Bewerbungstraining startet")
    create_event(title="Bewerbungstraining kompakt", audience="volunteers")
    html = _search(anon_client, "Bewerbungstraining")
    order = [html.index(f'id="gruppe-{key}"') for key in ("offers", "news", "events")]
    assert order == sorted(order)
    assert "3 Treffer" in html


def test_news_list_searches_within_news(anon_client, make_news):
    make_news(title="Stadtgespräche in Vohwinkel")
    make_news(title="Etwas ganz anderes")
    html = anon_client.get("/aktuelles/", {"q": "Vohwinkel"}).content.decode()
    assert "Stadtgespräche in Vohwinkel" in html
    assert "Etwas ganz anderes" not in html


def test_faq_entries_are_found_and_drafts_are_not(anon_client):
    from .conftest import create_faq

    create_faq(question="Darf ich mit Duldung ein Praktikum machen?")
    create_faq(question="Praktikum Entwurf Frage", status="draft")
    html = _search(anon_client, "Praktikum")
    group = html.split('id="gruppe-faq"', 1)[1].split("</section>", 1)[0]
    assert "Darf ich mit Duldung ein Praktikum machen?" in group
    assert "Praktikum Entwurf Frage" not in html
