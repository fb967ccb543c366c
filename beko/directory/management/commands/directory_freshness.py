from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand


class Command(BaseCommand):
    help = "Send freshness reminders and note newly hidden offers (run daily, e.g. by cron)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Run as a background task (db_worker)."
        )

    def handle(self, *args: Any, enqueue: bool = False, **options: Any) -> None:
        from beko.directory.tasks import freshness_run

        if enqueue:
            result = freshness_run.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        counts = freshness_run.call()
        self.stdout.write(
            f"Reminders sent: {counts['reminded']}, newly hidden: {counts['hidden']}."
        )
