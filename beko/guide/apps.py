from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "beko.guide"
    label = "guide"
    verbose_name = _("Wege in Arbeit")
    staff_menu = [
        (_("Regelwerk „Wege in Arbeit“"), "guide_staff:rule_list"),
        (_("Rechtsänderungen in den nächsten 90 Tagen"), "guide_staff:rule_changes"),
    ]

    def ready(self) -> None:
        # Load and validate the rule files at start-up: a broken file stops the process
        # with a message naming file, rule and field, instead of failing on first use.
        from .content import glossary, papers
        from .rulebase import get_rulebase

        get_rulebase()
        papers()
        glossary()
        # Contributions to core's pages (beko.core.providers).
        from beko.core import providers
        from beko.core.lib import response_cache

        from . import selectors, services

        providers.register(providers.HOME_SECTION, selectors.home_section)
        response_cache.register_hit_hook(services.USAGE_HIT_HOOK, services.rule_usage_record_hit)
