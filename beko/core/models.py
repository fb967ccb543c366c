from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslatableContent(models.Model):
    """Base for every model whose text staff or partners translate (see lib/content_i18n)."""

    translation_sources = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True


class Page(TranslatableContent):
    """A staff-editable information page (Impressum, Datenschutz, Leichte Sprache, …)."""

    class Placement(models.TextChoices):
        FOOTER = "footer", _("Fußzeile")
        NONE = "none", _("Nur per Link")

    slug = models.SlugField(_("Adresse (Slug)"), max_length=80, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    intro = models.TextField(_("Einleitung"), blank=True, max_length=1000)
    body = models.TextField(_("Inhalt (HTML)"), blank=True)
    placement = models.CharField(
        _("Platzierung"), max_length=20, choices=Placement.choices, default=Placement.NONE
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:page", kwargs={"slug": self.slug})


class Image(TranslatableContent):
    """An uploaded picture with its alt text, credit and generated responsive renditions.

    The stored original is re-encoded on upload (metadata such as EXIF/GPS is gone); every
    rendition is made on our own server. See `beko.core.images` for the upload service and
    `{% load beko_images %}` for the markup. Any app may reference images (news, audience
    pages, later organisation logos or event photos).
    """

    file = models.FileField(_("Datei"), upload_to="images/", max_length=255)
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=300,
        help_text=_(
            "Beschreibt, was auf dem Bild zu sehen ist – für Menschen, die es nicht sehen."
        ),
    )
    caption = models.CharField(_("Bildunterschrift"), max_length=300, blank=True)
    credit = models.CharField(
        _("Bildnachweis"),
        max_length=200,
        help_text=_("Urheberin oder Urheber, z. B. „Stadt Wuppertal / Max Muster“."),
    )
    width = models.PositiveIntegerField(_("Breite (px)"))
    height = models.PositiveIntegerField(_("Höhe (px)"))
    # "jpeg" or "png": the fallback format of the renditions (PNG only for transparency).
    fallback_format = models.CharField(max_length=10, default="jpeg", editable=False)
    # [{"width": 640, "height": 427, "format": "webp", "name": "images/…/w640.webp"}, …]
    renditions = models.JSONField(default=list, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, editable=False, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")

    def __str__(self) -> str:
        return self.alt_text


class AuditEntry(models.Model):
    """One staff action on (personal) data: who did what to which object, and when.

    Written only through `beko.core.audit.log_action`. Entries outlive the object: the
    reference in `object_repr` is kept, and retention jobs empty `data` instead of deleting
    history (`audit_redact`).
    """

    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("durch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the account is deleted, so the history still names who acted.
    actor_label = models.CharField(_("durch (Name)"), max_length=150, blank=True)
    action = models.CharField(_("Aktion"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("Objekttyp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("Objekt"), max_length=200, blank=True)
    data = models.JSONField(_("Details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_audit_object_idx")]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
        )


class TranslationReview(models.Model):
    """A native speaker has read one language of one part of the site and found it right.

    `subject` is "ui" (the interface texts of all apps) or the path of a data file with texts
    per language (the guide's rule files, settings.BEKO_TRANSLATION_REVIEW_FILES). Records are
    kept as history; the translation overview shows the latest per language and subject.
    """

    language = models.CharField(_("Sprache"), max_length=10)
    subject = models.CharField(_("Bereich"), max_length=200)
    reviewer = models.CharField(_("Geprüft von"), max_length=200)
    reviewed_on = models.DateField(_("Geprüft am"))
    note = models.TextField(_("Anmerkung"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingetragen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("eingetragen am"), auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        indexes = [models.Index(fields=["language", "subject"])]
        verbose_name = _("Prüfung einer Übersetzung")
        verbose_name_plural = _("Prüfungen von Übersetzungen")

    def __str__(self) -> str:
        return f"{self.language}: {self.subject} ({self.reviewed_on:%Y-%m-%d})"


class LegalDetails(models.Model):
    """The structured facts behind Impressum, Datenschutzerklärung and the accessibility
    statement: one record, edited in the back office. Empty required fields are what the
    staff home and `check --deploy` list as open before going live (selectors.legal_missing).
    """

    class Conformity(models.TextChoices):
        FULL = "full", _("vollständig vereinbar")
        PARTIAL = "partial", _("teilweise vereinbar")
        NONE = "none", _("nicht vereinbar")

    # § 5 DDG, § 18 Abs. 2 MStV
    provider_name = models.CharField(
        _("Name der Behörde oder Einrichtung"), max_length=200, blank=True
    )
    legal_form = models.CharField(_("Rechtsform"), max_length=300, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode_city = models.CharField(_("PLZ und Ort"), max_length=100, blank=True)
    representative = models.CharField(
        _("Vertreten durch"),
        max_length=200,
        blank=True,
        help_text=_("Name und Funktion der Leitung."),
    )
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    supervisory_authority = models.TextField(
        _("Aufsichtsbehörde"), max_length=1000, blank=True, help_text=_("Name und Anschrift.")
    )
    vat_id = models.CharField(
        _("Umsatzsteuer-Identifikationsnummer"), max_length=20, blank=True,
        help_text=_("Nur falls vorhanden."),
    )  # fmt: skip
    content_responsible = models.CharField(
        _("Inhaltlich verantwortlich (§ 18 Abs. 2 MStV)"), max_length=300, blank=True,
        help_text=_("Name und Anschrift."),
    )  # fmt: skip
    # Art. 13 DSGVO (the controller is the provider above)
    dpo_contact = models.TextField(
        _("Datenschutzbeauftragte Person"), max_length=1000, blank=True,
        help_text=_("Name oder Funktion, Anschrift und E-Mail-Adresse."),
    )  # fmt: skip
    purposes = models.TextField(
        _("Zwecke, Rechtsgrundlagen und Speicherdauer"), max_length=10_000, blank=True,
        help_text=_("Absätze durch eine Leerzeile trennen."),
    )  # fmt: skip
    rights = models.TextField(_("Ihre Rechte"), max_length=3000, blank=True)
    complaint_authority = models.TextField(
        _("Beschwerde bei der Aufsichtsbehörde (Art. 77 DSGVO)"), max_length=1000, blank=True
    )
    # Accessibility statement (BITV 2.0 § 12b BGG, BFSG)
    conformity = models.CharField(
        _("Stand der Vereinbarkeit"),
        max_length=10,
        choices=Conformity.choices,
        default=Conformity.PARTIAL,
    )
    evaluation = models.CharField(
        _("Grundlage der Erklärung"), max_length=300, blank=True,
        help_text=_("Methode und Datum, z. B. „Selbstbewertung vom 3. März 2027“."),
    )  # fmt: skip
    non_accessible_parts = models.TextField(
        _("Nicht barrierefreie Inhalte und Begründung"), max_length=5000, blank=True
    )
    feedback_contact = models.CharField(
        _("Kontakt für Barrieren"), max_length=300, blank=True,
        help_text=_("Leer lassen, um E-Mail-Adresse und Telefon von oben zu verwenden."),
    )  # fmt: skip
    enforcement = models.TextField(
        _("Durchsetzungsverfahren (Schlichtungsstelle)"), max_length=3000, blank=True
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Rechtliche Angaben")
        verbose_name_plural = _("Rechtliche Angaben")

    def __str__(self) -> str:
        return str(_("Rechtliche Angaben"))


class SignLanguageVideo(models.Model):
    """A video in German Sign Language (DGS) on our own server, with captions (WebVTT)."""

    title = models.CharField(_("Titel"), max_length=200)
    video = models.FileField(_("Video (MP4 oder WebM)"), upload_to="dgs/", max_length=255)
    captions = models.FileField(_("Untertitel (WebVTT)"), upload_to="dgs/", max_length=255)
    transcript = models.TextField(
        _("Text zum Video"), max_length=10_000, blank=True,
        help_text=_("Der Inhalt des Videos als Text, für alle, die das Video nicht sehen."),
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Video in Gebärdensprache")
        verbose_name_plural = _("Videos in Gebärdensprache")

    def __str__(self) -> str:
        return self.title
