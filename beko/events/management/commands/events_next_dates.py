from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand

from beko.events import services


class Command(BaseCommand):
    help = (
        "Move recurring series whose next occurrence has ended on to the following one "
        "(run every few minutes from cron or a systemd timer). Safe to run repeatedly."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        moved = services.events_refresh_next_dates()
        self.stdout.write(f"{moved} Serien auf den nächsten Termin gesetzt.")
