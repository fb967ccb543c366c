from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "beko.inquiries"
    label = "inquiries"
    verbose_name = _("Anfragen und FAQ")
    staff_menu = [
        (_("Anfragen (Eingang)"), "inquiries_staff:queue"),
        (_("Telefonische Anfrage erfassen"), "inquiries_staff:phone_create"),
        (_("Antwortvorlagen"), "inquiries_staff:template_list"),
        (_("Monatszahlen Anfragen"), "inquiries_staff:stats"),
        (_("Auskunft nach Art. 15 DSGVO"), "inquiries_staff:subject_access"),
    ]

    def ready(self) -> None:
        # Contributions to core's pages (beko.core.providers).
        from beko.core import providers

        from . import audit_texts, demo, selectors

        providers.register(providers.REPORT_CHARTS, selectors.report_charts)
        providers.register(providers.DEMO_DATA, demo.load)
        providers.register(providers.STAFF_TODOS, selectors.staff_todos)
        providers.register(providers.AUDIT_TEXTS, audit_texts.texts)
        from beko.core import privacy

        from .services import inquiries_retention, subject_inquiries_erase, subject_inquiries_export

        privacy.register(
            privacy.PersonalDataSource(
                name="inquiries",
                export=subject_inquiries_export,
                erase=subject_inquiries_erase,
                retain=inquiries_retention,
            )
        )
