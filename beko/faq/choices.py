"""Topics and audiences shared by the FAQ and the inquiries (which build on the FAQ)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    WORK = "work", _("Arbeit")
    TRAINING = "training", _("Ausbildung")
    RESIDENCE = "residence", _("Aufenthalt")
    BENEFITS = "benefits", _("Leistungen")
    LANGUAGE = "language", _("Sprache")
    RECOGNITION = "recognition", _("Anerkennung")
    EVENTS = "events", _("Veranstaltungen")
    OTHER = "other", _("Sonstiges")


class Audience(models.TextChoices):
    VOLUNTEER = "volunteer", _("Ehrenamt")
    EMPLOYER = "employer", _("Unternehmen")
    ASSOCIATION = "association", _("Vereine und Initiativen")
    COUNSELLING = "counselling", _("Beratungsstellen")
