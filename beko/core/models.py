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
