from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beko.core.models import TranslatableContent
from beko.core.vocabulary import Audience as SharedAudience


class Category(TranslatableContent):
    name = models.CharField(_("Name"), max_length=80)
    slug = models.SlugField(_("Adresse (Slug)"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """Free keywords ("Meet & Eat", "Stadtgespräche"); German only, they are names."""

    name = models.CharField(_("Schlagwort"), max_length=60, unique=True)
    slug = models.SlugField(_("Adresse (Slug)"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Schlagwort")
        verbose_name_plural = _("Schlagwörter")

    def __str__(self) -> str:
        return self.name


class NewsItem(TranslatableContent):
    """A news item or press release.

    Life cycle: draft → scheduled → published → archived. Whether the public sees an item is
    decided by the selectors from status *and* `publish_at <= now`, so a scheduled item goes
    live on time without any job running; `news_publish_due` only records the change.
    """

    class Kind(models.TextChoices):
        NEWS = "news", _("Meldung")
        PRESS = "press", _("Pressemitteilung")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SCHEDULED = "scheduled", _("Geplant")
        PUBLISHED = "published", _("Veröffentlicht")
        ARCHIVED = "archived", _("Archiviert")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Adresse (Slug)"), max_length=120, unique=True)
    teaser = models.TextField(_("Anreißer"), max_length=600)
    body = models.TextField(_("Text (HTML)"), blank=True)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("Veröffentlichung am"), null=True, blank=True, db_index=True
    )
    author_unit = models.CharField(_("Herausgegeben von"), max_length=120, default="BeKo-Team")
    lead_image = models.ForeignKey(
        "core.Image",
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gallery = models.ManyToManyField(
        "core.Image", through="GalleryImage", related_name="+", blank=True
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("Kategorien"), related_name="news", blank=True
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("Schlagwörter"), related_name="news", blank=True
    )
    # Offers and events live in other apps: kept as ids and resolved through their selectors,
    # so no model-level link crosses app boundaries.
    related_offer_ids = models.JSONField(_("Passende Angebote"), default=list, blank=True)
    related_event_ids = models.JSONField(_("Passende Veranstaltungen"), default=list, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:news_detail", kwargs={"slug": self.slug})


class GalleryImage(models.Model):
    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="gallery_entries")
    image = models.ForeignKey("core.Image", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["news", "image"], name="news_gallery_unique_image")
        ]

    def __str__(self) -> str:
        return f"{self.news_id}/{self.image_id}"


class AudiencePage(TranslatableContent):
    """A staff-edited service page for one audience, or "Über uns".

    The text is edited by staff; the bundled offers, guide entry points, FAQ entries and
    upcoming events come live from the other apps' selectors.
    """

    class Audience(models.TextChoices):
        """A page per group the office works with (the shared codes and labels,
        `beko.core.vocabulary.OFFICE_AUDIENCES`; a test compares), and "Über uns"."""

        VOLUNTEERS = SharedAudience.VOLUNTEERS.value, SharedAudience.VOLUNTEERS.label
        EMPLOYERS = SharedAudience.EMPLOYERS.value, SharedAudience.EMPLOYERS.label
        COUNSELLING = SharedAudience.COUNSELLING.value, SharedAudience.COUNSELLING.label
        ASSOCIATIONS = SharedAudience.ASSOCIATIONS.value, SharedAudience.ASSOCIATIONS.label
        ABOUT = "about", _("Über uns")

    audience = models.CharField(
        _("Zielgruppe"), max_length=20, choices=Audience.choices, unique=True
    )
    slug = models.SlugField(_("Adresse (Slug)"), max_length=80, unique=True, editable=False)
    title = models.CharField(_("Titel"), max_length=200)
    intro = models.TextField(_("Einleitung"), max_length=1000, blank=True)
    body = models.TextField(_("Inhalt (HTML)"), blank=True)
    lead_image = models.ForeignKey(
        "core.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("Zielgruppenseite")
        verbose_name_plural = _("Zielgruppenseiten")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.audience == self.Audience.ABOUT:
            return reverse("pages:about")
        return reverse("pages:audience", kwargs={"slug": self.slug})
