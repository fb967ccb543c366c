from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand


class Command(BaseCommand):
    help = (
        "Recompute every offer's public window and search document: needed after changing "
        "BEKO_DIRECTORY_STALE_DAYS or BEKO_DIRECTORY_HIDE_AFTER_DAYS (the windows hold them)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        from beko.core.services import content_changed
        from beko.directory.services import offers_reindex

        written = offers_reindex()
        content_changed()
        self.stdout.write(
            self.style.SUCCESS(f"Windows recomputed; {written} public offers indexed.")
        )
