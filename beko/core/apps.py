from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "beko.core"
    label = "core"
    verbose_name = _("Website")
    # Entries for the staff start page: (label, URL name). Every app may declare its own;
    # see beko.core.staff_menu.
    staff_menu = [
        (_("Berichte und Zahlen"), "core:staff_reports"),
        (_("Seiten bearbeiten"), "core:staff_pages"),
        (_("Rechtliche Angaben (Impressum, Datenschutz, Barrierefreiheit)"), "core:staff_legal"),
        (_("Videos in Gebärdensprache"), "core:staff_sign_videos"),
        (_("Übersetzungen: Stand und Prüfung"), "core:staff_translations"),
        (_("Protokoll (Zugriffe auf personenbezogene Daten)"), "core:staff_audit_log"),
    ]

    def ready(self) -> None:
        from . import audit, checks, demo, fallbacks, providers, selectors

        fallbacks.install()
        checks.register()
        providers.register(providers.DEMO_DATA, demo.load)
        providers.register(providers.STAFF_TODOS, selectors.staff_todos)
        providers.register(providers.AUDIT_TEXTS, audit.core_texts)
