from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # BeKo team: may do everything in the back office.
    STAFF = "staff", _("BeKo-Team")
    # Partner organisation: edits only its own organisation's offers and events; every change
    # goes live only after staff approval.
    PARTNER = "partner", _("Partner-Redaktion")
    # Technical administration: staff rights plus the Django admin.
    ADMIN = "admin", _("Administration")


class User(AbstractUser):
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editors",
        help_text=_("Nur für Partner-Redaktionen: die Organisation, die sie bearbeiten dürfen."),
    )
    # Some people edit for more than one organisation (a welfare association and the
    # initiative it hosts). `organisation` stays the one they land on; these come on top.
    other_organisations = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("weitere Organisationen"),
        blank=True,
        related_name="other_editors",
        help_text=_(
            "Nur für Partner-Redaktionen: weitere Organisationen, die sie ebenfalls bearbeiten."
        ),
    )

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
