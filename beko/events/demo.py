"""Demo data of the events app (fictional): a Meet & Eat series, the network meeting
"Stadtgespräche" with four district talks and market stands, a weekly language café.

Runs after the directory's demo (INSTALLED_APPS order) and reuses its organisations; when
they are missing it adds a few itself, so the events demo also works on its own.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from beko.accounts.models import User
from beko.core.lib.slugs import GERMAN_TRANSLITERATION
from beko.directory import services as directory_services

from . import recurrence, selectors, services
from .models import (
    Event,
    EventAudience,
    EventLanguageTag,
    MarketStand,
    NetworkContact,
    ProgrammeItem,
    Venue,
)

DEMO_ORGANISATIONS = [
    ("Jobcenter Wuppertal", "jobcenter-wuppertal", "authority"),
    ("Caritasverband Wuppertal (Demo)", "caritas-demo", "welfare"),
    ("Diakonie Wuppertal – Migrationsdienst (Demo)", "diakonie-demo", "welfare"),
    ("Verein Brücke e. V. (Demo)", "verein-bruecke-demo", "association"),
    ("Sprachschule Mitte (Demo)", "sprachschule-mitte-demo", "education"),
    ("Ausländerbehörde Wuppertal", "auslaenderbehoerde", "authority"),
]


def _organisations() -> list[Any]:
    found = list(selectors.organisations()[:8])
    if len(found) >= 4:
        return found
    # Demo only: the directory's demo normally provides these.
    return [
        directory_services.organisation_ensure(slug=slug, name=name, kind=kind)
        for name, slug, kind in DEMO_ORGANISATIONS
    ]


def _at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day.date(), time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _tags(event: Event, audiences: list[str], languages: list[str]) -> None:
    for code in audiences:
        EventAudience.objects.get_or_create(event=event, audience=code)
    for code in languages:
        EventLanguageTag.objects.get_or_create(event=event, language=code)


def load(*, stdout: TextIO) -> None:
    if Event.objects.filter(slug__startswith="stadtgespraeche-2027").exists():
        stdout.write("events: demo data already present\n")
        return
    organisations = _organisations()
    staff = User.objects.filter(username="team").first()
    house = Venue.objects.create(
        name="Haus der Integration", street="Musterstraße 1", postcode="42103",
        district="elberfeld", step_free=True, accessible_toilet=True, hearing_loop=True,
        accessibility_notes_de="Aufzug zum Saal im 2. Stock, Behindertenparkplatz am Eingang.",
        directions_de="Bus 603/623 bis Haltestelle Musterstraße; 5 Minuten vom Hauptbahnhof.",
    )  # fmt: skip
    forum = Venue.objects.create(
        name="Stadthalle am Johannisberg (Demo)", street="Johannisberg 40", postcode="42103",
        district="elberfeld", step_free=True, accessible_toilet=True,
        accessibility_notes_de="Alle Säle stufenlos; Gebärdensprachdolmetschung auf Anfrage.",
    )  # fmt: skip
    cafe = Venue.objects.create(
        name="Nachbarschaftsheim Oberbarmen (Demo)", street="Berliner Straße 170",
        postcode="42277", district="oberbarmen", step_free=False,
        accessibility_notes_de="Drei Stufen am Eingang, mobile Rampe vorhanden.",
    )  # fmt: skip
    today = timezone.localtime()

    # Meet & Eat: a series of small evenings, one already past (archive, attendance kept).
    topics = [
        ("Bürgergeld und Arbeit", -21),
        ("Aufenthalt und Einbürgerung", 10),
        ("Ausbildung und Schule", 38),
    ]
    for title, offset in topics:
        day = today + timedelta(days=offset)
        event = services.event_save(
            event=None,
            data={
                "title": f"Meet & Eat: {title}",
                "summary": "Fachleute aus Jobcenter, Ausländerbehörde und Beratung beantworten "
                "bei einem gemeinsamen Essen Ihre Fragen.",
                "description": "<p>Bringen Sie Ihre Fragen mit oder schicken Sie sie bei der "
                "Anmeldung vorab – die Fachleute bereiten sich vor.</p>",
                "category": Event.Category.MEET_EAT,
                "venue": house,
                "starts_at": _at(day, 17, 30),
                "ends_at": _at(day, 20, 0),
                "registration_required": True,
                "capacity": 24,
                "ask_dietary": True,
                "ask_questions": True,
                "contact_email": "beko@example.invalid",
                "publish": True,
                "audiences": ["volunteers", "organisations"],
                "languages": ["de"],
            },
            by=staff,
        )
        if offset < 0:
            _past_registrations(event)
        elif offset == 10:
            _upcoming_registrations(event, count=26)

    # The yearly network meeting with programme, four parallel district talks and stands.
    day = today + timedelta(days=45)
    meeting = services.event_save(
        event=None,
        data={
            "title": "Stadtgespräche 2027 – Netzwerktreffen für Ehrenamtliche",
            "summary": "Begrüßung, Impulsvortrag, vier Bezirksgespräche zur Wahl, Markt der "
            "Möglichkeiten und Musik zum Ausklang.",
            "description": "<p>Das jährliche Netzwerktreffen der BeKo für alle, die sich in "
            "Wuppertal für Geflüchtete engagieren.</p>",
            "category": Event.Category.NETWORK_MEETING,
            "venue": forum,
            "starts_at": _at(day, 14),
            "ends_at": _at(day, 19),
            "registration_required": True,
            "capacity": 200,
            "registration_deadline": _at(day - timedelta(days=3), 23, 59),
            "ask_dietary": True,
            "ask_questions": False,
            "publish": True,
            "audiences": ["volunteers", "organisations", "employers"],
            "languages": ["de", "de-easy"],
        },
        by=staff,
    )
    slots = [
        ("welcome", 14, 0, 14, 15, "Begrüßung", "Leitung des Jobcenters", "Großer Saal", None),
        ("keynote", 14, 15, 15, 0, "Impuls: Arbeit von Anfang an", "Prof. Dr. Demo", "Großer Saal", None),
    ]  # fmt: skip
    districts = [
        ("Elberfeld und Elberfeld-West", "Saal 1"),
        ("Barmen und Oberbarmen", "Saal 2"),
        ("Vohwinkel, Cronenberg und Ronsdorf", "Raum 3"),
        ("Uellendahl-Katernberg, Heckinghausen, Langerfeld-Beyenburg", "Raum 4"),
    ]
    for kind, h1, m1, h2, m2, title, speakers, room, capacity in slots:
        ProgrammeItem.objects.create(
            event=meeting, kind=kind, starts_at=_at(day, h1, m1), ends_at=_at(day, h2, m2),
            title_de=title, speakers=speakers, room=room, capacity=capacity,
        )  # fmt: skip
    for title, room in districts:
        ProgrammeItem.objects.create(
            event=meeting, kind=ProgrammeItem.Kind.SESSION, starts_at=_at(day, 15, 15),
            ends_at=_at(day, 16, 30), title_de=f"Bezirksgespräch {title}",
            speakers="Bezirksvertretung und Quartiersmanagement", room=room, capacity=50,
        )  # fmt: skip
    ProgrammeItem.objects.create(
        event=meeting, kind=ProgrammeItem.Kind.MARKET, starts_at=_at(day, 16, 30),
        ends_at=_at(day, 18, 15), title_de="Markt der Möglichkeiten", room="Foyer",
    )  # fmt: skip
    ProgrammeItem.objects.create(
        event=meeting, kind=ProgrammeItem.Kind.MUSIC, starts_at=_at(day, 18, 15),
        ends_at=_at(day, 19, 0), title_de="Musik zum Ausklang", speakers="Demo-Ensemble",
        room="Großer Saal",
    )  # fmt: skip
    _upcoming_registrations(meeting, count=40)
    stand_topics = ["Arbeit und Ausbildung", "Migrationsberatung", "Ehrenamt finden",
                    "Patenschaften", "Sprachkurse", "Aufenthalt und Einbürgerung"]  # fmt: skip
    for number, (organisation, topic) in enumerate(
        zip(organisations, stand_topics, strict=False), 1
    ):
        MarketStand.objects.create(
            event=meeting, number=f"{number:02d}", organisation=organisation, topic_de=topic
        )

    # A partner's weekly language café (recurring, no registration).
    start = _at(today + timedelta(days=(1 - today.weekday()) % 7 or 7), 16)
    rule = "FREQ=WEEKLY;BYDAY=TU;UNTIL=" + (start + timedelta(days=365)).astimezone(
        ZoneInfo("UTC")
    ).strftime("%Y%m%dT%H%M%SZ")
    language_cafe = Event.objects.create(
        title_de="Sprachcafé Oberbarmen", slug="sprachcafe-oberbarmen",
        summary_de="Jeden Dienstag Deutsch üben bei Tee und Kuchen – ohne Anmeldung.",
        category=Event.Category.LANGUAGE_CAFE, status=Event.Status.PUBLISHED,
        organisation=organisations[min(3, len(organisations) - 1)], venue=cafe,
        starts_at=start, ends_at=start + timedelta(hours=2), recurrence=rule,
        published_at=timezone.now(),
    )  # fmt: skip
    language_cafe.series_ends_at = recurrence.series_end(language_cafe)
    language_cafe.save(update_fields=["series_ends_at"])
    _tags(language_cafe, ["refugees", "volunteers"], ["de", "ar", "uk", "fa"])

    # A partner's proposal waiting for approval.
    Event.objects.create(
        title_de="Jobbörse für Geflüchtete (Vorschlag)", slug="jobboerse-vorschlag",
        summary_de="Unternehmen aus dem Bergischen Land stellen sich vor.",
        category=Event.Category.JOB_FAIR, status=Event.Status.PROPOSED,
        organisation=organisations[0], venue=house,
        starts_at=_at(today + timedelta(days=60), 10), ends_at=_at(today + timedelta(days=60), 14),
    )  # fmt: skip

    for organisation, (name, role) in zip(
        organisations,
        [("Demo Kontakt A", "Teamleitung Integration"), ("Demo Kontakt B", "Migrationsberatung"),
         ("Demo Kontakt C", "Koordination Ehrenamt")],
        strict=False,
    ):  # fmt: skip
        NetworkContact.objects.create(
            organisation=organisation, name=name, role=role,
            email=f"{name.lower().replace(' ', '.')}@example.invalid", topics="Arbeit, Ehrenamt",
            districts=["elberfeld", "barmen"], legal_basis=NetworkContact.LegalBasis.PUBLIC_TASK,
        )  # fmt: skip
    stdout.write("events: 6 events (Meet & Eat series, Stadtgespräche, language café), contacts\n")


def _past_registrations(event: Event) -> None:
    """A past evening with anonymised participants: only the attendance numbers remain."""
    from .models import Registration

    for number in range(18):
        Registration.objects.create(
            event=event, status=Registration.Status.CONFIRMED, name="", email="",
            consent_at=event.starts_at - timedelta(days=7),
            checked_in_at=event.starts_at if number < 15 else None,
            anonymised_at=timezone.now(),
        )  # fmt: skip


DEMO_FIRST_NAMES = ["Amina", "Bernd", "Chiara", "Dariusz", "Elif", "Farid", "Greta", "Hamid",
                    "Irina", "Jonas", "Karim", "Lena", "Mariam", "Nils", "Olena", "Pascal"]  # fmt: skip
DEMO_LAST_NAMES = ["Yusuf", "Becker", "Rossi", "Nowak", "Demir", "Rahimi", "Schulz", "Haddad",
                   "Koval", "Weber", "Mansour", "Fischer", "Saleh", "Krüger", "Bondar", "Wolf"]  # fmt: skip


def _upcoming_registrations(event: Event, *, count: int) -> None:
    """Fictional participants (example.invalid addresses): seats first, then a waiting list.

    Written directly instead of through the service so `make run` does not print dozens of
    confirmation mails to the console.
    """
    from .models import Registration

    sessions = list(event.programme.filter(kind=ProgrammeItem.Kind.SESSION))
    for number in range(count):
        first = DEMO_FIRST_NAMES[number % len(DEMO_FIRST_NAMES)]
        last = DEMO_LAST_NAMES[(number * 7) % len(DEMO_LAST_NAMES)]
        confirmed = event.capacity is None or number < event.capacity
        Registration.objects.create(
            event=event,
            session=sessions[number % len(sessions)] if sessions else None,
            status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING,
            name=f"{first} {last}",
            email=f"{first}.{last}.{number}@example.invalid".lower().translate(
                GERMAN_TRANSLITERATION
            ),
            organisation_name="Verein Brücke e. V. (Demo)" if number % 3 == 0 else "",
            dietary_wishes="vegetarisch" if number % 4 == 0 else "",
            questions="Wie lange dauert die Einbürgerung?" if number % 5 == 0 else "",
            consent_at=timezone.now(),
        )
