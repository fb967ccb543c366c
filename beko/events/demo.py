"""Demo data of the events app (fictional): a Meet & Eat series, an information evening for
new volunteers, an employers' breakfast, a job fair, the yearly network meeting
"Stadtgespräche" with four district talks and market stands, a weekly language café and a
partner's proposal waiting for approval.

The texts live in `demo_texts/<language>.yaml` (German source and the team's translations).
Dates are relative to today and fall on the weekday and at the time their texts promise.
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
from beko.core.demo_texts import german, translations_apply
from beko.core.lib.slugs import GERMAN_TRANSLITERATION
from beko.directory import services as directory_services

from . import selectors, services
from .models import (
    Event,
    EventAudience,
    EventLanguageTag,
    MarketStand,
    NetworkContact,
    ProgrammeItem,
    Venue,
)

APP = "events"
DEMO_ORGANISATIONS = [
    ("Jobcenter Wuppertal", "jobcenter-wuppertal", "authority"),
    ("Caritasverband Wuppertal (Demo)", "caritas-demo", "welfare"),
    ("Diakonie Wuppertal – Migrationsdienst (Demo)", "diakonie-demo", "welfare"),
    ("Verein Brücke e. V. (Demo)", "verein-bruecke-demo", "association"),
    ("Sprachschule Mitte (Demo)", "sprachschule-mitte-demo", "education"),
    ("Ausländerbehörde Wuppertal", "auslaenderbehoerde", "authority"),
]
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = range(6)


def _organisations() -> list[Any]:
    found = list(selectors.organisations()[:40])
    if len(found) >= 4:
        return found
    # Demo only: the directory's demo normally provides these.
    return [
        directory_services.organisation_ensure(slug=slug, name=name, kind=kind)
        for name, slug, kind in DEMO_ORGANISATIONS
    ]


def _pick(organisations: list[Any], *, kinds: tuple[str, ...], name: str = "") -> Any:
    """The first organisation of one of `kinds` (preferring one whose name contains `name`),
    so the language café is run by a club and the job stand by the Jobcenter."""
    for wanted in (name, ""):
        for organisation in organisations:
            if organisation.kind in kinds and wanted.lower() in organisation.name.lower():
                return organisation
    return organisations[0]


def _at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day.date(), time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _on(today: datetime, *, weekday: int, days: int) -> datetime:
    """The first `weekday` at least `days` from today (negative: in the past), after the
    Christmas holidays when it would fall between 20 December and 6 January."""
    day = today + timedelta(days=days)
    if (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 6):
        day = day.replace(year=day.year + (day.month == 12), month=1, day=7)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _tags(event: Event, audiences: list[str], languages: list[str]) -> None:
    for code in audiences:
        EventAudience.objects.get_or_create(event=event, audience=code)
    for code in languages:
        EventLanguageTag.objects.get_or_create(event=event, language=code)


def _venue(key: str, **fields: Any) -> Venue:
    texts = german(APP, "venues")[key]
    venue = Venue.objects.create(
        **fields,
        accessibility_notes_de=texts["accessibility_notes"],
        directions_de=texts["directions"],
    )
    translations_apply(obj=venue, app_label=APP, section="venues", key=key)
    return venue


def _event(key: str, *, by: Any, year: int | None = None, **data: Any) -> Event:
    texts = german(APP, "events")[key]
    values = {"year": year} if year else None
    event = services.event_save(
        event=None,
        data={field: text.format(**(values or {})) for field, text in texts.items()} | data,
        by=by,
    )
    translations_apply(obj=event, app_label=APP, section="events", key=key, values=values)
    return event


def load(*, stdout: TextIO) -> None:
    if Event.objects.filter(slug__startswith="stadtgespraeche-").exists():
        stdout.write("events: demo data already present\n")
        return
    organisations = _organisations()
    jobcenter = _pick(organisations, kinds=("authority",), name="Jobcenter")
    club = _pick(organisations, kinds=("association", "initiative"))
    staff = User.objects.filter(username="team").first()
    house = _venue(
        "haus", name="Haus der Integration", street="Musterstraße 1", postcode="42103",
        district="elberfeld", step_free=True, accessible_toilet=True, hearing_loop=True,
    )  # fmt: skip
    hall = _venue(
        "stadthalle", name="Historische Stadthalle Wuppertal", street="Johannisberg 40",
        postcode="42103", district="elberfeld", step_free=True, accessible_toilet=True,
    )  # fmt: skip
    neighbourhood = _venue(
        "nachbarschaftsheim", name="Nachbarschaftsheim Oberbarmen (Demo)",
        street="Berliner Straße 170", postcode="42277", district="oberbarmen", step_free=False,
    )  # fmt: skip
    today = timezone.localtime()
    meet_eat: dict[str, Any] = {
        "category": Event.Category.MEET_EAT, "venue": house, "registration_required": True,
        "capacity": 24, "ask_dietary": True, "ask_questions": True,
        "contact_email": "beko@example.invalid", "publish": True,
        "audiences": ["volunteers", "counselling", "associations"], "languages": ["de"],
    }  # fmt: skip

    # Meet & Eat: small Thursday evenings, one already past (archive, attendance kept).
    for key, days in [
        ("meet-eat-buergergeld", -24),
        ("meet-eat-aufenthalt", 8),
        ("meet-eat-ausbildung", 36),
    ]:
        day = _on(today, weekday=THURSDAY, days=days)
        event = _event(key, by=staff, starts_at=_at(day, 17, 30), ends_at=_at(day, 20), **meet_eat)
        if days < 0:
            _past_registrations(event)
        elif days == 8:
            # More than the seats: a waiting list.
            _upcoming_registrations(event, count=26, question="Wie lange dauert die Einbürgerung?")

    day = _on(today, weekday=MONDAY, days=14)
    _event(
        "infoabend-ehrenamt", by=staff, category=Event.Category.INFO, venue=house,
        starts_at=_at(day, 18), ends_at=_at(day, 19, 30), registration_required=True,
        capacity=40, contact_email="beko@example.invalid", publish=True,
        audiences=["volunteers"], languages=["de", "de-easy"],
    )  # fmt: skip
    day = _on(today, weekday=TUESDAY, days=22)
    breakfast = _event(
        "arbeitgeberfruehstueck", by=staff, category=Event.Category.INFO, venue=house,
        starts_at=_at(day, 8, 30), ends_at=_at(day, 10, 30), registration_required=True,
        capacity=25, ask_dietary=True, ask_questions=True,
        contact_email="beko@example.invalid", publish=True, audiences=["employers"],
        languages=["de"],
    )  # fmt: skip
    _upcoming_registrations(
        breakfast, count=9, organisation="Malerbetrieb Kaya GmbH (Demo)",
        question="Welche Förderung gibt es für eine Einstiegsqualifizierung?",
    )  # fmt: skip
    day = _on(today, weekday=WEDNESDAY, days=29)
    _event(
        "ausbildungsboerse", by=staff, category=Event.Category.JOB_FAIR, venue=hall,
        organisation=jobcenter, starts_at=_at(day, 10), ends_at=_at(day, 15),
        registration_required=False, publish=True,
        audiences=["refugees", "volunteers", "employers"], languages=["de", "ar", "fa", "uk"],
    )  # fmt: skip

    # The yearly network meeting on a Saturday: programme, four district talks, stands.
    day = _on(today, weekday=SATURDAY, days=45)
    meeting = _event(
        "stadtgespraeche", by=staff, year=day.year, category=Event.Category.NETWORK_MEETING,
        venue=hall, starts_at=_at(day, 14), ends_at=_at(day, 19), registration_required=True,
        capacity=200, registration_deadline=_at(day - timedelta(days=3), 23, 59),
        ask_dietary=True, ask_questions=False, publish=True,
        audiences=["volunteers", "counselling", "associations", "employers"], languages=["de", "de-easy"],
    )  # fmt: skip
    programme = [
        ("welcome", ProgrammeItem.Kind.WELCOME, (14, 0), (14, 15),
         "Dr. Sabine Kortmann (Jobcenter Wuppertal)", "Großer Saal", None),
        ("keynote", ProgrammeItem.Kind.KEYNOTE, (14, 15), (15, 0),
         "Prof. Dr. Jonas Ebert (Demo)", "Großer Saal", None),
        ("district-elberfeld", ProgrammeItem.Kind.SESSION, (15, 15), (16, 30), "", "Saal 1", 60),
        ("district-barmen", ProgrammeItem.Kind.SESSION, (15, 15), (16, 30), "", "Saal 2", 60),
        ("district-sued", ProgrammeItem.Kind.SESSION, (15, 15), (16, 30), "", "Raum 3", 40),
        ("district-nord", ProgrammeItem.Kind.SESSION, (15, 15), (16, 30), "", "Raum 4", 40),
        ("market", ProgrammeItem.Kind.MARKET, (16, 30), (18, 15), "", "Foyer", None),
        ("music", ProgrammeItem.Kind.MUSIC, (18, 15), (19, 0),
         "Chor „Stimmen der Welt“ (Demo)", "Großer Saal", None),
    ]  # fmt: skip
    texts = german(APP, "programme")
    for key, kind, (h1, m1), (h2, m2), speakers, room, capacity in programme:
        item = ProgrammeItem.objects.create(
            event=meeting, kind=kind, starts_at=_at(day, h1, m1), ends_at=_at(day, h2, m2),
            title_de=texts[key]["title"], description_de=texts[key]["description"],
            speakers=speakers or "Quartiersmanagement und Bezirksvertretung", room=room,
            capacity=capacity,
        )  # fmt: skip
        translations_apply(obj=item, app_label=APP, section="programme", key=key)
    _upcoming_registrations(meeting, count=40)
    stands = [
        ("work", _pick(organisations, kinds=("authority",), name="Jobcenter")),
        ("counselling", _pick(organisations, kinds=("welfare", "counselling"))),
        ("volunteering", club),
        ("language", _pick(organisations, kinds=("education",))),
        ("recognition", _pick(organisations, kinds=("counselling", "welfare"), name="Anerkenn")),
        ("residence", _pick(organisations, kinds=("authority",), name="Ausländer")),
    ]
    texts = german(APP, "stands")
    for number, (key, organisation) in enumerate(stands, 1):
        stand = MarketStand.objects.create(
            event=meeting, number=f"{number:02d}", organisation=organisation,
            topic_de=texts[key]["topic"],
        )  # fmt: skip
        translations_apply(obj=stand, app_label=APP, section="stands", key=key)

    # A club's weekly language café on Tuesdays, 16–18 h (recurring, no registration).
    start = _at(_on(today, weekday=TUESDAY, days=1), 16)
    rule = "FREQ=WEEKLY;BYDAY=TU;UNTIL=" + (start + timedelta(days=365)).astimezone(
        ZoneInfo("UTC")
    ).strftime("%Y%m%dT%H%M%SZ")
    _event(
        "sprachcafe-oberbarmen", by=staff, category=Event.Category.LANGUAGE_CAFE,
        organisation=club, venue=neighbourhood, starts_at=start,
        ends_at=start + timedelta(hours=2), recurrence=rule, registration_required=False,
        publish=True, audiences=["refugees", "volunteers"], languages=["de", "ar", "uk", "fa"],
    )  # fmt: skip

    # The same club's proposal, waiting for staff approval.
    day = _on(today, weekday=FRIDAY, days=50)
    proposal = _event(
        "bewerbungswerkstatt", by=staff, category=Event.Category.WORKSHOP, organisation=club,
        venue=neighbourhood, starts_at=_at(day, 9, 30), ends_at=_at(day, 12, 30),
        registration_required=True, capacity=12, publish=False,
        audiences=["refugees"], languages=["de", "ar", "fa"],
    )  # fmt: skip
    proposal.status = Event.Status.PROPOSED
    proposal.save(update_fields=["status"])

    for organisation, (name, role) in zip(
        [jobcenter, _pick(organisations, kinds=("welfare", "counselling")), club],
        [("Miriam Hoffmann", "Teamleitung Integration"),
         ("Yusuf Aydın", "Migrationsberatung für Erwachsene"),
         ("Claudia Berg", "Koordination Ehrenamt")],
        strict=True,
    ):  # fmt: skip
        NetworkContact.objects.create(
            organisation=organisation, name=name, role=role,
            email=f"{name.split()[0].lower()}.demo@example.invalid", topics="Arbeit, Ehrenamt",
            districts=["elberfeld", "barmen"], legal_basis=NetworkContact.LegalBasis.PUBLIC_TASK,
        )  # fmt: skip
    stdout.write(
        f"events: {Event.objects.count()} events (Meet & Eat series, Infoabend Ehrenamt, "
        "Arbeitgeberfrühstück, Ausbildungsbörse, Stadtgespräche, Sprachcafé), contacts\n"
    )


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


def _upcoming_registrations(
    event: Event,
    *,
    count: int,
    organisation: str = "Verein Brücke e. V. (Demo)",
    question: str = "",
) -> None:
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
            organisation_name=organisation if number % 3 == 0 else "",
            dietary_wishes="vegetarisch" if number % 4 == 0 else "",
            questions=question if number % 5 == 0 else "",
            consent_at=timezone.now(),
        )
