from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from beko.core.lib.glossary import glossary_load, glossary_markdown

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "glossary.md"


class Command(BaseCommand):
    help = "Write docs/glossary.md from beko/core/data/glossary.yaml (--check: only compare)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Fail if docs/glossary.md is out of date."
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        text = glossary_markdown(glossary_load())
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if check:
            if current != text:
                raise CommandError("docs/glossary.md is out of date: run `manage.py glossary_doc`.")
            self.stdout.write("docs/glossary.md is up to date.")
            return
        if current == text:
            self.stdout.write("docs/glossary.md is up to date.")
            return
        DOC_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {DOC_PATH}.")
