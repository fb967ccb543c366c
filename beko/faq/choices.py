"""Audiences of FAQ entries. Topics are shared with the inquiries: `beko.core.vocabulary`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from beko.core.vocabulary import Topic

__all__ = ["Audience", "Topic"]


class Audience(models.TextChoices):
    VOLUNTEER = "volunteer", _("Ehrenamt")
    EMPLOYER = "employer", _("Unternehmen")
    ASSOCIATION = "association", _("Vereine und Initiativen")
    COUNSELLING = "counselling", _("Beratungsstellen")
