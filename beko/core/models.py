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
