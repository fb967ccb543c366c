from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import BaseCommand

from beko.events import services


class Command(BaseCommand):
    help = (
        "Anonymise participants' personal data of events that ended more than "
        "EVENTS_RETENTION_DAYS ago. Attendance counts stay. Safe to run repeatedly (cron)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override EVENTS_RETENTION_DAYS for this run.",
        )

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        days = settings.EVENTS_RETENTION_DAYS if days is None else days
        if days < 0:
            self.stderr.write("--days must not be negative.")
            return
        changed = services.registrations_anonymise(older_than_days=days)
        self.stdout.write(f"{changed} Anmeldungen anonymisiert (älter als {days} Tage).")
