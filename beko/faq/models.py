from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beko.core.models import TranslatableContent

from .choices import Audience, Topic


class FaqEntry(TranslatableContent):
    """A generic question with its answer, free of personal data, public once published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")

    slug = models.SlugField(_("Adresse (Slug)"), max_length=90, unique=True)
    question = models.CharField(_("Frage"), max_length=300)
    answer = models.TextField(_("Antwort"), max_length=20_000)
    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices, db_index=True)
    # Space-delimited audience codes (" volunteers employers "): a contains-lookup on " code "
    # filters the same way on SQLite and PostgreSQL, and the FAQ stays small.
    audiences = models.CharField(_("Zielgruppen"), max_length=100, blank=True, default="")
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
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
        ordering = ["topic", "position", "question"]
        verbose_name = _("FAQ-Eintrag")
        verbose_name_plural = _("FAQ-Einträge")

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("faq:detail", kwargs={"slug": self.slug})

    @property
    def audience_list(self) -> list[str]:
        return self.audiences.split()

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[code]) for code in self.audience_list if code in labels]

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED
