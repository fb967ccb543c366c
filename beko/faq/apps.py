from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "beko.faq"
    label = "faq"
    verbose_name = _("Häufige Fragen")
    staff_menu = [(_("Häufige Fragen (FAQ) pflegen"), "faq_staff:entry_list")]

    def ready(self) -> None:
        from beko.core import search

        from .models import FaqEntry
        from .search import faq_document

        search.register(FaqEntry, document=faq_document)
        # Contributions to core's pages (beko.core.providers).
        from beko.core import providers

        from . import audit_texts, demo

        providers.register(providers.DEMO_DATA, demo.load)
        providers.register(providers.AUDIT_TEXTS, audit_texts.texts)
