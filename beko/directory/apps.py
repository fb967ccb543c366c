from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "beko.directory"
    label = "directory"
    verbose_name = _("Angebote")
    staff_menu = [
        (_("Angebote: Übersicht"), "directory_staff:dashboard"),
        (_("Angebote: Freigaben"), "directory_staff:review_list"),
        (_("Angebote: Import/Export"), "directory_staff:import"),
    ]

    def ready(self) -> None:
        from beko.core import search

        from .models import Offer
        from .search import offer_document
        from .services import offers_rewindow

        # A full rebuild (`search_reindex`, e.g. after changing the freshness settings)
        # recomputes the offers' public windows with their documents: one rule, both places.
        search.register(
            Offer,
            document=offer_document,
            before_rebuild=lambda batch: offers_rewindow(offers=batch),
        )
        # Contributions to core's pages (beko.core.providers).
        from beko.core import providers

        from . import demo, selectors

        providers.register(providers.HOME_SECTION, selectors.home_section)
        providers.register(providers.REPORT_CHARTS, selectors.report_charts)
        providers.register(providers.DEMO_DATA, demo.load)
        providers.register(providers.STAFF_TODOS, selectors.staff_todos)
        providers.register(providers.PARTNER_HOME_SECTION, selectors.partner_home_section)

        from beko.core import privacy

        from .privacy import directory_retention, subject_directory_erase, subject_directory_export

        privacy.register(
            privacy.PersonalDataSource(
                name="directory",
                export=subject_directory_export,
                erase=subject_directory_erase,
                retain=directory_retention,
            )
        )
