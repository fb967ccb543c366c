from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Migrations reference `beko.inquiries.models.get_private_storage`; tests reset `private_storage`.
from beko.core.storage import get_private_storage, private_storage  # noqa: F401
from beko.core.vocabulary import Audience, Topic


class AskerType(models.TextChoices):
    """Who asks: the four groups the office works with (the shared audience codes and labels,
    `beko.core.vocabulary.OFFICE_AUDIENCES`; a test compares) or somebody else."""

    VOLUNTEERS = Audience.VOLUNTEERS.value, Audience.VOLUNTEERS.label
    EMPLOYERS = Audience.EMPLOYERS.value, Audience.EMPLOYERS.label
    ASSOCIATIONS = Audience.ASSOCIATIONS.value, Audience.ASSOCIATIONS.label
    COUNSELLING = Audience.COUNSELLING.value, Audience.COUNSELLING.label
    OTHER = "other", _("Sonstige")


class Channel(models.TextChoices):
    WEB = "web", _("Kontaktformular")
    PHONE = "phone", _("Telefon (Hotline)")
    EMAIL = "email", _("E-Mail")


class Status(models.TextChoices):
    NEW = "new", _("Neu")
    IN_PROGRESS = "in_progress", _("In Bearbeitung")
    WAITING = "waiting", _("Wartet auf Rückmeldung")
    ANSWERED = "answered", _("Beantwortet")
    CLOSED = "closed", _("Abgeschlossen")


# Every allowed status change; services refuse the rest (tests walk the whole table).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.WAITING, Status.ANSWERED, Status.CLOSED}),
    Status.WAITING: frozenset({Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED}),
    Status.ANSWERED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
}
OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)


class Inquiry(models.Model):
    """A question from a volunteer, employer, association or counselling service.

    Personal data: name, email, phone, question, attachment, replies and notes. Anonymisation
    (retention) empties them and keeps topic, asker type, channel and the timestamps.
    """

    reference = models.CharField(_("Referenznummer"), max_length=20, unique=True)
    # SHA-256 of the secret status-link token: a database copy does not reveal the links.
    status_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    channel = models.CharField(
        _("Eingang"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    asker_type = models.CharField(_("Wer fragt"), max_length=20, choices=AskerType.choices)
    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices)
    question = models.TextField(_("Frage"), max_length=5000)
    name = models.CharField(_("Name"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True, db_index=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    # Digits only, so "0202 / 98 76 54" and "+49202987654" are found alike (Art. 15 lookups).
    phone_digits = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    consent_at = models.DateTimeField(_("Datenschutzhinweis bestätigt am"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Zuständig"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inquiries",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("zusammengeführt mit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    faq_entry = models.ForeignKey(
        "faq.FaqEntry",
        verbose_name=_("FAQ-Eintrag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("eingegangen am"), db_index=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    first_answered_at = models.DateTimeField(_("erste Antwort am"), null=True, blank=True)
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True, db_index=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="inq_status_created_idx")]
        verbose_name = _("Anfrage")
        verbose_name_plural = _("Anfragen")

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def allowed_transitions(self) -> list[tuple[str, str]]:
        allowed = TRANSITIONS[self.status]
        return [(value, str(label)) for value, label in Status.choices if value in allowed]


class Attachment(models.Model):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="attachments")
    # A lazy storage, so tests and deployments can move PRIVATE_MEDIA_ROOT after import.
    file = models.FileField(storage=get_private_storage, upload_to="inquiries/%Y/%m/")
    original_name = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(_("Dateityp"), max_length=50)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")

    def __str__(self) -> str:
        return self.original_name


class Note(models.Model):
    """Internal note: staff only, never on the status page."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("Notiz"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Interne Notiz")
        verbose_name_plural = _("Interne Notizen")

    def __str__(self) -> str:
        return f"{self.inquiry} #{self.pk}"


class Reply(models.Model):
    """An answer to the person: sent by e-mail from the app, or given by phone and noted."""

    class Via(models.TextChoices):
        EMAIL = "email", _("E-Mail")
        PHONE = "phone", _("Telefon")

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(_("Weg"), max_length=10, choices=Via.choices, default=Via.EMAIL)
    subject = models.CharField(_("Betreff"), max_length=200, blank=True)
    body = models.TextField(_("Antwort"), max_length=20_000)
    sent_to = models.EmailField(_("gesendet an"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")

    def __str__(self) -> str:
        return f"{self.inquiry} – {self.subject}"


class ReplyTemplate(models.Model):
    """Text building block for replies; placeholders like {name} are filled in when used."""

    title = models.CharField(_("Titel"), max_length=120, unique=True)
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Text"), max_length=20_000)
    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Antwortvorlage")
        verbose_name_plural = _("Antwortvorlagen")

    def __str__(self) -> str:
        return self.title
