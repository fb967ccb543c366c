from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.test import Client

from beko.core.i18n_audit import LANGUAGES, MIN_LANGUAGE_SHARE, MIN_SCRIPT_SHARE, audit_main_pages


class Command(BaseCommand):
    help = (
        "Check that the main pages read in the visitor's language (ar, fa, uk, tr, ru): German "
        'only inside lang="de", letters in the language\'s script, no German interface strings. '
        "Renders the pages in-process against the configured database (e.g. `make run` data)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--language", action="append", choices=LANGUAGES, help="only these (repeatable)"
        )
        parser.add_argument("--min-script-share", type=float, default=MIN_SCRIPT_SHARE)
        parser.add_argument(
            "--min-language-share",
            type=float,
            default=MIN_LANGUAGE_SHARE,
            help="fail pages with less of their text in the language (0–1; default: report only)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
        client = Client(HTTP_HOST=hosts[0] if hosts else "testserver")
        failed = 0
        for result in audit_main_pages(
            client,
            languages=options["language"],
            min_script_share=options["min_script_share"],
            min_language_share=options["min_language_share"],
        ):
            audit = result.audit
            script = "–" if audit.script_share is None else f"{audit.script_share:.0%}"
            line = (
                f"{audit.language}  {result.name:<26} language {audit.language_share:>4.0%}  "
                f"script {script:>4}  German UI {len(audit.german_ui):>3}  "
                f"unmarked {len(audit.unmarked):>3}  {result.url}"
            )
            if result.ok:
                self.stdout.write(self.style.SUCCESS("ok    ") + line)
            else:
                failed += 1
                self.stdout.write(self.style.ERROR("FAIL  ") + line)
                for problem in result.problems:
                    self.stdout.write(f"        {problem}")
        if failed:
            raise CommandError(f"{failed} page(s) do not read in the visitor's language yet.")
        self.stdout.write(self.style.SUCCESS("All main pages read in the visitor's language."))
