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

        from . import audit_texts, demo, selectors

        providers.register(providers.HOME_SECTION, selectors.home_section)
        providers.register(providers.REPORT_CHARTS, selectors.report_charts)
        providers.register(providers.DEMO_DATA, demo.load)
        providers.register(providers.STAFF_TODOS, selectors.staff_todos)
        providers.register(providers.PARTNER_HOME_SECTION, selectors.partner_home_section)
        providers.register(providers.AUDIT_TEXTS, audit_texts.texts)
        from beko.core import privacy

        from .privacy import events_retention, subject_events_erase, subject_events_export

        privacy.register(
            privacy.PersonalDataSource(
                name="events",
                export=subject_events_export,
                erase=subject_events_erase,
                retain=events_retention,
            )
        )
