from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "beko.events"
    label = "events"
    verbose_name = _("Veranstaltungen und Netzwerk")
    staff_menu = [
        (_("Veranstaltungen"), "events_staff:event_list"),
        (_("Netzwerkkontakte"), "events_staff:contact_list"),
    ]

    def ready(self) -> None:
        # Contributions to core's pages (beko.core.providers).
        from beko.core import providers

        from . import demo, selectors

        providers.register(providers.HOME_SECTION, selectors.home_section)
        providers.register(providers.REPORT_CHARTS, selectors.report_charts)
        providers.register(providers.DEMO_DATA, demo.load)
