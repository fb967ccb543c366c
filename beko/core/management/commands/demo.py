from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from beko.accounts.models import User
from beko.core import providers
from beko.core.selectors import footer_links_invalidate


class Command(BaseCommand):
    help = "Load the fictional demo data of every app (make run / make demo)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--reset", action="store_true", help="Empty the database first.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when demo data is already there (keeps data between runs).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even with BEKO_ENV=production (e.g. a public test instance).",
        )

    def handle(
        self,
        *args: Any,
        reset: bool = False,
        if_empty: bool = False,
        allow_production: bool = False,
        **options: Any,
    ) -> None:
        # The demo accounts' password is published in the README: on a production site it
        # would be a way in for anyone, and --reset would wipe the real data.
        # A benchmark instance (BEKO_BENCH_FLOOR, set only by the benchmark scripts, e.g.
        # ../shared/bench/side_by_side.sh) runs production settings on purpose, with demo data.
        if settings.PRODUCTION and not (allow_production or settings.BEKO_BENCH_FLOOR):
            raise CommandError(
                "Refusing to load demo data with BEKO_ENV=production: its accounts use the "
                "published demo password and --reset empties the database. "
                "Pass --allow-production if this really is a demo or test instance."
            )
        if reset:
            call_command("flush", interactive=False, verbosity=0)
            # flush removes the seeded footer pages too; re-run the data migrations' seed.
            seed = import_module("beko.core.migrations.0002_seed_footer_pages")
            seed.seed(apps, None)
            import_module("beko.core.migrations.0007_legal_details_seed").forwards(apps, None)
            footer_links_invalidate()
        if if_empty and User.objects.filter(username="team").exists():
            self.stdout.write("Demo data already present – keeping it.")
            return
        with transaction.atomic():
            for load in providers.providers(providers.DEMO_DATA):
                load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
