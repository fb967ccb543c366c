"""Site search: the guide is searched too and leads for status words; translated queries,
typo links and highlighting as on the Angebote page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import create_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(organisation: Any) -> list[Any]:
    return [
        create_offer(title="Deutschkurs für Frauen", organisation=organisation),
        create_offer(title="Rechtsberatung bei Duldung", organisation=organisation),
        create_offer(title="Integrationskurs am Abend", organisation=organisation),
    ]


def _group_order(html: str) -> list[str]:
    return re.findall(r'<section class="search-group" id="gruppe-([a-z]+)"', html)


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("Duldung", "/wege-in-arbeit/?status=duldung"),
        ("Beschäftigungsduldung", "/wege-in-arbeit/?status=beschaeftigungsduldung"),
        ("Arbeitserlaubnis", "/wege-in-arbeit/"),
        ("Aufenthaltsgestattung", "/wege-in-arbeit/?status=gestattung"),
    ],
)
def test_status_words_lead_to_the_guide_first(
    anon_client: Any, offers: list[Any], query: str, url: str
) -> None:
    html = anon_client.get("/suche/", {"q": query}).content.decode()
    assert _group_order(html)[0] == "guide"
    section = html.split('id="gruppe-guide"', 1)[1].split("</section>", 1)[0]
    assert f'href="{url}"' in section.split("</li>", 1)[0]


def test_a_german_course_query_starts_with_the_offers(anon_client: Any, offers: list[Any]) -> None:
    html = anon_client.get("/suche/", {"q": "Deutschkurs"}).content.decode()
    assert _group_order(html)[0] == "offers"
    first = html.split('id="gruppe-offers"', 1)[1].split("</li>", 1)[0]
    assert "<mark>Deutschkurs</mark> für Frauen" in first


def test_a_question_in_ukrainian_reaches_the_guide_and_shows_the_german_words(
    anon_client: Any, offers: list[Any]
) -> None:
    html = anon_client.get("/suche/", {"q": "дозвіл на роботу"}).content.decode()
    assert "Gesucht wurde:" in html and "Arbeitserlaubnis" in html
    assert _group_order(html)[0] == "guide"


def test_a_typo_gets_a_did_you_mean_link(anon_client: Any, offers: list[Any]) -> None:
    html = anon_client.get("/suche/", {"q": "Rechtsberatng"}).content.decode()
    assert 'Meinten Sie „<a href="/suche/?q=Rechtsberatung"' in html


def test_the_guide_group_can_be_listed_alone(anon_client: Any, offers: list[Any]) -> None:
    html = anon_client.get("/suche/", {"q": "Duldung", "bereich": "guide"}).content.decode()
    assert "/wege-in-arbeit/?status=duldung" in html and 'id="gruppe-offers"' not in html


def test_guide_documents_name_every_status_with_its_address() -> None:
    from beko.guide.labels import STATUS_LABELS
    from beko.guide.selectors import search_documents

    documents = {d.key: d for d in search_documents()}
    assert documents["start"].url == "/wege-in-arbeit/"
    for status in STATUS_LABELS:
        if status != "unknown":
            assert documents[f"status:{status}"].url == f"/wege-in-arbeit/?status={status}"
    assert "Duldung" in documents["status:duldung"].title
    assert documents["status:duldung"].body  # the rules' explanations for that status


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("Fiktionsbescheinigung", "/wege-in-arbeit/begriffe/#fiktionsbescheinigung"),
        ("Ausländerbehörde", "/wege-in-arbeit/begriffe/#auslaenderbehoerde"),
        ("Ankunftsnachweis", "/wege-in-arbeit/"),
    ],
)
def test_legal_terms_find_the_guides_glossary_and_papers(
    anon_client: Any, offers: list[Any], query: str, url: str
) -> None:
    html = anon_client.get("/suche/", {"q": query}).content.decode()
    assert _group_order(html)[0] == "guide"
    section = html.split('id="gruppe-guide"', 1)[1].split("</section>", 1)[0]
    assert f'href="{url}' in section
