from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from beko.inquiries.services import inquiries_anonymise_expired


class Command(BaseCommand):
    help = (
        "Anonymise inquiries closed more than N days ago (BEKO_INQUIRY_RETENTION_DAYS): personal "
        "data, notes, replies and attachments are deleted, statistics remain. Safe to repeat."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=None, help="Override the retention period.")

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        count = inquiries_anonymise_expired(days=days)
        used = days if days is not None else settings.BEKO_INQUIRY_RETENTION_DAYS
        self.stdout.write(f"{count} inquiries anonymised (closed more than {used} days ago).")
