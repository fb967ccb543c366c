from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import BaseCommand, CommandError

from beko.core.lib.catalogues import (
    PLURAL_FORMS,
    catalogue_compile,
    catalogue_load,
    catalogue_owner,
    catalogue_paths,
    catalogue_save,
    entry_clear_fuzzy,
    entry_is_live,
    nplurals,
    placeholder_problems,
)
from beko.core.lib.glossary import glossary_load, glossary_problems

EntryKey = tuple[str | None, str]


@dataclass(frozen=True)
class Translation:
    msgctxt: str | None
    msgid: str
    msgid_plural: str
    msgstr: str
    msgstr_plural: tuple[str, ...]

    @property
    def key(self) -> EntryKey:
        return (self.msgctxt, self.msgid)

    @property
    def label(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt else ""
        return f"{self.msgid!r}{context}"

    @property
    def texts(self) -> tuple[str, ...]:
        return self.msgstr_plural if self.msgid_plural else (self.msgstr,)


def _str(value: Any, field: str, index: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CommandError(f"Entry {index}: {field} must be a string, not {type(value).__name__}.")
    return value


def translations_read(document: Any) -> tuple[str, list[Translation]]:
    """The language and the filled-in entries of a messages_todo file (empty ones are left out)."""
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise CommandError('Not a messages_todo file: expected {"language": …, "entries": [ … ]}.')
    language = document.get("language")
    if language not in PLURAL_FORMS:
        raise CommandError(f"Unknown or missing language {language!r}.")
    result = []
    for index, raw in enumerate(document["entries"], start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("msgid"), str) or not raw["msgid"]:
            raise CommandError(f"Entry {index}: needs a non-empty msgid.")
        plural_raw = raw.get("msgstr_plural") or []
        if not isinstance(plural_raw, list):
            raise CommandError(f"Entry {index} {raw['msgid']!r}: msgstr_plural must be a list.")
        translation = Translation(
            msgctxt=_str(raw.get("msgctxt"), "msgctxt", index) or None,
            msgid=raw["msgid"],
            msgid_plural=_str(raw.get("msgid_plural"), "msgid_plural", index),
            msgstr=_str(raw.get("msgstr"), "msgstr", index),
            msgstr_plural=tuple(_str(v, "msgstr_plural", index) for v in plural_raw),
        )
        # "" means "not translated yet"; a lone space is a translation (German "Uhr" after a
        # time has no counterpart in English or Arabic).
        if any(translation.texts):
            result.append(translation)
    return language, result


def translation_problems(translation: Translation, *, language: str, flags: list[str]) -> list[str]:
    """Placeholder problems; `flags` are the catalogue entry's (python-format …)."""
    problems: list[str] = []
    if translation.msgid_plural:
        forms = nplurals(language)
        if not translation.msgstr_plural or len(translation.msgstr_plural) > forms:
            problems.append(f"msgstr_plural needs 1 to {forms} forms")
        for index, text in enumerate(translation.msgstr_plural):
            if not text:
                problems.append(f"msgstr[{index}] is empty")
                continue
            problems.extend(
                f"msgstr[{index}]: {problem}"
                for problem in placeholder_problems(
                    msgid=translation.msgid,
                    msgid_plural=translation.msgid_plural,
                    translation=text,
                    flags=flags,
                    plural_form=True,
                )
            )
    else:
        problems.extend(
            placeholder_problems(
                msgid=translation.msgid,
                translation=translation.msgstr,
                flags=flags,
            )
        )
    return problems


def _plural_forms(translation: Translation, language: str) -> dict[int, str]:
    """All plural forms of the language; missing trailing forms repeat the last one given."""
    given = list(translation.msgstr_plural)
    return {i: given[min(i, len(given) - 1)] for i in range(nplurals(language))}


class Command(BaseCommand):
    help = (
        "Write the translations of a messages_todo JSON file into every catalogue of its "
        "language that contains the msgid, clear fuzzy, and compile the .mo files. Refuses "
        "the whole file if any translation breaks a placeholder."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="JSON file written by messages_todo, translated.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")

    def handle(self, *args: Any, file: str, dry_run: bool = False, **options: Any) -> None:
        try:
            document = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        language, translations = translations_read(document)

        catalogues = [(path, catalogue_load(path)) for path in catalogue_paths(language)]
        flags: dict[EntryKey, list[str]] = {}
        owners: dict[EntryKey, list[str]] = {}
        for path, po in catalogues:
            for entry in po:
                if entry_is_live(entry):
                    key = (entry.msgctxt, entry.msgid)
                    flags.setdefault(key, list(entry.flags))
                    owners.setdefault(key, []).append(catalogue_owner(path))

        refused = []
        for translation in translations:
            problems = translation_problems(
                translation, language=language, flags=flags.get(translation.key, [])
            )
            if problems:
                refused.append(f"- {translation.label}: " + "; ".join(problems))
        if refused:
            raise CommandError(
                f"Nothing written: {len(refused)} translation(s) in {file} break placeholders "
                "(a broken placeholder crashes the page at run time):\n" + "\n".join(refused)
            )

        glossary = glossary_load()
        for translation in translations:
            for problem in glossary_problems(
                glossary,
                msgid=translation.msgid,
                language=language,
                texts=translation.texts,
                apps=owners.get(translation.key, []),
            ):
                self.stderr.write(f"glossary: {translation.label}: {problem}")

        by_key = {translation.key: translation for translation in translations}
        used: set[EntryKey] = set()
        changed_paths = []
        updated_entries = 0
        for path, po in catalogues:
            for entry in po:
                key = (entry.msgctxt, entry.msgid)
                found = by_key.get(key)
                if found is None or not entry_is_live(entry):
                    continue
                translation = found
                if (entry.msgid_plural or "") != translation.msgid_plural:
                    raise CommandError(
                        f"Nothing written: {translation.label}: the catalogue {path} has "
                        f"msgid_plural {entry.msgid_plural!r}, the file "
                        f"{translation.msgid_plural!r}."
                    )
                used.add(key)
                if translation.msgid_plural:
                    entry.msgstr_plural = _plural_forms(translation, language)
                else:
                    entry.msgstr = translation.msgstr
                entry_clear_fuzzy(entry)
                updated_entries += 1
        if not dry_run:
            for path, po in catalogues:
                if catalogue_save(po, path):
                    changed_paths.append(path)
            for path in changed_paths:
                catalogue_compile(path)

        unknown = [t.label for t in translations if t.key not in used]
        for label in unknown:
            self.stderr.write(
                f"skipped {label}: no {language} catalogue has this msgid (German text changed? "
                "run make messages and messages_todo again)"
            )
        verb = "would update" if dry_run else "updated"
        self.stdout.write(
            f"{language}: {len(translations) - len(unknown)} translations, {verb} "
            f"{updated_entries} catalogue entries; {len(changed_paths)} catalogue(s) written "
            "and compiled."
        )
