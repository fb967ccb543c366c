"""Every search box ranks by relevance; the list explains how the query was understood."""

from __future__ import annotations

import re
from typing import Any

import pytest


@pytest.fixture
def offers(make_offer: Any) -> dict[str, Any]:
    return {
        "beruf": make_offer("Berufsorientierung Pflege", summary="Praktika in der Pflege."),
        "aktiv": make_offer("Aktiv im Quartier", summary="Nachbarschaft und ein Deutschkurs-Café."),
        "kurs": make_offer(
            "Deutschkurs für Frauen",
            summary="Sprachkurs am Vormittag.",
            description="Mit Kinderbetreuung im Nebenraum.",
            categories=("sprache",),
            title_ar="دورة لغة ألمانية للنساء",
        ),
        "recht": make_offer("Rechtsberatung", summary="Zu Duldung und Gestattung."),
    }


def _titles(html: str) -> list[str]:
    found = re.findall(r'class="offer-card__title"><a href="[^"]+">(.*?)</a>', html)
    return [re.sub(r"<[^>]+>", "", title) for title in found]


def test_a_new_query_ranks_by_relevance_although_the_form_sends_its_old_sort(
    anon_client: Any, offers: dict[str, Any]
) -> None:
    # The Angebote form without a query shows "Name (A–Z)" and sends it with the next query.
    html = anon_client.get("/angebote/?q=Deutschkurs&sort=name&sorted_q=").content.decode()
    assert _titles(html)[0] == "Deutschkurs für Frauen"
    assert '<option value="relevance" selected>' in html


def test_a_sort_picked_for_this_query_is_kept(anon_client: Any, offers: dict[str, Any]) -> None:
    html = anon_client.get(
        "/angebote/?q=Deutschkurs&sort=name&sorted_q=Deutschkurs"
    ).content.decode()
    assert _titles(html) == ["Aktiv im Quartier", "Deutschkurs für Frauen"]


def test_the_api_ranks_by_relevance_unless_a_sort_is_given(
    anon_client: Any, offers: dict[str, Any]
) -> None:
    relevance = anon_client.get("/api/v1/offers?q=Deutschkurs").json()
    assert relevance["results"][0]["title"] == "Deutschkurs für Frauen"
    by_name = anon_client.get("/api/v1/offers?q=Deutschkurs&sort=name").json()
    assert by_name["results"][0]["title"] == "Aktiv im Quartier"


def test_the_home_page_search_sends_only_the_query(anon_client: Any, offers: Any) -> None:
    # The home page has one search, the site-wide one (offers first): it sends the query and
    # nothing else, so no stale sort can push the German course down.
    html = anon_client.get("/").content.decode()
    form = re.search(r'<form class="hero-search".*?</form>', html, re.S)
    assert form is not None
    assert 'action="/suche/"' in form.group(0)
    assert re.findall(r'name="([^"]+)"', form.group(0)) == ["q"]
    site = re.sub(r"<[^>]+>", "", anon_client.get("/suche/?q=Deutschkurs").content.decode())
    assert "Deutschkurs für Frauen" in site
    assert "Aktiv im Quartier" not in site or (
        site.index("Deutschkurs für Frauen") < site.index("Aktiv im Quartier")
    )
    result = anon_client.get("/angebote/?q=Deutschkurs").content.decode()
    assert _titles(result)[0] == "Deutschkurs für Frauen"


def test_matched_words_are_highlighted_in_title_and_summary(
    anon_client: Any, offers: dict[str, Any]
) -> None:
    html = anon_client.get("/angebote/?q=Kinderbetreuung").content.decode()
    # The summary has no match: the card shows the matching part of the description.
    assert "Mit <mark>Kinderbetreuung</mark> im Nebenraum." in html


def test_highlighting_cannot_inject_markup(anon_client: Any, make_offer: Any) -> None:
    make_offer('Kurs <img src=x onerror="alert(1)">', summary="<b>fett</b> Kurs")
    html = anon_client.get("/angebote/", {"q": "Kurs img onerror"}).content.decode()
    assert "<img src=x" not in html and "<b>fett</b>" not in html
    assert "&lt;<mark>img</mark> src=x <mark>onerror</mark>=" in html


def test_nothing_with_every_word_shows_offers_with_most_words_and_says_so(
    anon_client: Any, offers: dict[str, Any]
) -> None:
    html = anon_client.get("/angebote/?q=Deutschkurs+Quantenphysik+Frauen").content.decode()
    assert _titles(html)[0] == "Deutschkurs für Frauen"
    assert "Kein Treffer enthält alle Suchwörter" in html
    data = anon_client.get("/api/v1/offers?q=Deutschkurs+Quantenphysik+Frauen").json()
    assert data["relaxed"] is True and data["count"] >= 1


def test_a_question_in_arabic_finds_the_course_and_shows_the_german_words(
    anon_client: Any, offers: dict[str, Any]
) -> None:
    html = anon_client.get("/angebote/", {"q": "دورة لغة"}).content.decode()
    assert _titles(html)[0] == "Deutschkurs für Frauen"
    assert "Gesucht wurde:" in html and "Deutschkurs, Sprachkurs, Deutschunterricht" in html
    assert 'category=sprache">Sprache</a>' in html  # the concept's category


@pytest.mark.parametrize("query", ["курси німецької", "German course", "Almanca kursu"])
def test_questions_in_other_languages_find_the_course(
    anon_client: Any, offers: dict[str, Any], query: str
) -> None:
    data = anon_client.get("/api/v1/offers", {"q": query}).json()
    assert data["results"][0]["title"] == "Deutschkurs für Frauen"
    assert data["searched"][:2] == ["Deutschkurs", "Sprachkurs"]


def test_a_typo_offers_the_corrected_search_as_a_link(
    anon_client: Any, offers: dict[str, Any]
) -> None:
    html = anon_client.get("/angebote/?q=Rechtsberatng&district=elberfeld").content.decode()
    assert (
        'Meinten Sie „<a href="/angebote/?q=Rechtsberatung&amp;district=elberfeld" lang="de" '
        'dir="ltr">Rechtsberatung</a>“?'
    ) in html
    assert anon_client.get("/api/v1/offers?q=Rechtsberatng").json()["suggestion"] == (
        "Rechtsberatung"
    )


@pytest.mark.parametrize(
    "sorted_q", ["x" * 201, "\u202e", "'; DROP TABLE directory_offer;--", "<script>"]
)
def test_odd_sorted_q_values_never_break_the_list(
    anon_client: Any, offers: dict[str, Any], sorted_q: str
) -> None:
    response = anon_client.get(
        "/angebote/", {"q": "Deutschkurs", "sort": "name", "sorted_q": sorted_q}
    )
    assert response.status_code == 200
    assert _titles(response.content.decode())[0] == "Deutschkurs für Frauen"
