from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.commands import makemessages

from beko.core.lib.catalogues import PLURAL_FORMS, catalogue_normalise


class Command(makemessages.Command):
    """Django's makemessages, with catalogues that merge well and stay complete.

    - no line wrapping, no source locations, no obsolete entries: a changed string changes
      one entry, nothing else (the Makefile passes the same options; here they hold for a
      plain `manage.py makemessages` too);
    - every header names its language and plural rule and is not fuzzy;
    - no extraction date in the header, so re-running changes nothing;
    - the German catalogues repeat each msgid as its msgstr (German is the source).
    """

    help = makemessages.Command.help + " BeKo: stable, merge-friendly catalogues."

    def handle(self, *args: Any, **options: Any) -> None:
        options.update(no_wrap=True, no_location=True, no_obsolete=True)
        super().handle(*args, **options)

    def write_po_file(self, potfile: str, locale: str) -> None:
        super().write_po_file(potfile, locale)
        if locale not in PLURAL_FORMS:
            return
        pofile = Path(potfile).parent / locale / "LC_MESSAGES" / f"{self.domain}.po"
        if pofile.exists():
            catalogue_normalise(pofile, language=locale)
