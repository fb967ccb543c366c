from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
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

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def __str__(self) -> str:
        return self.name
