from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management import BaseCommand, CommandError

from beko.core.lib.catalogues import (
    PLURAL_FORMS,
    catalogue_load,
    catalogue_owner,
    catalogue_paths,
    entry_is_fuzzy,
    entry_is_live,
    entry_is_untranslated,
    nplurals,
    source_language,
)

EntryKey = tuple[str | None, str]


def _translation(entry: Any) -> str | list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(i, "") for i in range(len(entry.msgstr_plural) or 2)]
    return str(entry.msgstr)


def _hints(language: str) -> dict[EntryKey, str | list[str]]:
    """The English translations, as a hint for what a German msgid means."""
    if language == "en":
        return {}
    hints: dict[EntryKey, str | list[str]] = {}
    for path in catalogue_paths("en"):
        for entry in catalogue_load(path):
            if entry_is_live(entry) and not entry_is_fuzzy(entry):
                hints.setdefault((entry.msgctxt, entry.msgid), _translation(entry))
    return hints


def todo_entries(
    *, language: str, include_all: bool = False, app: str | None = None
) -> list[dict[str, Any]]:
    """One record per msgid (+context) of the language, deduplicated across catalogues."""
    records: dict[EntryKey, dict[str, Any]] = {}
    done: dict[EntryKey, str | list[str]] = {}
    open_keys: set[EntryKey] = set()
    for path in catalogue_paths(language):
        owner = catalogue_owner(path)
        for entry in catalogue_load(path):
            if not entry_is_live(entry):
                continue
            key = (entry.msgctxt, entry.msgid)
            record = records.get(key)
            if record is None:
                record = {"msgid": entry.msgid}
                if entry.msgctxt:
                    record["msgctxt"] = entry.msgctxt
                if entry.msgid_plural:
                    record["msgid_plural"] = entry.msgid_plural
                record["flags"] = [flag for flag in entry.flags if flag != "fuzzy"]
                record["apps"] = []
                record["state"] = "translated"
                records[key] = record
            record["apps"].append(owner)
            if entry_is_fuzzy(entry):
                open_keys.add(key)
                record["state"] = "fuzzy"
                if entry.previous_msgid:
                    record["previous_msgid"] = entry.previous_msgid
                record.setdefault("_guess", _translation(entry))
            elif entry_is_untranslated(entry):
                open_keys.add(key)
                if record["state"] != "fuzzy":
                    record["state"] = "untranslated"
            else:
                done.setdefault(key, _translation(entry))
    hints = _hints(language)
    forms = nplurals(language)
    result = []
    for key, record in records.items():
        if app and app not in record["apps"]:
            continue
        if not include_all and key not in open_keys:
            continue
        guess = record.pop("_guess", None)
        translation = done.get(key, guess)
        if key in hints:
            record["en"] = hints[key]
        if "msgid_plural" in record:
            given = translation if isinstance(translation, list) else []
            record["msgstr_plural"] = [given[i] if i < len(given) else "" for i in range(forms)]
        else:
            record["msgstr"] = translation if isinstance(translation, str) else ""
        result.append(record)
    return result


class Command(BaseCommand):
    help = (
        "Export the untranslated and fuzzy UI strings of one language from all catalogues as "
        "JSON (one record per msgid). Fill in msgstr / msgstr_plural, then run messages_apply."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--lang", required=True, help="Language code, e.g. ar.")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="include_all",
            help="Export translated entries too (for a review).",
        )
        parser.add_argument("--app", help="Only msgids used by this app (e.g. core, events).")
        parser.add_argument("--limit", type=int, help="At most this many entries.")
        parser.add_argument("--output", "-o", help="Write to this file instead of stdout.")

    def handle(
        self,
        *args: Any,
        lang: str,
        include_all: bool = False,
        app: str | None = None,
        limit: int | None = None,
        output: str | None = None,
        **options: Any,
    ) -> None:
        if lang not in PLURAL_FORMS:
            raise CommandError(f"Unknown language {lang!r}; known: {', '.join(PLURAL_FORMS)}.")
        if lang == source_language() and not include_all:
            self.stderr.write("German is the source language: nothing to translate.")
        entries = todo_entries(language=lang, include_all=include_all, app=app)
        if limit is not None:
            entries = entries[:limit]
        document = {
            "language": lang,
            "plural_forms": PLURAL_FORMS[lang],
            "nplurals": nplurals(lang),
            "entries": entries,
        }
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"{len(entries)} entries written to {output}.")
        else:
            self.stdout.write(text, ending="")
