"""Fictional demo data: 60 organisations of Wuppertal's refugee-work network with 250 offers
that fit what each of them is, across all ten districts, every category and seven languages.
Names, people and house numbers are invented; the streets are real streets of the district
the address is in, so the map and the district filter look as they would live.

The structure (who offers what, where and when) lives here; the texts live in
`demo_texts/<language>.yaml`, one file per language, so each language can be written and
reviewed on its own. German is complete; a text missing in another language stays German
on the site (marked as such), as it would for real content.

`generate(count=…)` is shared with `manage.py generate_offers` for large synthetic sets: past
the 250 planned offers it repeats the organisations' offers with a running number.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TextIO

import yaml
from django.db import transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.text import slugify

from beko.core.lib.content_i18n import source_fingerprint

from .models import (
    Category,
    District,
    Language,
    Location,
    Offer,
    OfferRevision,
    OpeningHours,
    Organisation,
    ResidenceStatus,
    encode_choices,
)

TEXTS_DIR = Path(__file__).with_name("demo_texts")
LANGUAGES = ("de", "en", "ar", "fa", "uk", "tr", "ru")
DEMO_OFFER_COUNT = 250
PARTNER_ORGANISATION = "verein-bruckenschlag-e-v"
PARTNER_SECOND_ORGANISATION = "nachbarschaftshilfe-ostersbaum"

MON, TUE, WED, THU, FRI, SAT = range(6)
R, G, D, P24 = (
    ResidenceStatus.RECOGNISED,
    ResidenceStatus.GESTATTUNG,
    ResidenceStatus.DULDUNG,
    ResidenceStatus.TEMPORARY_PROTECTION,
)


@dataclass(frozen=True)
class OfferTemplate:
    """One kind of offer. Its texts are `offers.<key>` in each language file; `note` and
    `cost` name entries of `notes` and `costs` there. A note never names a weekday or time
    the opening hours do not have."""

    key: str
    categories: tuple[str, ...]
    groups: tuple[str, ...]
    hours: tuple[tuple[int, str, str], ...] = ()
    note: str = ""
    statuses: tuple[str, ...] = ()
    registration: bool = False
    childcare: bool = False
    cost: str = ""
    online: bool = False
    by_phone: bool = False


def _t(key: str, categories: str, groups: str = "refugees", **options: Any) -> OfferTemplate:
    return OfferTemplate(key, tuple(categories.split()), tuple(groups.split()), **options)


def _week(days: tuple[int, ...], opens: str, closes: str) -> tuple[tuple[int, str, str], ...]:
    return tuple((day, opens, closes) for day in days)


OFFER_TEMPLATES = [
    # Counselling
    _t("mbe", "beratung-migration beratung", hours=_week((MON, WED), "09:00", "12:00"), note="mbe"),
    _t("jmd", "beratung-migration jugend ausbildung", hours=_week((TUE, THU), "14:00", "17:00"), note="tue_thu_afternoon"),
    _t("asylverfahren", "beratung-recht beratung-migration", hours=_week((TUE,), "10:00", "13:00"), note="appointment_too", statuses=(G,)),
    _t("rechtsberatung", "beratung-recht beratung", "refugees volunteers", hours=_week((THU,), "16:00", "19:00"), note="appointment_only", statuses=(G, D), registration=True),
    _t("schuldnerberatung", "beratung-schulden beratung", hours=(*_week((MON,), "09:00", "12:00"), *_week((THU,), "13:00", "16:00")), note="appointment_only", registration=True, by_phone=True),
    _t("gesundheit", "beratung-gesundheit gesundheit", hours=_week((WED,), "10:00", "13:00"), note="walk_in"),
    _t("psychosozial", "gesundheit beratung-gesundheit", hours=_week((TUE, FRI), "09:00", "12:00"), note="appointment_only", registration=True),
    _t("anerkennung", "anerkennung beratung arbeit-beruf", "refugees counselling", hours=_week((TUE,), "09:00", "13:00"), note="appointment_only", registration=True, online=True),
    _t("frauenberatung", "frauen beratung", hours=_week((TUE,), "10:00", "13:00"), note="appointment_too", by_phone=True),
    _t("ukraine", "beratung-migration beratung", hours=_week((WED,), "10:00", "14:00"), note="walk_in", statuses=(P24,)),
    _t("antraege", "beratung", "refugees volunteers", hours=_week((MON,), "13:00", "16:00"), note="bring_papers"),
    _t("mieterberatung", "wohnen beratung", hours=_week((THU,), "15:00", "18:00"), note="appointment_only", registration=True, cost="membership"),
    _t("wohnungssuche", "wohnen", "refugees volunteers", hours=_week((TUE,), "13:00", "16:00"), note="appointment_too", statuses=(R, P24)),
    # Work
    _t("bewerbung", "arbeit-beruf", hours=_week((WED,), "14:00", "17:00"), note="appointment_too"),
    _t("jobcoaching", "arbeit-beruf", hours=_week((MON, THU), "10:00", "13:00"), note="appointment_only", registration=True),
    _t("arbeitgeber", "arbeit-beruf ausbildung", "employers", hours=_week((THU,), "09:00", "12:00"), note="appointment_only", registration=True, by_phone=True),
    _t("arbeitsvermittlung", "arbeit-beruf", hours=_week((MON, TUE, THU), "08:00", "12:00"), note="appointment_only", statuses=(R, P24), registration=True),
    _t("computerkurs", "arbeit-beruf", hours=_week((TUE,), "17:00", "19:00"), note="course_ten_weeks", registration=True),
    _t("praktikum", "arbeit-beruf ausbildung", "refugees employers", hours=_week((MON, TUE, WED, THU), "08:00", "15:00"), note="appointment_only", statuses=(R, G, D, P24), registration=True),
    _t("ausbildung_maler", "ausbildung arbeit-beruf", hours=_week((MON, TUE, WED, THU, FRI), "07:00", "15:30"), note="start_august", statuses=(R, G, D, P24), registration=True),
    _t("ausbildung_lager", "ausbildung arbeit-beruf", hours=_week((MON, TUE, WED, THU, FRI), "06:00", "14:30"), note="start_august", statuses=(R, G, D, P24), registration=True),
    _t("ausbildung_baecker", "ausbildung arbeit-beruf", hours=_week((TUE, WED, THU, FRI, SAT), "04:00", "11:00"), note="start_august", statuses=(R, G, D, P24), registration=True),
    _t("ausbildung_pflege", "ausbildung gesundheit", hours=_week((MON, TUE, WED, THU, FRI), "08:00", "16:00"), note="start_april_october", statuses=(R, G, D, P24), registration=True),
    _t("orientierung_jugend", "ausbildung jugend arbeit-beruf", hours=_week((WED,), "14:00", "17:00"), note="appointment_too"),
    _t("orientierung_pflege", "ausbildung gesundheit anerkennung", hours=_week((MON, WED), "09:00", "13:00"), note="course_twelve_weeks", registration=True),
    _t("ausbildungsbegleitung", "ausbildung jugend", "refugees volunteers", hours=_week((THU,), "16:00", "18:00"), note="appointment_too"),
    # Language
    _t("deutsch_a1", "sprache", hours=_week((MON, TUE, WED, THU), "09:00", "12:15"), note="new_start_monthly", registration=True, cost="course_fee"),
    _t("deutsch_b1", "sprache", hours=_week((MON, WED), "18:00", "20:15"), note="new_start_monthly", registration=True, cost="course_fee"),
    _t("deutsch_frauen", "sprache frauen kinder-familie", hours=_week((TUE, THU), "09:00", "12:00"), note="childcare_room", registration=True, childcare=True),
    _t("integrationskurs", "sprache", hours=_week((MON, TUE, WED, THU, FRI), "08:30", "12:45"), note="integration_course", registration=True, cost="integration_course"),
    _t("integrationskurs_abend", "sprache", hours=_week((MON, TUE, WED, THU), "18:00", "21:00"), note="integration_course", registration=True, cost="integration_course"),
    _t("berufssprachkurs", "sprache arbeit-beruf", "refugees employers", hours=_week((MON, TUE, WED), "17:00", "20:15"), note="job_language_course", registration=True),
    _t("alphakurs", "sprache", hours=_week((MON, WED, FRI), "09:00", "12:00"), note="new_start_monthly", registration=True),
    _t("sprachcafe", "sprache begegnung-freizeit", "refugees volunteers", hours=_week((THU,), "17:00", "19:00"), note="every_thursday"),
    # School, children, family
    _t("hausaufgaben", "schule kinder-familie", hours=_week((MON, TUE, WED, THU), "14:00", "16:00"), note="school_days"),
    _t("seiteneinstieg", "schule", hours=_week((TUE,), "08:00", "12:00"), note="appointment_too", by_phone=True),
    _t("kita_lotsen", "kinder-familie", hours=_week((WED,), "09:00", "12:00"), note="walk_in"),
    _t("eltern_kind", "kinder-familie begegnung-freizeit", hours=_week((FRI,), "10:00", "12:00"), note="every_friday_morning", childcare=True),
    _t("kinder_kunst", "kinder-familie begegnung-freizeit", hours=_week((WED,), "15:00", "17:00"), note="every_wednesday", cost="material_small"),
    # Meeting and leisure
    _t("begegnungscafe", "begegnung-freizeit", "refugees volunteers", hours=_week((FRI,), "15:00", "18:00"), note="every_friday"),
    _t("frauentreff", "frauen begegnung-freizeit", hours=_week((WED,), "15:00", "17:30"), note="every_wednesday", childcare=True),
    _t("naehwerkstatt", "begegnung-freizeit frauen", hours=_week((THU,), "10:00", "13:00"), note="every_thursday"),
    _t("fahrradwerkstatt", "begegnung-freizeit", "refugees volunteers", hours=(*_week((WED,), "16:00", "19:00"), *_week((SAT,), "11:00", "15:00")), note="bike_workshop", cost="spare_parts"),
    _t("radfahren_frauen", "frauen begegnung-freizeit", hours=_week((TUE,), "10:00", "12:00"), note="course_eight_weeks", registration=True),
    _t("jugendtreff", "jugend begegnung-freizeit", hours=_week((MON, TUE, WED, THU), "15:00", "20:00"), note="walk_in"),
    _t("fussball", "jugend begegnung-freizeit", hours=_week((TUE, THU), "17:00", "19:00"), note="trial_training"),
    _t("musik", "begegnung-freizeit jugend kinder-familie", hours=_week((THU,), "16:00", "18:00"), note="every_thursday"),
    _t("garten", "begegnung-freizeit", "refugees volunteers", hours=_week((SAT,), "10:00", "13:00"), note="garden_season"),
    # Volunteering
    _t("patenschaften", "ehrenamt-patenschaften", "volunteers refugees", hours=_week((TUE,), "17:00", "19:00"), note="first_tuesday"),
    _t("ehrenamt_schulung", "ehrenamt-patenschaften", "volunteers associations", hours=_week((WED,), "18:00", "21:00"), note="four_evenings", registration=True),
    _t("ehrenamt_vermittlung", "ehrenamt-patenschaften", "volunteers", hours=(*_week((MON,), "15:00", "18:00"), *_week((THU,), "10:00", "13:00")), note="appointment_too"),
    _t("sprachmittlung", "beratung ehrenamt-patenschaften", "refugees volunteers", hours=_week((MON, WED), "10:00", "12:00"), note="week_ahead", by_phone=True),
    _t("netzwerk", "ehrenamt-patenschaften", "associations counselling", note="quarterly", registration=True),
]  # fmt: skip
TEMPLATES = {template.key: template for template in OFFER_TEMPLATES}


@dataclass(frozen=True)
class Site:
    district: str
    street: str
    postal_code: str
    transit: str


@dataclass(frozen=True)
class OrganisationProfile:
    """A demo organisation. `offers` are template keys; a key ending in "*" is offered at
    each of the organisation's sites (one offer per site, the district added to the title)."""

    key: str
    name: str
    kind: str
    sites: tuple[Site, ...]
    offers: tuple[str, ...]
    languages: tuple[str, ...] = ()


def _o(key: str, name: str, kind: str, sites: list[Site], offers: str, languages: str = "") -> OrganisationProfile:  # fmt: skip
    return OrganisationProfile(key, name, kind, tuple(sites), tuple(offers.split()), tuple(languages.split()))  # fmt: skip


def _s(district: str, street: str, postal_code: str, transit: str) -> Site:
    return Site(district, street, postal_code, transit)


ORGANISATIONS = [
    # Welfare organisations: several sites, the whole range of counselling.
    _o("fachdienst", "Fachdienst Integration und Migration", "welfare",
       [_s("elberfeld", "Hofaue 41", "42103", "Schwebebahn Ohligsmühle"), _s("vohwinkel", "Kaiserstraße 88", "42329", "Schwebebahn Vohwinkel Schwebebahn"), _s("cronenberg", "Hauptstraße 27", "42349", "Bus 625, Haltestelle Cronenberg Rathaus")],
       "mbe* jmd* bewerbung antraege* wohnungssuche* sprachmittlung patenschaften deutsch_frauen", "en ar fa"),
    _o("migrationsdienst-barmen", "Evangelischer Migrationsdienst Barmen", "welfare",
       [_s("barmen", "Werth 58", "42275", "Schwebebahn Alter Markt"), _s("heckinghausen", "Heckinghauser Straße 112", "42289", "Bus 640, Haltestelle Heckinghausen Markt")],
       "mbe* asylverfahren* frauenberatung schuldnerberatung begegnungscafe sprachcafe* hausaufgaben* antraege*", "ar fa ku"),
    _o("integrationsagentur", "Integrationsagentur Oberbarmen", "welfare",
       [_s("oberbarmen", "Berliner Straße 173", "42277", "Schwebebahn Oberbarmen Bf."), _s("langerfeld-beyenburg", "Langerfelder Straße 64", "42389", "Bus 608, Haltestelle Langerfeld Markt")],
       "mbe* jmd* ukraine* wohnungssuche hausaufgaben* antraege* frauentreff sprachcafe", "tr ar uk ru"),
    _o("sozialdienst-west", "Sozialdienst Migration Elberfeld-West", "welfare",
       [_s("elberfeld-west", "Varresbecker Straße 37", "42115", "Bus 643, Haltestelle Varresbeck"), _s("uellendahl-katernberg", "Uellendahler Straße 210", "42109", "Bus 603, Haltestelle Uellendahl")],
       "mbe* ukraine gesundheit antraege* sprachcafe* hausaufgaben* wohnungssuche", "uk ru en"),
    _o("netzwerk-ronsdorf", "Netzwerk Vielfalt Ronsdorf", "welfare",
       [_s("ronsdorf", "Staasstraße 19", "42369", "Bus 620, Haltestelle Ronsdorf Markt")],
       "mbe schuldnerberatung kita_lotsen eltern_kind antraege sprachcafe frauentreff wohnungssuche patenschaften", "tr ar"),
    _o("fachdienst-cronenberg", "Katholischer Fachdienst Cronenberg", "welfare",
       [_s("cronenberg", "Solinger Straße 12", "42349", "Bus 625, Haltestelle Cronenberg Markt")],
       "mbe antraege patenschaften begegnungscafe sprachcafe hausaufgaben wohnungssuche", "ar en"),
    # Counselling services
    _o("law-clinic", "Refugee Law Clinic Wuppertal", "counselling",
       [_s("elberfeld", "Gaußstraße 20", "42119", "Bus 615, Haltestelle Universität")],
       "rechtsberatung asylverfahren ehrenamt_schulung", "en ar fa"),
    _o("schuldnerberatung", "Schuldnerberatung im Tal", "counselling",
       [_s("barmen", "Unterdörnen 31", "42283", "Bus 640, Haltestelle Unterdörnen"), _s("elberfeld", "Neumarkt 5", "42103", "Schwebebahn Döppersberg")],
       "schuldnerberatung* antraege", "tr en"),
    _o("anerkennung", "Anerkennungsberatung Wuppertal", "counselling",
       [_s("elberfeld", "Platz der Republik 3", "42107", "Bus 603, Haltestelle Platz der Republik")],
       "anerkennung jobcoaching arbeitgeber orientierung_pflege", "en ar fa uk ru tr"),
    _o("psz", "Psychosoziales Zentrum für Geflüchtete", "counselling",
       [_s("elberfeld-west", "Simonsstraße 14", "42117", "Schwebebahn Robert-Daum-Platz")],
       "psychosozial gesundheit sprachmittlung", "ar fa ku ti"),
    _o("gesundheitslotsen", "Gesundheitslotsen Wuppertal", "counselling",
       [_s("oberbarmen", "Schwarzbach 96", "42277", "Bus 646, Haltestelle Schwarzbach"), _s("elberfeld", "Gathe 52", "42107", "Bus 611, Haltestelle Gathe")],
       "gesundheit* sprachmittlung", "ar fa tr ru"),
    _o("jmd", "Jugendmigrationsdienst Talachse", "counselling",
       [_s("barmen", "Höhne 12", "42275", "Schwebebahn Werther Brücke"), _s("elberfeld", "Morianstraße 8", "42103", "Schwebebahn Döppersberg")],
       "jmd* orientierung_jugend ausbildungsbegleitung bewerbung", "ar fa en"),
    _o("mieterhilfe", "Mieterhilfe Wuppertal e. V.", "counselling",
       [_s("elberfeld", "Laurentiusstraße 11", "42103", "Bus 611, Haltestelle Laurentiusplatz")],
       "mieterberatung wohnungssuche", "tr en"),
    _o("lichtblick", "Frauenberatungsstelle Lichtblick", "counselling",
       [_s("elberfeld", "Luisenstraße 70", "42103", "Bus 615, Haltestelle Luisenstraße")],
       "frauenberatung psychosozial frauentreff", "ar fa tr"),
    _o("familienbuero", "Familienbüro Heckinghausen", "counselling",
       [_s("heckinghausen", "Widukindstraße 22", "42289", "Bus 640, Haltestelle Widukindstraße")],
       "kita_lotsen eltern_kind antraege hausaufgaben", "tr ar ru"),
    _o("dim", "Beratungsstelle Dim (Ukraine)", "counselling",
       [_s("barmen", "Wittensteinstraße 140", "42285", "Bus 620, Haltestelle Wittensteinstraße")],
       "ukraine wohnungssuche antraege sprachmittlung", "uk ru"),
    # Authorities
    _o("jobcenter", "Jobcenter Wuppertal – Team Zuwanderung", "authority",
       [_s("elberfeld", "Bachstraße 2", "42103", "Bus 611, Haltestelle Kolk"), _s("barmen", "Rathenaustraße 8", "42277", "Schwebebahn Adlerbrücke")],
       "arbeitsvermittlung* jobcoaching* arbeitgeber antraege*", "en ar uk"),
    _o("ressort-zuwanderung", "Ressort Zuwanderung und Integration", "authority",
       [_s("elberfeld", "Neumarkt 10", "42103", "Schwebebahn Döppersberg")],
       "netzwerk ukraine ehrenamt_vermittlung", "en uk"),
    _o("ki", "Kommunales Integrationszentrum Wuppertal", "authority",
       [_s("barmen", "Friedrich-Engels-Allee 122", "42285", "Bus 640, Haltestelle Engelsgarten")],
       "seiteneinstieg kita_lotsen netzwerk", "en ar tr"),
    _o("berufsberatung", "Arbeitsagentur – Berufsberatung", "authority",
       [_s("elberfeld-west", "Nützenberger Straße 4", "42115", "Bus 643, Haltestelle Nützenberg")],
       "orientierung_jugend arbeitgeber jobcoaching", "en ar"),
    # Language schools and other education
    _o("tausend-woerter", "Sprachschule Tausend Wörter", "education",
       [_s("elberfeld", "Hochstraße 21", "42105", "Bus 611, Haltestelle Hochstraße"), _s("barmen", "Werth 104", "42275", "Schwebebahn Alter Markt")],
       "deutsch_a1* deutsch_b1* integrationskurs* integrationskurs_abend* berufssprachkurs alphakurs*", "en ar"),
    _o("bildungszentrum", "Bildungszentrum am Wall", "education",
       [_s("elberfeld", "Wall 31", "42103", "Schwebebahn Döppersberg")],
       "integrationskurs integrationskurs_abend alphakurs computerkurs deutsch_frauen deutsch_a1 deutsch_b1 berufssprachkurs sprachcafe", "ar fa"),
    _o("bildungswerk", "Bildungswerk Oberbarmen", "education",
       [_s("oberbarmen", "Wichlinghauser Straße 28", "42277", "Bus 646, Haltestelle Wichlinghausen Markt")],
       "integrationskurs deutsch_frauen berufssprachkurs alphakurs deutsch_a1 integrationskurs_abend sprachcafe computerkurs", "tr ar"),
    _o("akademie", "Akademie für Berufseinstieg", "education",
       [_s("barmen", "Unterdörnen 77", "42283", "Bus 640, Haltestelle Unterdörnen")],
       "berufssprachkurs jobcoaching bewerbung computerkurs deutsch_b1 arbeitgeber", "en ru"),
    _o("pflegekolleg", "Kolleg für Pflegeberufe Bergisch Land", "education",
       [_s("ronsdorf", "Remscheider Straße 55", "42369", "Bus 620, Haltestelle Remscheider Straße")],
       "orientierung_pflege ausbildung_pflege berufssprachkurs", "en uk"),
    _o("handwerk-verbindet", "Handwerk verbindet – Ausbildungsprojekt", "education",
       [_s("heckinghausen", "Waldeckstraße 9", "42289", "Bus 640, Haltestelle Waldeckstraße")],
       "ausbildungsbegleitung orientierung_jugend praktikum", "ar fa"),
    _o("kompass", "Berufsorientierung Kompass", "education",
       [_s("vohwinkel", "Bahnstraße 16", "42327", "S-Bahn Vohwinkel")],
       "orientierung_jugend bewerbung ausbildungsbegleitung", "ar en"),
    _o("klangbruecke", "Musikschule Klangbrücke", "education",
       [_s("uellendahl-katernberg", "Katernberger Straße 142", "42115", "Bus 625, Haltestelle Katernberg")],
       "musik", "en"),
    _o("sprachinstitut", "Sprachinstitut Vohwinkel", "education",
       [_s("vohwinkel", "Vohwinkeler Straße 5", "42329", "Schwebebahn Bruch")],
       "deutsch_a1 deutsch_b1 integrationskurs alphakurs berufssprachkurs integrationskurs_abend", "en ru"),
    _o("deutschschule-ronsdorf", "Deutschschule Ronsdorf", "education",
       [_s("ronsdorf", "Lüttringhauser Straße 18", "42369", "Bus 620, Haltestelle Ronsdorf Markt")],
       "deutsch_a1 alphakurs deutsch_frauen deutsch_b1 sprachcafe", "tr"),
    # Companies that train and take interns
    _o("farbenfroh", "Malerbetrieb Farbenfroh GmbH", "company",
       [_s("langerfeld-beyenburg", "Schwelmer Straße 150", "42389", "Bus 608, Haltestelle Schwelmer Straße")],
       "ausbildung_maler praktikum"),
    _o("talbruecke", "Logistik Talbrücke GmbH", "company",
       [_s("langerfeld-beyenburg", "Am Hedtberg 10", "42389", "Bus 608, Haltestelle Hedtberg")],
       "ausbildung_lager praktikum", "en"),
    _o("morgengold", "Bäckerei Morgengold", "company",
       [_s("cronenberg", "Kemmannstraße 6", "42349", "Bus 625, Haltestelle Cronenberg Rathaus")],
       "ausbildung_baecker praktikum"),
    _o("herzenssache", "Pflegedienst Herzenssache", "company",
       [_s("uellendahl-katernberg", "Röttgen 45", "42109", "Bus 603, Haltestelle Röttgen")],
       "ausbildung_pflege praktikum", "ru uk"),
    _o("gruener-daumen", "Gärtnerei Grüner Daumen", "company",
       [_s("cronenberg", "Hahnerberger Straße 210", "42349", "Bus 625, Haltestelle Hahnerberg")],
       "praktikum"),
    # Associations and initiatives
    _o("brueckenschlag", "Verein Brückenschlag e. V.", "association",
       [_s("elberfeld-west", "Friedrich-Ebert-Straße 201", "42117", "Bus 639, Haltestelle Arrenberg")],
       "patenschaften sprachcafe hausaufgaben begegnungscafe sprachmittlung", "en ar fa"),
    _o("ostersbaum", "Nachbarschaftshilfe Ostersbaum", "association",
       [_s("elberfeld", "Marienstraße 52", "42105", "Bus 611, Haltestelle Ostersbaum")],
       "begegnungscafe hausaufgaben antraege sprachcafe", "tr ar"),
    _o("arrenberg", "Initiative Willkommen am Arrenberg", "initiative",
       [_s("elberfeld-west", "Simonsstraße 40", "42117", "Schwebebahn Robert-Daum-Platz")],
       "sprachcafe patenschaften begegnungscafe", "en"),
    _o("morgenstern", "Frauennetzwerk Morgenstern", "association",
       [_s("oberbarmen", "Berliner Straße 98", "42277", "Schwebebahn Wupperfeld")],
       "frauentreff naehwerkstatt eltern_kind", "ar tr fa"),
    _o("sonnenblume", "Jugendzentrum Sonnenblume", "association",
       [_s("heckinghausen", "Heckinghauser Straße 40", "42289", "Bus 640, Haltestelle Heckinghausen Markt")],
       "jugendtreff hausaufgaben orientierung_jugend", "ar tr"),
    _o("al-jisr", "Kulturverein Al-Jisr", "association",
       [_s("elberfeld", "Gathe 80", "42107", "Bus 611, Haltestelle Gathe")],
       "hausaufgaben frauentreff begegnungscafe sprachmittlung sprachcafe eltern_kind", "ar"),
    _o("mriya", "Ukrainischer Hilfsverein Mriya", "association",
       [_s("barmen", "Höhne 60", "42275", "Schwebebahn Werther Brücke")],
       "ukraine sprachmittlung eltern_kind sprachcafe hausaufgaben frauentreff", "uk ru"),
    _o("simorgh", "Persischer Kulturkreis Simorgh", "association",
       [_s("uellendahl-katernberg", "Uellendahler Straße 412", "42109", "Bus 603, Haltestelle Uellendahl")],
       "sprachmittlung hausaufgaben begegnungscafe sprachcafe musik", "fa ps"),
    _o("koepru", "Türkischer Elternverein Köprü", "association",
       [_s("oberbarmen", "Wichlinghauser Straße 71", "42277", "Bus 646, Haltestelle Wichlinghausen Markt")],
       "hausaufgaben eltern_kind kita_lotsen", "tr ku"),
    _o("most", "Russischsprachige Nachbarschaft Most", "association",
       [_s("langerfeld-beyenburg", "Langerfelder Straße 120", "42389", "Bus 608, Haltestelle Langerfeld Markt")],
       "sprachmittlung begegnungscafe antraege", "ru uk"),
    _o("speiche", "Fahrradwerkstatt Speiche e. V.", "association",
       [_s("barmen", "Friedrich-Engels-Allee 301", "42285", "Bus 640, Haltestelle Loh")],
       "fahrradwerkstatt radfahren_frauen", "en ar fa"),
    _o("faden", "Nähcafé Faden & Freunde", "initiative",
       [_s("vohwinkel", "Kaiserstraße 33", "42329", "Schwebebahn Vohwinkel Schwebebahn")],
       "naehwerkstatt begegnungscafe", "ar"),
    _o("zusammen", "Patenschaftsnetz Zusammen", "initiative",
       [_s("elberfeld", "Friedrich-Ebert-Straße 18", "42103", "Bus 639, Haltestelle Robert-Daum-Platz")],
       "patenschaften ehrenamt_schulung", "en"),
    _o("schlaufuchs", "Lernhilfe Schlaufuchs", "initiative",
       [_s("ronsdorf", "Staasstraße 44", "42369", "Bus 620, Haltestelle Ronsdorf Markt")],
       "hausaufgaben", "en"),
    _o("blau-weiss", "Sportverein Blau-Weiß Heckinghausen", "association",
       [_s("heckinghausen", "Waldeckstraße 60", "42289", "Bus 640, Haltestelle Waldeckstraße")],
       "fussball", "en"),
    _o("farbklecks", "Kinder-Kunst-Atelier Farbklecks", "association",
       [_s("uellendahl-katernberg", "Röttgen 12", "42109", "Bus 603, Haltestelle Röttgen")],
       "kinder_kunst", "en"),
    _o("rosenau", "Internationaler Frauentreff Rosenau", "initiative",
       [_s("oberbarmen", "Rosenau 4", "42277", "Bus 646, Haltestelle Rosenau")],
       "frauentreff sprachcafe", "ar fa tr"),
    _o("cafe-langerfeld", "Café Begegnung Langerfeld", "initiative",
       [_s("langerfeld-beyenburg", "Beyenburger Freiheit 9", "42399", "Bus 616, Haltestelle Beyenburg Mitte")],
       "begegnungscafe sprachcafe", "en ru"),
    _o("dolmetscherpool", "Dolmetscherpool Wuppertal", "initiative",
       [_s("elberfeld", "Hofkamp 102", "42103", "Bus 603, Haltestelle Hofkamp")],
       "sprachmittlung ehrenamt_schulung", "ar fa uk ru tr ti so ps"),
    _o("ehrenamtsagentur", "Ehrenamtsagentur Wuppertal", "association",
       [_s("elberfeld", "Neumarkt 2", "42103", "Schwebebahn Döppersberg")],
       "ehrenamt_vermittlung ehrenamt_schulung netzwerk", "en"),
    _o("gemeinde-ronsdorf", "Flüchtlingshilfe Ronsdorf", "initiative",
       [_s("ronsdorf", "Remscheider Straße 12", "42369", "Bus 620, Haltestelle Ronsdorf Markt")],
       "begegnungscafe sprachcafe patenschaften", "en ar"),
    _o("moscheegemeinde", "Moscheegemeinde Frieden – Sozialdienst", "association",
       [_s("oberbarmen", "Schwarzbach 150", "42277", "Bus 646, Haltestelle Schwarzbach")],
       "hausaufgaben sprachmittlung antraege", "ar tr"),
    _o("computerclub", "Computerclub 50plus & Neu", "association",
       [_s("cronenberg", "Hauptstraße 70", "42349", "Bus 625, Haltestelle Cronenberg Markt")],
       "computerkurs", "en"),
    _o("wurzeln", "Gartenprojekt Wurzeln", "initiative",
       [_s("langerfeld-beyenburg", "Am Timpen 3", "42389", "Bus 608, Haltestelle Am Timpen")],
       "garten", "en ar"),
    _o("erste-schritte", "Mentoring Erste Schritte", "initiative",
       [_s("vohwinkel", "Gräfrather Straße 21", "42329", "Bus 683, Haltestelle Gräfrather Straße")],
       "ausbildungsbegleitung patenschaften bewerbung", "en fa"),
]  # fmt: skip

FIRST_NAMES = ["Amira", "Jonas", "Leyla", "Paul", "Olena", "Reza", "Sina", "Mehmet", "Irina", "Clara",
               "Yusuf", "Hanna", "Dariush", "Marta", "Samir", "Elif"]  # fmt: skip
LAST_NAMES = ["Albers", "Brandt", "Demir", "Hofmann", "Kaya", "Klein", "Nowak", "Petrenko",
              "Rahimi", "Schäfer", "Sommer", "Haddad", "Wagner", "Ziegler"]  # fmt: skip


@cache
def texts(language: str) -> dict[str, Any]:
    """The demo texts of one language (empty sections where a language has none yet)."""
    path = TEXTS_DIR / f"{language}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {
        section: (data or {}).get(section) or {}
        for section in ("categories", "organisations", "offers", "notes", "costs")
    }


def _organisations(rng: random.Random, count: int) -> list[tuple[Organisation, OrganisationProfile]]:  # fmt: skip
    existing = set(Organisation.objects.values_list("slug", flat=True))
    start = len(existing)
    created: list[tuple[Organisation, OrganisationProfile]] = []
    for index in range(start, start + count):
        profile = ORGANISATIONS[index % len(ORGANISATIONS)]
        name = profile.name
        if index >= len(ORGANISATIONS):
            name = f"{name} {index // len(ORGANISATIONS) + 1}"
        slug = slugify(name)[:200]
        if slug in existing:
            continue
        existing.add(slug)
        domain = slugify(profile.name).replace("-", "")[:20]
        organisation = Organisation(
            name=name,
            slug=slug,
            kind=profile.kind,
            website=f"https://{domain}.example",
            email=f"kontakt@{domain}.example",
            phone=f"0202 {rng.randint(200000, 999999)}",
        )
        for language in LANGUAGES:
            short = texts(language)["organisations"].get(profile.key, "")
            setattr(organisation, f"short_description_{language}", short)
        _record_sources(organisation)
        created.append((organisation, profile))
    Organisation.objects.bulk_create([org for org, _profile in created], batch_size=1000)
    by_slug = Organisation.objects.in_bulk([org.slug for org, _p in created], field_name="slug")
    return [(by_slug[org.slug], profile) for org, profile in created]


def _record_sources(obj: Any) -> None:
    """Mark each language written here as translated from the current German."""
    fingerprint = source_fingerprint(obj)
    obj.translation_sources = {
        language: fingerprint
        for language in LANGUAGES[1:]
        if any(
            getattr(obj, f"{field}_{language}", "")
            for field in ("title", "summary", "name", "short_description")
        )
    }


def _plan(
    orgs: list[tuple[Organisation, OrganisationProfile]],
    locations: dict[int, list[Location]],
    count: int,
) -> list[tuple[Organisation, OrganisationProfile, OfferTemplate, Location, str]]:
    """Which organisation offers what where: each organisation's offers in turn, so that a
    small `count` still spreads over all of them. Past the planned offers the lists repeat
    with a running number (synthetic sets only)."""
    lists = []
    for org, profile in orgs:
        entries: list[tuple[OfferTemplate, Location, str]] = []
        sites = locations[org.pk]
        for key in profile.offers:
            template = TEMPLATES[key.rstrip("*")]
            if key.endswith("*") and len(sites) > 1:
                entries += [(template, site, f" – {site.district.name}") for site in sites]
            else:
                entries.append((template, sites[0], ""))
        lists.append((org, profile, entries))
    plan: list[tuple[Organisation, OrganisationProfile, OfferTemplate, Location, str]] = []
    longest = max(len(entries) for _o, _p, entries in lists)
    round_ = 0
    while len(plan) < count:
        for org, profile, entries in lists:
            if len(plan) == count:
                break
            repeat, position = divmod(round_, longest)
            if position >= len(entries):
                continue
            template, site, suffix = entries[position]
            if repeat:
                suffix = f"{suffix} ({repeat + 1})"
            plan.append((org, profile, template, site, suffix))
        round_ += 1
    return plan


def _clock(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


@transaction.atomic
def generate(*, count: int, organisations: int, seed: int = 4, translated: bool = True) -> int:
    """Create `count` published offers of `organisations` new organisations (bulk inserts).

    `translated=False` writes German only (benchmarks, tests that need plain data)."""
    with translation.override("de"):
        return _generate(count=count, organisations=organisations, seed=seed, translated=translated)


def _generate(*, count: int, organisations: int, seed: int, translated: bool) -> int:
    from .services import offers_reindex

    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    orgs = _organisations(rng, organisations)
    if not orgs or count < 1:
        return 0
    districts = {district.slug: district for district in District.objects.all()}
    categories = {c.slug: c.pk for c in Category.objects.all()}
    languages = {lang.code: lang.pk for lang in Language.objects.all()}
    now = timezone.now()
    locations: list[Location] = []
    for org, profile in orgs:
        for site in profile.sites:
            district = districts[site.district]
            locations.append(
                Location(
                    organisation=org,
                    street=site.street,
                    postal_code=site.postal_code,
                    district=district,
                    latitude=district.latitude + Decimal(rng.randint(-60, 60)) / 10000
                    if district.latitude
                    else None,
                    longitude=district.longitude + Decimal(rng.randint(-60, 60)) / 10000
                    if district.longitude
                    else None,
                    transit_hint=site.transit,
                )
            )
    Location.objects.bulk_create(locations, batch_size=2000)
    by_org: dict[int, list[Location]] = {}
    for location in locations:
        by_org.setdefault(location.organisation_id, []).append(location)
    wanted = LANGUAGES if translated else LANGUAGES[:1]
    offers, plan = [], []
    for org, profile, template, location, suffix in _plan(orgs, by_org, count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        # Most offers were checked recently; some are due for a check or already hidden,
        # so the freshness reminders and the staff overview have something to show.
        verified = now - timedelta(
            days=rng.choice([3, 20, 60, 120, 150, 200, 260])
            if rng.random() < 0.3
            else rng.randint(1, 170)
        )
        offer = Offer(
            organisation=org, status=Offer.Status.PUBLISHED,
            target_groups=encode_choices(template.groups), residence_statuses=encode_choices(template.statuses),
            is_free=not template.cost, registration_required=template.registration, on_site=True,
            online=template.online, by_phone=template.by_phone, wheelchair_accessible=rng.random() < 0.5,
            hearing_loop=rng.random() < 0.1, sign_language=rng.random() < 0.05, childcare=template.childcare,
            contact_name=f"{first} {last}",
            contact_email=f"{slugify(first)}.{slugify(last)}@{org.email.partition('@')[2]}",
            contact_phone=org.phone, last_verified_at=verified, created_at=verified,
        )  # fmt: skip
        for language in wanted:
            _write_texts(offer, template, language, suffix)
        if translated:
            _record_sources(offer)
        offers.append(offer)
        plan.append((template, location, profile))
    Offer.objects.bulk_create(offers, batch_size=2000)
    # Rows of five models go through one loop below: as models, that is all it needs.
    through_cat: type[Model] = Offer.categories.through
    through_lang: type[Model] = Offer.languages.through
    through_loc: type[Model] = Offer.locations.through
    rows_cat: list[Model] = []
    rows_lang: list[Model] = []
    rows_loc: list[Model] = []
    hours: list[OpeningHours] = []
    revisions: list[OfferRevision] = []
    for offer, (template, location, profile) in zip(offers, plan, strict=True):
        rows_cat += [
            through_cat(offer_id=offer.pk, category_id=categories[c])
            for c in template.categories
            if c in categories
        ]
        rows_lang += [
            through_lang(offer_id=offer.pk, language_id=languages[c])
            for c in dict.fromkeys(("de", *profile.languages))
            if c in languages
        ]
        rows_loc.append(through_loc(offer_id=offer.pk, location_id=location.pk))
        hours += [
            OpeningHours(offer_id=offer.pk, weekday=day, opens=_clock(opens), closes=_clock(closes))
            for day, opens, closes in template.hours
        ]
        revisions.append(
            OfferRevision(offer_id=offer.pk, action="created", changes={}, at=offer.created_at)
        )
    batches: tuple[tuple[type[Model], Sequence[Model]], ...] = (
        (through_cat, rows_cat),
        (through_lang, rows_lang),
        (through_loc, rows_loc),
        (OpeningHours, hours),
        (OfferRevision, revisions),
    )
    for model, rows in batches:
        model._default_manager.bulk_create(rows, batch_size=5000)
    offers_reindex(queryset=Offer.objects.filter(pk__in=[o.pk for o in offers]))
    return len(offers)


def _write_texts(offer: Offer, template: OfferTemplate, language: str, suffix: str) -> None:
    data = texts(language)
    entry = data["offers"].get(template.key)
    if not entry:
        return
    title, summary, description = entry
    offer.__dict__[f"title_{language}"] = f"{title}{suffix}"
    offer.__dict__[f"summary_{language}"] = summary
    offer.__dict__[f"description_{language}"] = description
    offer.__dict__[f"schedule_note_{language}"] = data["notes"].get(template.note, "")
    offer.__dict__[f"cost_{language}"] = (
        data["costs"].get(template.cost, "") if template.cost else ""
    )
    if language == "de":
        for field in ("title", "summary", "description", "schedule_note", "cost"):
            offer.__dict__[field] = offer.__dict__[f"{field}_de"]


def categories_translate() -> None:
    """Descriptions for the seeded categories and their names in every language."""
    for category in Category.objects.all():
        for language in LANGUAGES:
            entry = texts(language)["categories"].get(category.slug)
            if not entry:
                continue
            name, description = entry
            if language != "de":
                setattr(category, f"name_{language}", name)
            setattr(category, f"description_{language}", description)
        _record_sources(category)
        category.save()


def load(*, stdout: TextIO) -> None:
    from importlib import import_module

    from django.apps import apps

    from beko.accounts.models import Role, User

    # `demo --reset` flushes the seeded vocabularies too; seeding is idempotent.
    import_module("beko.directory.migrations.0003_seed_vocabularies").seed(apps, None)
    if Offer.objects.exists():
        stdout.write("directory: offers already present – skipped\n")
        return
    with translation.override("de"):
        categories_translate()
    count = generate(count=DEMO_OFFER_COUNT, organisations=len(ORGANISATIONS))
    org = Organisation.objects.get(slug=PARTNER_ORGANISATION)
    partner, created = User.objects.get_or_create(
        username="partner",
        defaults={"email": "partner@beko.example", "first_name": "Petra", "last_name": "Partner",
                  "role": Role.PARTNER, "organisation": org},
    )  # fmt: skip
    if created:
        from beko.core.demo import DEMO_PASSWORD

        partner.set_password(DEMO_PASSWORD)
        partner.save()
        # A second organisation shows how an editor switches between the ones they edit.
        partner.other_organisations.add(Organisation.objects.get(slug=PARTNER_SECOND_ORGANISATION))
    stdout.write(
        f"directory: {Organisation.objects.count()} organisations, {count} offers, partner login 'partner'\n"
    )
