from __future__ import annotations

import time
from typing import Any

from django.core.management import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create a large synthetic set of published offers (benchmarks, load tests)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--organisations", type=int, default=None, help="default: count / 50")
        parser.add_argument("--batch", type=int, default=10_000)

    def handle(
        self, *args: Any, count: int, organisations: int | None, batch: int, **options: Any
    ) -> None:
        from importlib import import_module

        from django.apps import apps

        from beko.directory.demo import generate

        if count < 1 or count > 2_000_000:
            raise CommandError("--count must be between 1 and 2,000,000.")
        import_module("beko.directory.migrations.0003_seed_vocabularies").seed(apps, None)
        orgs_total = organisations or max(1, count // 50)
        started = time.monotonic()
        done = 0
        part = 0
        while done < count:
            size = min(batch, count - done)
            orgs = max(1, round(orgs_total * size / count))
            done += generate(count=size, organisations=orgs, seed=part + 1000, translated=False)
            part += 1
            self.stdout.write(f"{done}/{count} offers ({time.monotonic() - started:.0f} s)")
        # Fresh statistics let the query planner pick index lookups for search hits.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Created {done} offers."))
