from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand, CommandError

from beko.core.lib.catalogues import language_status, languages


class Command(BaseCommand):
    help = (
        "Untranslated and fuzzy UI strings per language, over all catalogues "
        "(make messages prints this). --strict fails when any language has one."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--strict", action="store_true", help="Exit with an error unless all are complete."
        )

    def handle(self, *args: Any, strict: bool = False, **options: Any) -> None:
        incomplete = []
        self.stdout.write(
            f"{'language':<9}{'catalogues':>11}{'entries':>9}{'untranslated':>14}{'fuzzy':>7}"
        )
        for language in languages():
            status = language_status(language)
            self.stdout.write(
                f"{language:<9}{status.catalogues:>11}{status.entries:>9}"
                f"{status.untranslated:>14}{status.fuzzy:>7}"
            )
            if status.untranslated or status.fuzzy:
                incomplete.append(language)
        if incomplete and strict:
            raise CommandError("Incomplete: " + ", ".join(incomplete))
