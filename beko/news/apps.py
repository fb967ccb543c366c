from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "beko.news"
    label = "news"
    verbose_name = _("Aktuelles und Seiten")
    staff_menu = [
        (_("Aktuelles bearbeiten"), "news_staff:news_list"),
        (_("Zielgruppenseiten und „Über uns“"), "news_staff:page_list"),
        (_("Bilder"), "news_staff:image_list"),
    ]

    def ready(self) -> None:
        from .search import register

        register()
        # Contributions to core's pages (beko.core.providers).
        from beko.core import providers

        from . import demo, selectors

        providers.register(providers.HOME_SECTION, selectors.home_section)
        providers.register(providers.DEMO_DATA, demo.load)
