"""Events, their programme and stands, registrations with a waiting list, network contacts.

Seats are never stored as a counter: the number of confirmed registrations *is* the occupancy.
Every write that may change it (register, cancel, capacity change) locks the event row first
(`services._lock_event`), so parallel requests queue per event and a seat cannot be sold twice.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beko.core.models import TranslatableContent
from beko.core.storage import get_private_storage

# Who an event is for and where: the shared vocabularies (the events' other modules import
# them from here).
from beko.core.vocabulary import Audience, District


class EventLanguage(models.TextChoices):
    """Languages an event is held in (or interpreted into)."""

    DE = "de", _("Deutsch")
    EN = "en", _("Englisch")
    AR = "ar", _("Arabisch")
    FA = "fa", _("Farsi")
    UK = "uk", _("Ukrainisch")
    TR = "tr", _("Türkisch")
    RU = "ru", _("Russisch")
    DE_EASY = "de-easy", _("Einfache Sprache")


class Venue(TranslatableContent):
    name = models.CharField(_("Name"), max_length=200)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200)
    postcode = models.CharField(_("PLZ"), max_length=10)
    city = models.CharField(_("Ort"), max_length=100, default="Wuppertal")
    district = models.CharField(_("Stadtbezirk"), max_length=30, choices=District.choices)
    step_free = models.BooleanField(_("stufenlos erreichbar"), default=False)
    accessible_toilet = models.BooleanField(_("barrierefreies WC"), default=False)
    hearing_loop = models.BooleanField(_("Induktionsschleife"), default=False)
    accessibility_notes = models.TextField(
        _("Hinweise zur Barrierefreiheit"), blank=True, max_length=2000
    )
    directions = models.TextField(_("Anfahrt (ÖPNV)"), blank=True, max_length=2000)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Veranstaltungsort")
        verbose_name_plural = _("Veranstaltungsorte")

    def __str__(self) -> str:
        return f"{self.name}, {self.street}"


class Event(TranslatableContent):
    class Category(models.TextChoices):
        MEET_EAT = "meet-eat", _("Meet & Eat")
        NETWORK_MEETING = "network-meeting", _("Netzwerktreffen")
        LANGUAGE_CAFE = "language-cafe", _("Sprachcafé")
        JOB_FAIR = "job-fair", _("Jobbörse")
        WORKSHOP = "workshop", _("Workshop und Schulung")
        INFO = "info", _("Informationsveranstaltung")
        OTHER = "other", _("Sonstiges")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PROPOSED = "proposed", _("Zur Freigabe vorgeschlagen")
        PUBLISHED = "published", _("Veröffentlicht")
        REJECTED = "rejected", _("Abgelehnt")
        CANCELLED = "cancelled", _("Abgesagt")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Adresse (Slug)"), max_length=220, unique=True)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=300, blank=True)
    description = models.TextField(_("Beschreibung (HTML, wird bereinigt)"), blank=True)
    category = models.CharField(_("Format"), max_length=20, choices=Category.choices)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("Veranstaltende Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Leer lassen, wenn die BeKo selbst einlädt."),
    )
    venue = models.ForeignKey(
        Venue, verbose_name=_("Ort"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="events",
    )  # fmt: skip
    online_url = models.URLField(_("Online-Teilnahme (Link)"), blank=True)
    starts_at = models.DateTimeField(_("Beginn"), db_index=True)
    ends_at = models.DateTimeField(_("Ende"))
    recurrence = models.CharField(
        _("Wiederholung (RRULE)"),
        max_length=200,
        blank=True,
        help_text=_(
            "z. B. FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231T235959Z – leer für einmalige Termine."
        ),
    )
    # The end of the last occurrence of a recurring series (null = open-ended); lets the list
    # query "upcoming" in SQL without expanding rules.
    series_ends_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Recurring series: start and end of the next occurrence that has not ended yet (null when
    # none is left), kept by the service on save and by the task `events_refresh_next_dates`
    # as occurrences pass. The list queries "upcoming, soonest first" with a LIMIT instead of
    # expanding every rule in Python. Single dates use starts_at/ends_at themselves.
    next_start = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    next_end = models.DateTimeField(null=True, blank=True, editable=False)
    registration_required = models.BooleanField(_("Anmeldung erforderlich"), default=False)
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer = unbegrenzt.")
    )
    registration_deadline = models.DateTimeField(
        _("Anmeldeschluss"), null=True, blank=True, help_text=_("Leer = bis zum Beginn.")
    )
    ask_dietary = models.BooleanField(_("Essenswünsche abfragen"), default=False)
    ask_questions = models.BooleanField(_("Fragen vorab ermöglichen"), default=False)
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.TextField(_("Hinweis zur Freigabe"), blank=True, max_length=2000)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence)

    @property
    def effective_deadline(self) -> datetime:
        return self.registration_deadline or self.starts_at


class EventAudience(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="audiences")
    audience = models.CharField(max_length=20, choices=Audience.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "audience"], name="unique_event_audience")
        ]

    def __str__(self) -> str:
        return self.get_audience_display()


class EventLanguageTag(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=10, choices=EventLanguage.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "language"], name="unique_event_language")
        ]

    def __str__(self) -> str:
        return self.get_language_display()


class ProgrammeItem(TranslatableContent):
    """One slot of the programme. Parallel sessions are items participants choose one of."""

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Begrüßung")
        KEYNOTE = "keynote", _("Impulsvortrag")
        TALK = "talk", _("Vortrag/Gespräch")
        SESSION = "session", _("Parallele Sitzung (zur Wahl)")
        MARKET = "market", _("Markt der Möglichkeiten")
        BREAK = "break", _("Pause/Essen")
        MUSIC = "music", _("Musik")
        OTHER = "other", _("Sonstiges")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.TALK)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=3000)
    speakers = models.CharField(_("Mitwirkende"), max_length=300, blank=True)
    room = models.CharField(_("Raum"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(
        _("Plätze (nur parallele Sitzungen)"),
        null=True,
        blank=True,
        help_text=_("Leer = unbegrenzt."),
    )

    class Meta:
        ordering = ["starts_at", "room", "pk"]
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")

    def __str__(self) -> str:
        return self.title

    @property
    def is_session(self) -> bool:
        return self.kind == self.Kind.SESSION


class MarketStand(TranslatableContent):
    """A stand at the "Markt der Möglichkeiten"."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stands")
    number = models.CharField(_("Standnummer"), max_length=10)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_stands",
    )
    exhibitor_name = models.CharField(
        _("Ausstellende (falls nicht im Verzeichnis)"), max_length=200, blank=True
    )
    topic = models.CharField(_("Thema"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Marktstand")
        verbose_name_plural = _("Marktstände")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="unique_stand_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.exhibitor_name  # type: ignore[union-attr]  # organisation_id set: organisation is not None


def photo_file_name(instance: EventPhoto, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"events/{timezone.now():%Y}/{secrets.token_hex(12)}.{extension}"


class EventPhoto(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    # Cleaned on upload (core.images), private storage; `event_photo` serves it only while the
    # event is public, so a proposal's photos stay hidden until staff approve it.
    image = models.ImageField(
        _("Bild"), storage=get_private_storage, upload_to=photo_file_name, max_length=255
    )
    alt_text = models.CharField(_("Alternativtext"), max_length=250)
    caption = models.CharField(_("Bildunterschrift"), max_length=250, blank=True)
    credit = models.CharField(_("Bildnachweis"), max_length=200)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")

    def __str__(self) -> str:
        return self.alt_text

    @property
    def url(self) -> str:
        return reverse("events:event_photo", kwargs={"slug": self.event.slug, "pk": self.pk})


def new_ticket_code() -> str:
    # 10 characters from an alphabet without look-alikes (0/O, 1/I/L): easy to read out at the
    # door and ~50 bits, so codes cannot be guessed.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("bestätigt")
        WAITING = "waiting", _("Warteliste")
        CANCELLED = "cancelled", _("storniert")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    session = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("Parallele Sitzung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, db_index=True)
    name = models.CharField(_("Name"), max_length=120)
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    organisation_name = models.CharField(_("Organisation"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    accessibility_needs = models.TextField(_("Barrierefreiheit"), blank=True, max_length=1000)
    dietary_wishes = models.CharField(_("Essenswünsche"), blank=True, max_length=300)
    questions = models.TextField(_("Fragen vorab"), blank=True, max_length=3000)
    language = models.CharField(max_length=10, default="de")
    ticket_code = models.CharField(max_length=16, unique=True, default=new_ticket_code)
    consent_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        indexes = [
            # Seats taken per event and session (services._seat_check, selectors.event_occupancy):
            # an index-only count of the confirmed rows, however long the waiting list grows.
            models.Index(fields=["event", "status", "session"], name="registration_seats_idx")
        ]
        constraints = [
            # One active registration per address and event: the database backs up the
            # service's friendly duplicate check when two requests race.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waiting"]) & ~Q(email=""),
                name="unique_active_registration_per_email",
            )
        ]

    def __str__(self) -> str:
        # No personal data: this string ends up in the audit log and in admin breadcrumbs.
        return f"{_('Anmeldung')} {self.pk} ({self.get_status_display()})"


class NetworkContact(models.Model):
    """A contact person at a partner organisation, kept by staff for invitations."""

    class LegalBasis(models.TextChoices):
        # Art. 6 (1) (a) GDPR
        CONSENT = "consent", _("Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)")
        # Art. 6 (1) (e) GDPR: the office's public networking task
        PUBLIC_TASK = "public-task", _("Öffentliche Aufgabe (Art. 6 Abs. 1 lit. e DSGVO)")
        # Art. 6 (1) (b) GDPR
        CONTRACT = "contract", _("Vertrag/Kooperation (Art. 6 Abs. 1 lit. b DSGVO)")

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="network_contacts",
    )
    name = models.CharField(_("Name"), max_length=120)
    role = models.CharField(_("Funktion"), max_length=120, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    topics = models.CharField(_("Themen"), max_length=300, blank=True)
    districts = models.JSONField(_("Stadtbezirke"), default=list, blank=True)
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=20, choices=LegalBasis.choices)
    consent_to_listing = models.BooleanField(
        _("Einverstanden mit Nennung im Netzwerkverzeichnis"), default=False
    )
    consent_recorded_at = models.DateTimeField(_("Einwilligung erfasst am"), null=True, blank=True)
    consent_note = models.CharField(
        _("Nachweis (wie/wann eingewilligt)"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("Netzwerkkontakt")
        verbose_name_plural = _("Netzwerkkontakte")

    def __str__(self) -> str:
        # No personal data: the audit log keeps this string after a deletion on request.
        return f"{_('Netzwerkkontakt')} {self.pk}"
