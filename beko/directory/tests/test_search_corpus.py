"""The search quality corpus: queries as users type them, with the offer that must come first.

Runs unchanged on SQLite (FTS5) and PostgreSQL (tsvector + pg_trgm); `make test` runs both.
"""

from __future__ import annotations

from typing import Any

import pytest

from beko.directory.selectors import OfferFilters, offer_search

CORPUS_OFFERS = [
    # (title, summary, description, district)
    (
        "Deutschkurs für Frauen mit Kinderbetreuung",
        "Sprachkurs A1 bis B1 am Vormittag, Kinder werden betreut.",
        "Für Mütter mit kleinen Kindern.",
        "barmen",
    ),
    (
        "Integrationskurs am Abend",
        "BAMF-Integrationskurs mit Orientierungskurs.",
        "Abendkurs für Berufstätige.",
        "elberfeld",
    ),
    (
        "Bewerbungshilfe auf Arabisch",
        "Wir helfen bei Lebenslauf und Anschreiben.",
        "Beratung auf Arabisch und Deutsch.",
        "oberbarmen",
    ),
    (
        "Beratung zur Anerkennung ausländischer Abschlüsse",
        "Anerkennungsberatung für Berufe und Studium.",
        "Wir prüfen, welche Stelle zuständig ist.",
        "elberfeld",
    ),
    ("Schuldnerberatung", "Hilfe bei Schulden und Mahnungen.", "Kostenlose Beratung.", "vohwinkel"),
    (
        "Migrationsberatung für Erwachsene",
        "MBE: Beratung zu Aufenthalt, Arbeit und Familie.",
        "Offene Sprechstunde.",
        "elberfeld-west",
    ),
    (
        "Jugendmigrationsdienst",
        "Beratung für junge Menschen bis 27.",
        "Schule, Ausbildung, Beruf.",
        "heckinghausen",
    ),
    (
        "Sprachcafé im Stadtteilzentrum",
        "Deutsch sprechen üben bei Kaffee und Kuchen.",
        "Jeden Mittwoch, ohne Anmeldung.",
        "ronsdorf",
    ),
    (
        "Patenschaften für Familien",
        "Ehrenamtliche begleiten neu zugewanderte Familien.",
        "Mentoring im Alltag.",
        "cronenberg",
    ),
    (
        "Wohnungssuche leicht gemacht",
        "Unterstützung bei der Suche nach einer Wohnung.",
        "Besichtigungen, Mietvertrag, WBS.",
        "langerfeld-beyenburg",
    ),
    (
        "Frauentreff international",
        "Begegnung für Frauen aus aller Welt.",
        "Mit Kinderbetreuung.",
        "uellendahl-katernberg",
    ),
    (
        "Rechtsberatung im Asylverfahren",
        "Unabhängige Rechtsberatung zu Duldung und Gestattung.",
        "Termine nach Vereinbarung.",
        "elberfeld",
    ),
    (
        "Ausbildungsplatzbörse",
        "Ausbildungsplätze im Handwerk finden.",
        "Vermittlung in Betriebe.",
        "barmen",
    ),
    (
        "Jobcoaching für Geflüchtete",
        "Begleitung in Arbeit und Beschäftigung.",
        "Individuelle Beratung.",
        "elberfeld",
    ),
    (
        "Gesundheitssprechstunde",
        "Ärztliche Beratung ohne Krankenversicherung.",
        "Mit Dolmetscher.",
        "oberbarmen",
    ),
    (
        "Hausaufgabenhilfe für Schulkinder",
        "Unterstützung nach der Schule.",
        "Montags bis donnerstags.",
        "vohwinkel",
    ),
    (
        "Fahrradwerkstatt",
        "Gemeinsam Fahrräder reparieren.",
        "Treffpunkt für alle.",
        "heckinghausen",
    ),
    (
        "Begegnungscafé Mülheimer Straße",
        "Offener Treff in der Mülheimer Straße.",
        "Kaffee und Gespräche.",
        "elberfeld",
    ),
    (
        "Kita-Platz-Beratung",
        "Hilfe bei der Suche nach einem Kindergarten.",
        "Anmeldung, Kosten, Kita-Navigator.",
        "ronsdorf",
    ),
    (
        "Dolmetscherpool",
        "Ehrenamtliche Sprachmittlung für Termine bei Behörden.",
        "Arabisch, Farsi, Tigrinya.",
        "elberfeld-west",
    ),
    (
        "Nähwerkstatt",
        "Nähen lernen und Kleidung reparieren.",
        "Für Frauen und Männer.",
        "cronenberg",
    ),
    (
        "Computerkurs für Einsteiger",
        "Umgang mit E-Mail, Internet und Online-Formularen.",
        "Kleine Gruppen.",
        "barmen",
    ),
    (
        "Sportangebote für Jugendliche",
        "Fußball und Boxen im Verein.",
        "Kostenlos.",
        "langerfeld-beyenburg",
    ),
    (
        "Beratung für Arbeitgeber",
        "Beschäftigung von Geflüchteten: Erlaubnis, Förderung, Ansprechpartner.",
        "Für Betriebe aller Größen.",
        "elberfeld",
    ),
    (
        "Hilfe beim Bürgergeld-Antrag",
        "Unterstützung bei Anträgen im Jobcenter.",
        "Weiterbewilligung und Bescheide.",
        "oberbarmen",
    ),
    (
        "Straßenfest-Team",
        "Ehrenamt bei Stadtteilfesten.",
        "Engagement im Quartier.",
        "uellendahl-katernberg",
    ),
]

# (query, title that must be first)
QUERIES = [
    (
        "Deutschkurs für Frauen mit Kinderbetreuung in Barmen",
        "Deutschkurs für Frauen mit Kinderbetreuung",
    ),
    ("Bewerbungshilfe auf Arabisch", "Bewerbungshilfe auf Arabisch"),
    ("Beratung Anerkennung Abschluss", "Beratung zur Anerkennung ausländischer Abschlüsse"),
    # stemming
    ("Deutschkurse", "Deutschkurs für Frauen mit Kinderbetreuung"),
    ("Integrationskurse", "Integrationskurs am Abend"),
    ("Schuldnerberatungen", "Schuldnerberatung"),
    ("Patenschaft", "Patenschaften für Familien"),
    ("Fahrräder", "Fahrradwerkstatt"),
    # umlauts and ß
    ("Muelheimer Strasse", "Begegnungscafé Mülheimer Straße"),
    ("mülheimer straße", "Begegnungscafé Mülheimer Straße"),
    ("Naehwerkstatt", "Nähwerkstatt"),
    ("Strassenfest", "Straßenfest-Team"),
    ("Sprachcafe", "Sprachcafé im Stadtteilzentrum"),
    # prefix
    ("Schuldn", "Schuldnerberatung"),
    ("Fahrradw", "Fahrradwerkstatt"),
    ("Hausaufg", "Hausaufgabenhilfe für Schulkinder"),
    ("Computerk", "Computerkurs für Einsteiger"),
    # typos
    ("Bewerbngshilfe", "Bewerbungshilfe auf Arabisch"),
    ("Schuldnerbratung", "Schuldnerberatung"),
    ("Fahradwerkstatt", "Fahrradwerkstatt"),
    ("Jugendmigratonsdienst", "Jugendmigrationsdienst"),
    ("Nähwerkstat", "Nähwerkstatt"),
    # synonyms
    ("Sprachkurs Barmen", "Deutschkurs für Frauen mit Kinderbetreuung"),
    ("Kindergarten", "Kita-Platz-Beratung"),
    ("Job Begleitung", "Jobcoaching für Geflüchtete"),
    ("Dolmetscher Behörde", "Dolmetscherpool"),
    ("Wohnung", "Wohnungssuche leicht gemacht"),
    # ranking: title beats summary and description
    ("Migrationsberatung", "Migrationsberatung für Erwachsene"),
    ("Rechtsberatung Duldung", "Rechtsberatung im Asylverfahren"),
    ("Arbeitgeber", "Beratung für Arbeitgeber"),
    ("Bürgergeld", "Hilfe beim Bürgergeld-Antrag"),
    ("Gesundheit Dolmetscher", "Gesundheitssprechstunde"),
    ("Ausbildung Handwerk", "Ausbildungsplatzbörse"),
    ("Frauentreff", "Frauentreff international"),
]


@pytest.fixture
def corpus(make_offer: Any) -> dict[str, Any]:
    return {
        title: make_offer(title, summary=summary, description=description, district=district)
        for title, summary, description, district in CORPUS_OFFERS
    }


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_expected_offer_first(
    corpus: dict[str, Any], query: str, expected: str
) -> None:
    result = offer_search(filters=OfferFilters(q=query), with_facets=False)
    titles = [offer.title for offer in result.offers]
    assert titles, f"{query!r} found nothing"
    assert titles[0] == expected, f"{query!r} ranked {titles[:5]}"


def test_corpus_has_at_least_thirty_queries() -> None:
    assert len(QUERIES) >= 30


def test_nonsense_finds_nothing(corpus: dict[str, Any]) -> None:
    assert (
        offer_search(filters=OfferFilters(q="Quantenchromodynamik"), with_facets=False).total == 0
    )


def test_title_match_ranks_above_summary_and_description_match(make_offer: Any) -> None:
    make_offer("Offener Treff", summary="Gemeinsam essen", description="Wir kochen zusammen.")
    make_offer(
        "Allgemeine Sprechstunde", summary="Wir kochen zusammen.", description="Gemeinsam essen"
    )
    make_offer("Wir kochen zusammen", summary="Gemeinsam essen", description="Offener Treff")
    titles = [
        o.title for o in offer_search(filters=OfferFilters(q="kochen"), with_facets=False).offers
    ]
    assert titles == ["Wir kochen zusammen", "Allgemeine Sprechstunde", "Offener Treff"]


def test_drafts_are_not_found(make_offer: Any) -> None:
    make_offer("Geheimer Entwurf", status="draft")
    assert offer_search(filters=OfferFilters(q="Entwurf"), with_facets=False).total == 0


def test_typo_correction_is_reported(corpus: dict[str, Any]) -> None:
    result = offer_search(filters=OfferFilters(q="Schuldnerbratung"), with_facets=False)
    assert result.corrections == {"schuldnerbratung": "schuldnerberatung"}
