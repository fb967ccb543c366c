from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleUsage(models.Model):
    """How often a rule decided or contributed to an evaluation.

    Only the rule id and a counter: nothing about the person or the request is stored.
    Counts are buffered in memory and added in bulk (see services.rule_usage_flush).
    """

    rule_id = models.CharField(_("Regel"), max_length=120, unique=True)
    count = models.PositiveBigIntegerField(_("Auswertungen"), default=0)
    updated_at = models.DateTimeField(_("Zuletzt gezählt"), auto_now=True)

    class Meta:
        ordering = ["rule_id"]
        verbose_name = _("Regelnutzung")
        verbose_name_plural = _("Regelnutzungen")

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.count}"
