"""Shared vocabularies: one definition per concept, used by every app that needs it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """What a question is about: FAQ entries, inquiries and their reply templates."""

    WORK = "work", _("Arbeit")
    TRAINING = "training", _("Ausbildung")
    RESIDENCE = "residence", _("Aufenthalt")
    BENEFITS = "benefits", _("Leistungen")
    LANGUAGE = "language", _("Sprache")
    RECOGNITION = "recognition", _("Anerkennung")
    EVENTS = "events", _("Veranstaltungen")
    OTHER = "other", _("Sonstiges")
