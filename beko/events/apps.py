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
