"""Fictional demo data: about 60 organisations and 250 offers across all ten districts,
every category and seven languages. All names, people and addresses are invented.

`generate(count=…)` is shared with `manage.py generate_offers` for large synthetic sets.
"""

from __future__ import annotations

import random
from datetime import time, timedelta
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

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

ORG_NAMES = [
    ("Caritas-Fachdienst Integration", "welfare"), ("Diakonie Migrationsdienst", "welfare"),
    ("AWO Integrationsagentur", "welfare"), ("DRK Kreisverband – Migration", "welfare"),
    ("Paritätisches Netzwerk Vielfalt", "welfare"), ("Verein Brückenschlag", "association"),
    ("Nachbarschaftshilfe Ostersbaum", "association"), ("Initiative Willkommen am Arrenberg", "initiative"),
    ("Sprachtreff Vohwinkel", "initiative"), ("Frauennetzwerk Morgenstern", "association"),
    ("Jugendzentrum Sonnenblume", "association"), ("Kulturverein Al-Jisr", "association"),
    ("Ukrainischer Hilfsverein Mriya", "association"), ("Persischer Kulturkreis Simorgh", "association"),
    ("Türkischer Elternverein Köprü", "association"), ("Russischsprachige Nachbarschaft Most", "association"),
    ("Bildungswerk Bergisches Land", "education"), ("Sprachschule Tausend Wörter", "education"),
    ("Volkshochschule (fiktiv) Bergstadt", "education"), ("Akademie für Berufseinstieg", "education"),
    ("Handwerkskammer-Projekt Ausbildung jetzt", "education"), ("Kolleg für Pflegeberufe", "education"),
    ("Beratungsstelle Anerkennung NRW-Bergisch", "counselling"), ("Schuldnerberatung Talstadt", "counselling"),
    ("Refugee Law Clinic Wupper", "counselling"), ("Gesundheitslotsen Elberfeld", "counselling"),
    ("Jugendmigrationsdienst Talachse", "counselling"), ("Migrationsberatung Barmen-Süd", "counselling"),
    ("Mieterhilfe Bergstadt", "counselling"), ("Familienbüro Brücke", "counselling"),
    ("Stadt Bergstadt – Ressort Zuwanderung (Demo)", "authority"), ("Jobcenter-Team Geflüchtete (Demo)", "authority"),
    ("Kommunales Integrationszentrum (Demo)", "authority"), ("Schulamt – Seiteneinstieg (Demo)", "authority"),
    ("Malerbetrieb Farbenfroh GmbH", "company"), ("Logistik Talbrücke GmbH", "company"),
    ("Bäckerei Morgengold", "company"), ("Pflegedienst Herzenssache", "company"),
    ("IT-Werkstatt Byte & Brot", "company"), ("Gärtnerei Grüner Daumen", "company"),
    ("Fahrradwerkstatt Speiche e. V.", "association"), ("Nähcafé Faden & Freunde", "initiative"),
    ("Patenschaftsnetz Zusammen", "initiative"), ("Lernhilfe Schlaufuchs", "initiative"),
    ("Sportverein Blau-Weiß Heckinghausen (Demo)", "association"), ("Kinder-Kunst-Atelier Farbklecks", "association"),
    ("Internationaler Frauentreff Rosenau", "initiative"), ("Café Begegnung Langerfeld", "initiative"),
    ("Dolmetscherpool Bergstadt", "initiative"), ("Ehrenamtsagentur Talstadt", "association"),
    ("Kirchengemeinde St. Demo – Flüchtlingshilfe", "initiative"), ("Moscheegemeinde Frieden – Sozialdienst", "association"),
    ("Wohnprojekt Dach über dem Kopf", "association"), ("Kita-Lotsen Ronsdorf", "initiative"),
    ("Berufsorientierung Kompass", "education"), ("Mentoring Erste Schritte", "initiative"),
    ("Computerclub 50plus & Neu", "association"), ("Musikschule Klangbrücke", "education"),
    ("Theatergruppe Stimmen", "initiative"), ("Gartenprojekt Wurzeln", "initiative"),
]  # fmt: skip

# (title, summary, description, categories, target groups)
OFFER_TEMPLATES = [
    ("Deutschkurs für Frauen mit Kinderbetreuung", "Deutsch lernen von A1 bis B1, während die Kinder betreut werden.", "Kleine Gruppen, vormittags, mit qualifizierter Kinderbetreuung im Nebenraum.", ["sprache", "frauen", "kinder-familie"], ["refugees"]),
    ("Integrationskurs am Abend", "Zugelassener Integrationskurs mit Orientierungskurs, auch für Berufstätige.", "Beratung zur Kostenbefreiung und Anmeldung beim BAMF inklusive.", ["sprache"], ["refugees"]),
    ("Sprachcafé", "Deutsch sprechen üben bei Tee und Kuchen – ohne Anmeldung.", "Ehrenamtliche Gesprächspartnerinnen und -partner, alle Niveaus willkommen.", ["sprache", "begegnung-freizeit"], ["refugees", "volunteers"]),
    ("Bewerbungshilfe", "Lebenslauf, Anschreiben und Vorbereitung auf das Vorstellungsgespräch.", "Wir helfen beim Erstellen der Unterlagen und üben Gespräche.", ["arbeit-beruf"], ["refugees"]),
    ("Beratung zur Anerkennung ausländischer Abschlüsse", "Welche Stelle ist zuständig, welche Unterlagen brauche ich?", "Anerkennungsberatung für reglementierte und nicht reglementierte Berufe, auch Studium.", ["anerkennung", "beratung"], ["refugees", "professionals"]),
    ("Migrationsberatung für Erwachsene (MBE)", "Beratung zu Aufenthalt, Arbeit, Wohnen und Familie.", "Offene Sprechstunde und Termine nach Vereinbarung.", ["beratung-migration", "beratung"], ["refugees"]),
    ("Jugendmigrationsdienst", "Beratung für junge Menschen bis 27 Jahre zu Schule, Ausbildung und Beruf.", "Begleitung beim Übergang von der Schule in die Ausbildung.", ["beratung-migration", "jugend", "ausbildung"], ["refugees"]),
    ("Rechtsberatung Aufenthalt", "Unabhängige Rechtsberatung zu Duldung, Gestattung und Bleiberecht.", "Ehrenamtliche Juristinnen und Juristen, Termine nach Vereinbarung.", ["beratung-recht", "beratung"], ["refugees", "volunteers"]),
    ("Schuldnerberatung", "Hilfe bei Schulden, Mahnungen und Inkasso.", "Kostenlose und vertrauliche Beratung, auch zu Handyverträgen.", ["beratung-schulden", "beratung"], ["refugees"]),
    ("Gesundheitssprechstunde", "Beratung zu Krankenversicherung, Arztbesuch und Vorsorge.", "Mit Sprachmittlung, vertraulich.", ["beratung-gesundheit", "gesundheit"], ["refugees"]),
    ("Wohnungssuche – Beratung und Begleitung", "Unterstützung bei Wohnungssuche, Mietvertrag und Wohnberechtigungsschein.", "Wir begleiten auch zu Besichtigungen.", ["wohnen"], ["refugees", "volunteers"]),
    ("Hausaufgabenhilfe", "Unterstützung nach der Schule für Kinder der Klassen 1 bis 10.", "Ehrenamtliche Lernpatinnen und -paten.", ["schule", "kinder-familie"], ["refugees"]),
    ("Ausbildungsplatzbörse", "Ausbildungsplätze in Handwerk, Pflege und Handel finden.", "Vermittlung in Betriebe, Praktika und Einstiegsqualifizierung.", ["ausbildung", "arbeit-beruf"], ["refugees", "employers"]),
    ("Jobcoaching", "Begleitung auf dem Weg in Arbeit: Stellensuche, Praktikum, Einarbeitung.", "Individuelle Termine, auch in Ihrer Sprache.", ["arbeit-beruf"], ["refugees"]),
    ("Beratung für Arbeitgeber", "Geflüchtete einstellen oder ausbilden: Erlaubnisse, Förderung, Ansprechpersonen.", "Wir klären mit Ihnen Beschäftigungserlaubnis und Fördermöglichkeiten.", ["arbeit-beruf", "ausbildung"], ["employers"]),
    ("Patenschaften", "Ehrenamtliche begleiten neu zugewanderte Familien im Alltag.", "Schulung und Austausch für Patinnen und Paten.", ["ehrenamt-patenschaften"], ["volunteers", "refugees"]),
    ("Ehrenamt-Schulung", "Grundlagen für Ehrenamtliche: Asylrecht, Leistungen, Grenzen der Hilfe.", "Vier Abende, Zertifikat.", ["ehrenamt-patenschaften"], ["volunteers", "associations"]),
    ("Frauentreff", "Begegnung, Austausch und Ausflüge für Frauen aus aller Welt.", "Mit Kinderbetreuung.", ["frauen", "begegnung-freizeit"], ["refugees"]),
    ("Sportgruppe für Jugendliche", "Fußball, Boxen und Basketball im Verein.", "Kostenlos, Ausrüstung wird gestellt.", ["jugend", "begegnung-freizeit"], ["refugees"]),
    ("Eltern-Kind-Gruppe", "Spielen, Singen und Austausch für Eltern mit kleinen Kindern.", "Information zu Kita und Schule.", ["kinder-familie"], ["refugees"]),
    ("Kita-Lotsen", "Hilfe bei der Suche nach einem Kita-Platz und bei der Anmeldung.", "Beratung zu Kosten und Betreuungszeiten.", ["kinder-familie"], ["refugees"]),
    ("Seiteneinstieg Schule", "Beratung für neu zugewanderte Schulkinder und ihre Eltern.", "Anmeldung, Schulformen, Internationale Förderklassen.", ["schule"], ["refugees"]),
    ("Fahrradwerkstatt", "Gemeinsam Fahrräder reparieren und Fahrradfahren lernen.", "Werkzeug vorhanden, Ersatzteile zum Selbstkostenpreis.", ["begegnung-freizeit"], ["refugees", "volunteers"]),
    ("Nähwerkstatt", "Nähen lernen, Kleidung reparieren, gemeinsam kreativ sein.", "Nähmaschinen vorhanden.", ["begegnung-freizeit", "frauen"], ["refugees"]),
    ("Computerkurs für Einsteiger", "E-Mail, Internet, Online-Formulare und Bewerbungsportale.", "Kleine Gruppen mit Übersetzung.", ["arbeit-beruf"], ["refugees"]),
    ("Sprachmittlung für Termine", "Ehrenamtliche Dolmetscherinnen begleiten zu Behörden und Ärzten.", "Bitte mindestens eine Woche vorher anfragen.", ["beratung", "ehrenamt-patenschaften"], ["refugees", "volunteers"]),
    ("Berufsorientierung Pflege", "Einblick in Pflegeberufe mit Praktikum und Sprachförderung.", "Weg in die Pflegeausbildung oder Anerkennung.", ["ausbildung", "gesundheit", "anerkennung"], ["refugees"]),
    ("Netzwerktreffen Vereine", "Austausch für Vereine und Initiativen in der Flüchtlingsarbeit.", "Vierteljährlich, mit Fachinput.", ["ehrenamt-patenschaften"], ["associations", "professionals"]),
    ("Hilfe bei Anträgen im Jobcenter", "Unterstützung bei Bürgergeld-Anträgen, Weiterbewilligung und Bescheiden.", "Bitte Unterlagen mitbringen.", ["beratung"], ["refugees", "volunteers"]),
    ("Begegnungscafé", "Offener Treff für Nachbarinnen und Nachbarn, alt und neu.", "Jeden Freitag, Kaffee und Gespräche.", ["begegnung-freizeit"], ["refugees", "volunteers"]),
]  # fmt: skip

STREETS = ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Marktplatz", "Lindenallee", "Am Bergfeld",
           "Talweg", "Brückenstraße", "Gartenstraße", "Kirchplatz", "Mühlenweg", "Rosenstraße"]  # fmt: skip
POSTAL_CODES = {"elberfeld": "42103", "elberfeld-west": "42117", "uellendahl-katernberg": "42111",
                "vohwinkel": "42327", "cronenberg": "42349", "barmen": "42275", "oberbarmen": "42277",
                "heckinghausen": "42289", "langerfeld-beyenburg": "42389", "ronsdorf": "42369"}  # fmt: skip
FIRST_NAMES = [
    "Amira",
    "Jonas",
    "Leyla",
    "Paul",
    "Olena",
    "Reza",
    "Sina",
    "Mehmet",
    "Irina",
    "Clara",
]
LAST_NAMES = ["Beispiel", "Muster", "Demo", "Probst", "Fiktiv", "Erfunden", "Sommer", "Winter"]
DEMO_LANGUAGES = ["de", "en", "ar", "fa", "uk", "tr", "ru"]
# English versions for a few offers, to show translated content and the fallback note.
ENGLISH_TITLES = {
    "Sprachcafé": ("Language café", "Practise German over tea and cake – no registration."),
    "Bewerbungshilfe": ("Help with job applications", "CV, cover letter and interview practice."),
    "Beratung für Arbeitgeber": (
        "Advice for employers",
        "Hiring or training refugees: permits, funding, contacts.",
    ),
}


def _organisations(rng: random.Random, count: int) -> list[Organisation]:
    existing = {o.slug for o in Organisation.objects.all()}
    start = len(existing)
    created = []
    for index in range(start, start + count):
        name, kind = ORG_NAMES[index % len(ORG_NAMES)]
        if index >= len(ORG_NAMES):
            name = f"{name} {index // len(ORG_NAMES) + 1}"
        slug = slugify(name)[:200]
        if slug in existing:
            continue
        existing.add(slug)
        domain = slug.replace("-", "")[:20]
        created.append(
            Organisation(
                name=name,
                slug=slug,
                kind=kind,
                short_description=f"{name} – fiktive Demo-Organisation.",
                short_description_de=f"{name} – fiktive Demo-Organisation.",
                website=f"https://{domain}.example",
                email=f"kontakt@{domain}.example",
                phone=f"0202 {rng.randint(100000, 999999)}",
            )
        )
    Organisation.objects.bulk_create(created, batch_size=1000)
    return list(Organisation.objects.filter(slug__in=[o.slug for o in created]))


@transaction.atomic
def generate(*, count: int, organisations: int, seed: int = 4, translated: bool = True) -> int:
    """Create `count` published offers of `organisations` new organisations (bulk inserts)."""
    from .services import offers_reindex

    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    orgs = _organisations(rng, organisations)
    districts = list(District.objects.all())
    categories = {c.slug: c.pk for c in Category.objects.all()}
    languages = {lang.code: lang.pk for lang in Language.objects.all()}
    now = timezone.now()
    locations = []
    for index, org in enumerate(orgs):
        for number in range(2):
            district = districts[(index + number * 3) % len(districts)]
            locations.append(
                Location(
                    organisation=org,
                    name="Beratungsstelle" if number == 0 else "Treffpunkt",
                    street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                    postal_code=POSTAL_CODES.get(district.slug, "42103"),
                    district=district,
                    latitude=district.latitude + Decimal(rng.randint(-80, 80)) / 10000
                    if district.latitude
                    else None,
                    longitude=district.longitude + Decimal(rng.randint(-80, 80)) / 10000
                    if district.longitude
                    else None,
                    transit_hint=f"Bus {rng.randint(600, 650)}, Haltestelle {rng.choice(STREETS)}",
                )
            )
    Location.objects.bulk_create(locations, batch_size=2000)
    by_district: dict[int, list[Location]] = {}
    for loc in locations:
        by_district.setdefault(loc.district_id, []).append(loc)
    offers, plan = [], []
    for index in range(count):
        title, summary, description, cats, groups = OFFER_TEMPLATES[index % len(OFFER_TEMPLATES)]
        # Each round through the templates moves every kind of offer one district on, so
        # each kind turns up in many districts and at many organisations.
        round_, template = divmod(index, len(OFFER_TEMPLATES))
        district = districts[(round_ + template) % len(districts)]
        candidates = by_district.get(district.pk) or locations
        location = candidates[(index * 7) % len(candidates)]
        org = location.organisation
        suffix = f" in {location.district.name}" if index >= len(OFFER_TEMPLATES) else ""
        langs = ["de", *rng.sample(DEMO_LANGUAGES[1:], k=rng.randint(0, 3))]
        statuses = rng.choice(
            [
                [],
                [],
                [ResidenceStatus.RECOGNISED],
                [ResidenceStatus.GESTATTUNG, ResidenceStatus.DULDUNG],
                [ResidenceStatus.PARA24],
            ]
        )
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        verified = now - timedelta(
            days=rng.choice([3, 20, 60, 120, 150, 200, 260])
            if rng.random() < 0.3
            else rng.randint(1, 170)
        )
        offer = Offer(
            organisation=org, title=title + suffix, title_de=title + suffix, summary=summary, summary_de=summary,
            description=description, description_de=description, status=Offer.Status.PUBLISHED,
            target_groups=encode_choices(groups), residence_statuses=encode_choices(statuses),
            is_free=rng.random() < 0.85, cost="" if rng.random() < 0.85 else "5 € pro Termin",
            registration_required=rng.random() < 0.4, on_site=True, online=rng.random() < 0.2,
            by_phone=rng.random() < 0.3, wheelchair_accessible=rng.random() < 0.5,
            hearing_loop=rng.random() < 0.1, sign_language=rng.random() < 0.05,
            childcare="Kinderbetreuung" in title + description or ("kinder-familie" in cats and index % 2 == 0),
            contact_name=f"{first} {last}", contact_email=f"{first.lower()}.{last.lower()}@{org.slug.replace('-', '')[:20]}.example",
            contact_phone=org.phone, schedule_note="Termine auch nach Vereinbarung.",
            schedule_note_de="Termine auch nach Vereinbarung.", last_verified_at=verified, created_at=verified,
        )  # fmt: skip
        if translated and title in ENGLISH_TITLES:
            offer.title_en, offer.summary_en = ENGLISH_TITLES[title]
        offers.append(offer)
        plan.append((cats, langs, location, index))
    Offer.objects.bulk_create(offers, batch_size=2000)
    through_cat, through_lang, through_loc = (
        Offer.categories.through,
        Offer.languages.through,
        Offer.locations.through,
    )
    rows_cat, rows_lang, rows_loc, hours, revisions = [], [], [], [], []
    for offer, (cats, langs, location, index) in zip(offers, plan, strict=True):
        rows_cat += [
            through_cat(offer_id=offer.pk, category_id=categories[c])
            for c in cats
            if c in categories
        ]
        rows_lang += [
            through_lang(offer_id=offer.pk, language_id=languages[c])
            for c in langs
            if c in languages
        ]
        rows_loc.append(through_loc(offer_id=offer.pk, location_id=location.pk))
        start = 8 + index % 6
        for weekday in sorted(rng.sample(range(5), k=rng.randint(1, 3))):
            hours.append(
                OpeningHours(
                    offer_id=offer.pk, weekday=weekday, opens=time(start), closes=time(start + 3)
                )
            )
        revisions.append(
            OfferRevision(offer_id=offer.pk, action="created", changes={}, at=offer.created_at)
        )
    for model, rows in (
        (through_cat, rows_cat),
        (through_lang, rows_lang),
        (through_loc, rows_loc),
        (OpeningHours, hours),
        (OfferRevision, revisions),
    ):
        model.objects.bulk_create(rows, batch_size=5000)
    offers_reindex(queryset=Offer.objects.filter(pk__in=[o.pk for o in offers]))
    return len(offers)


def load(*, stdout: TextIO) -> None:
    from importlib import import_module

    from django.apps import apps

    from beko.accounts.models import Role, User

    # `demo --reset` flushes the seeded vocabularies too; seeding is idempotent.
    import_module("beko.directory.migrations.0003_seed_vocabularies").seed(apps, None)
    if Offer.objects.exists():
        stdout.write("directory: offers already present – skipped\n")
        return
    count = generate(count=250, organisations=60)
    org = Organisation.objects.get(slug=slugify(ORG_NAMES[5][0]))
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
        partner.other_organisations.add(Organisation.objects.get(slug=slugify(ORG_NAMES[6][0])))
    stdout.write(
        f"directory: {Organisation.objects.count()} organisations, {count} offers, partner login 'partner'\n"
    )
