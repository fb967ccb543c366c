from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beko.core.models import TranslatableContent
from beko.core.storage import get_private_storage

# An offer's target groups are the shared audiences, its residence statuses the shared
# groups (the directory's other modules import both from here).
from beko.core.vocabulary import Audience as TargetGroup
from beko.core.vocabulary import ResidenceStatus

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def logo_file_name(instance: Organisation, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"directory/logos/{secrets.token_hex(12)}.{extension}"


class Organisation(TranslatableContent):
    """An actor in refugee work (HSDS *organization*). Partner editors belong to one."""

    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Träger/Wohlfahrtsverband")
        ASSOCIATION = "association", _("Verein")
        INITIATIVE = "initiative", _("Initiative")
        AUTHORITY = "authority", _("Behörde")
        COMPANY = "company", _("Unternehmen")
        EDUCATION = "education", _("Bildungsträger")
        COUNSELLING = "counselling", _("Beratungsstelle")

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Adresse (Slug)"), max_length=220, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION)
    short_description = models.CharField(_("Kurzbeschreibung"), max_length=300, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=5000)
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    # Cleaned on upload (core.images) and served by `organisation_logo` only while the
    # organisation is public: private storage, never under MEDIA_URL.
    logo = models.ImageField(
        _("Logo"),
        storage=get_private_storage,
        upload_to=logo_file_name,
        blank=True,
        max_length=255,
    )
    logo_credit = models.CharField(
        _("Bildnachweis Logo"),
        max_length=200,
        blank=True,
        help_text=_("Pflicht, wenn ein Logo hochgeladen wird."),
    )
    is_public = models.BooleanField(_("öffentlich sichtbar"), default=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation_detail", kwargs={"slug": self.slug})

    @property
    def logo_url(self) -> str:
        return (
            reverse("directory:organisation_logo", kwargs={"slug": self.slug}) if self.logo else ""
        )


class District(models.Model):
    """A city district (Stadtbezirk). The list is data, seeded with Wuppertal's ten."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Adresse (Slug)"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    latitude = models.DecimalField(
        _("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Stadtbezirk")
        verbose_name_plural = _("Stadtbezirke")

    def __str__(self) -> str:
        return self.name


class Category(TranslatableContent):
    """A taxonomy term (HSDS *taxonomy_term*); one level of parents is enough here."""

    if TYPE_CHECKING:
        # modeltranslation swaps the default manager for a class made at run time, which
        # django-stubs cannot look up; declared here, the plugin types this model's
        # many-to-many managers and implicit through models (else Never).
        _default_manager: ClassVar[models.Manager[Category]]

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Adresse (Slug)"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Oberbegriff"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    """A language an offer is held in (ISO 639-1, or 639-3 where there is no 639-1 code)."""

    code = models.CharField(_("Code (ISO 639)"), max_length=3, unique=True)
    name = models.CharField(_("Name (deutsch)"), max_length=60)
    native_name = models.CharField(_("Eigenname"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A place where offers happen (HSDS *location* with its *address*)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200)
    postal_code = models.CharField(_("PLZ"), max_length=10)
    city = models.CharField(_("Ort"), max_length=100, default="Wuppertal")
    district = models.ForeignKey(
        District, verbose_name=_("Stadtbezirk"), on_delete=models.PROTECT, related_name="locations"
    )
    latitude = models.DecimalField(
        _("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accessibility_notes = models.CharField(
        _("Hinweise zur Barrierefreiheit"), max_length=500, blank=True
    )
    transit_hint = models.CharField(_("Anfahrt mit Bus und Bahn"), max_length=300, blank=True)

    class Meta:
        ordering = ["district__position", "street"]
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        indexes = [models.Index(fields=["postal_code", "street"])]

    def __str__(self) -> str:
        label = f"{self.street}, {self.postal_code} {self.city}"
        return f"{self.name} – {label}" if self.name else label

    @property
    def osm_url(self) -> str:
        if self.latitude is not None and self.longitude is not None:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}"
            )
        from urllib.parse import quote

        return f"https://www.openstreetmap.org/search?query={quote(f'{self.street}, {self.postal_code} {self.city}')}"


class Offer(TranslatableContent):
    """An offer (HSDS *service*) of one organisation at zero or more locations."""

    if TYPE_CHECKING:
        # modeltranslation swaps the default manager for a class made at run time, which
        # django-stubs cannot look up; declared here, the plugin types this model's
        # many-to-many managers and implicit through models (else Never).
        _default_manager: ClassVar[models.Manager[Offer]]

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("veröffentlicht")
        ARCHIVED = "archived", _("archiviert")

    title = models.CharField(_("Titel"), max_length=200)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=400)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=10000)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    locations = models.ManyToManyField(
        Location, verbose_name=_("Orte"), blank=True, related_name="offers"
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("Kategorien"), related_name="offers"
    )
    languages = models.ManyToManyField(Language, verbose_name=_("Sprachen"), related_name="offers")
    # Small fixed vocabularies stored as ",a,b," so that one query can count every value.
    target_groups = models.CharField(_("Zielgruppen"), max_length=200, blank=True, default="")
    residence_statuses = models.CharField(
        _("Aufenthaltsstatus"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Leer bedeutet: für alle, unabhängig vom Aufenthaltsstatus."),
    )
    is_free = models.BooleanField(_("kostenlos"), default=True)
    cost = models.CharField(_("Kosten"), max_length=200, blank=True)
    registration_required = models.BooleanField(_("Anmeldung nötig"), default=False)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    schedule_note = models.CharField(_("Zeiten (Freitext)"), max_length=500, blank=True)
    wheelchair_accessible = models.BooleanField(_("rollstuhlgerecht"), default=False)
    hearing_loop = models.BooleanField(_("Induktionsschleife"), default=False)
    sign_language = models.BooleanField(_("Gebärdensprache"), default=False)
    # Many parents, mostly mothers, can only take part while their children are looked after.
    childcare = models.BooleanField(_("mit Kinderbetreuung"), default=False)
    on_site = models.BooleanField(_("vor Ort"), default=True)
    online = models.BooleanField(_("online"), default=False)
    by_phone = models.BooleanField(_("telefonisch"), default=False)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    last_verified_at = models.DateTimeField(_("zuletzt geprüft am"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geprüft von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("Erinnerung gesendet am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    # When the offer is on the public site: the window of its search document, precomputed
    # so that public reads compare two columns instead of re-deriving the rule per row
    # (directory/search.py `public_window`; written by services.offers_rewindow). NULL
    # public_from: not public at all, also the state of a row no service has windowed yet.
    public_from = models.DateTimeField(null=True, blank=True, editable=False)
    public_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        indexes = [
            models.Index(fields=["status", "last_verified_at"]),
            # Public lists and counts: a range on the end of the window (stale and expired
            # offers lie below it), the start checked inside the index.
            models.Index(fields=["public_until", "public_from"], name="offer_public_window"),
            # Covers the public-visibility check of search hits (looked up by id): without it
            # SQLite reads the wide rows (one column per language) of every hit.
            models.Index(fields=["id", "public_from", "public_until"], name="offer_public_by_id"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The window is written by services.offers_rewindow alone (an UPDATE of two
        # columns), so that errors leave an offer hidden, never public: a new row (also a
        # copy of a public offer) starts without a window, and a plain save() of an instance
        # loaded before a re-window does not put back the window it was loaded with.
        if self._state.adding or kwargs.get("force_insert") or self.pk is None:
            self.public_from = self.public_until = None
        elif kwargs.get("update_fields") is None:
            kwargs["update_fields"] = (
                {f.attname for f in self._meta.concrete_fields if not f.primary_key}
                - self.get_deferred_fields()
                - {"public_from", "public_until"}
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:offer_detail", kwargs={"pk": self.pk})

    # The list page and the API load a page of offers with `Prefetch(..., to_attr=...)`
    # (selectors._page_related): plain lists, no related manager and queryset per offer
    # and relation, which cost about half a millisecond per offer. These read the lists
    # and fall back to the relation elsewhere.
    def _related_items(self, name: str) -> list[Any]:
        items = self.__dict__.get(f"prefetched_{name}")
        return items if items is not None else list(getattr(self, name).all())

    @property
    def category_items(self) -> list[Category]:
        return self._related_items("categories")

    @property
    def language_items(self) -> list[Language]:
        return self._related_items("languages")

    @property
    def location_items(self) -> list[Location]:
        return self._related_items("locations")

    @property
    def opening_hour_items(self) -> list[OpeningHours]:
        return self._related_items("opening_hours")

    def target_group_list(self) -> list[str]:
        return [v for v in self.target_groups.split(",") if v]

    def residence_status_list(self) -> list[str]:
        return [v for v in self.residence_statuses.split(",") if v]

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels[v]) for v in self.target_group_list() if v in labels]

    def residence_status_labels(self) -> list[str]:
        labels = dict(ResidenceStatus.choices)
        return [str(labels[v]) for v in self.residence_status_list() if v in labels]

    def freshness_state(self, *, now: datetime | None = None) -> str:
        """ "fresh", "stale" (flagged, partner reminded) or "hidden" (too old for the public)."""
        now = now or timezone.now()
        stale_after = timedelta(days=settings.BEKO_DIRECTORY_STALE_DAYS)
        hide_after = stale_after + timedelta(days=settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS)
        verified = self.last_verified_at or self.created_at
        if verified <= now - hide_after:
            return "hidden"
        if verified <= now - stale_after:
            return "stale"
        return "fresh"


def encode_choices(values: list[str] | tuple[str, ...] | set[str]) -> str:
    values = sorted(set(values))
    return f",{','.join(values)}," if values else ""


class OpeningHours(models.Model):
    """Weekly opening hours (HSDS *schedule*, weekly frequency)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Montag")
        TUESDAY = 1, _("Dienstag")
        WEDNESDAY = 2, _("Mittwoch")
        THURSDAY = 3, _("Donnerstag")
        FRIDAY = 4, _("Freitag")
        SATURDAY = 5, _("Samstag")
        SUNDAY = 6, _("Sonntag")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        indexes = [models.Index(fields=["weekday", "opens", "closes"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="opening_hours_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ReviewedChange(models.Model):
    """What staff review before it goes public: proposed values, who proposed and decided."""

    class State(models.TextChoices):
        PENDING = "pending", _("wartet auf Freigabe")
        APPROVED = "approved", _("freigegeben")
        REJECTED = "rejected", _("abgelehnt")

    data = models.JSONField(_("vorgeschlagene Werte"))
    state = models.CharField(
        _("Stand"), max_length=20, choices=State.choices, default=State.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("Begründung"), max_length=500, blank=True)

    class Meta:
        abstract = True
        ordering = ["proposed_at"]


class OfferChange(ReviewedChange):
    """A partner's proposed change (or new offer), waiting for staff approval."""

    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="offer_changes"
    )

    class Meta:
        ordering = ["proposed_at"]
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")

    def __str__(self) -> str:
        return f"{self.data.get('title', '')} ({self.get_state_display()})"


class LocationChange(ReviewedChange):
    """A partner's edit of an existing place, waiting for staff approval like an OfferChange.

    An address is shown on every public offer held there, so an edit is published content.
    """

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="changes")

    class Meta:
        ordering = ["proposed_at"]
        verbose_name = _("Änderungsvorschlag Ort")
        verbose_name_plural = _("Änderungsvorschläge Orte")

    def __str__(self) -> str:
        return f"{self.location} ({self.get_state_display()})"


class OfferRevision(models.Model):
    """History: who changed what when (field -> [old, new])."""

    # What staff read in the history instead of the stored action name.
    ACTION_LABELS = {
        "created": _("angelegt"),
        "updated": _("geändert"),
        "verified": _("als aktuell bestätigt"),
        "status": _("Status geändert"),
        "reminder_sent": _("Erinnerung zur Aktualität verschickt"),
        "hidden_stale": _("als veraltet ausgeblendet"),
    }

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="revisions")
    action = models.CharField(max_length=40)
    changes = models.JSONField(default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.offer_id} {self.action} {self.at:%Y-%m-%d}"

    @property
    def action_label(self) -> str:
        return str(self.ACTION_LABELS.get(self.action, self.action))


class OfferReport(models.Model):
    """ "Report outdated information" from the public detail page."""

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        DONE = "done", _("erledigt")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="reports")
    message = models.TextField(_("Was stimmt nicht?"), max_length=2000)
    email = models.EmailField(_("E-Mail für Rückfragen (freiwillig)"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Hinweis auf veraltete Angaben")
        verbose_name_plural = _("Hinweise auf veraltete Angaben")

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.message[:40]}"


def import_file_name(instance: ImportJob, filename: str) -> str:
    """A random name: the original one (often a person's or partner's name) stays in the row."""
    return f"imports/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.upload"


class ImportJob(models.Model):
    """A CSV import: validated completely, applied in one transaction or not at all."""

    class State(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("übernommen")
        FAILED = "failed", _("fehlerhaft – nichts übernommen")

    # Import files carry contact data: private storage under a random name, deleted as soon as
    # the import has finished (`import_run`) and by the retention job if a worker died.
    file = models.FileField(
        storage=get_private_storage, upload_to=import_file_name, blank=True, max_length=255
    )
    original_name = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        return int(self.processed_rows * 100 / self.total_rows) if self.total_rows else 0


class PublicOfferCount(TypedDict):
    """What `selectors.organisations_public()` annotates on each organisation."""

    public_offer_count: int


if TYPE_CHECKING:
    # An organisation as `selectors.organisations_public()` returns it (for annotations only).
    PublicOrganisation = WithAnnotations[Organisation, PublicOfferCount]
