"""Every UI catalogue of every language is complete, compiled and safe to render.

A catalogue with an untranslated or fuzzy entry shows German inside a translated page; a
translation that breaks a placeholder crashes the page at run time; a stale `.mo` serves old
texts. `make messages` + `manage.py messages_todo`/`messages_apply` fix all three
(docs/translations.md).
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings

from beko.core.lib.catalogues import (
    PLURAL_FORMS,
    catalogue_paths,
    entry_is_fuzzy,
    entry_is_live,
    entry_is_untranslated,
    entry_placeholder_problems,
    languages,
    stale_compiled_entries,
)

ROOT = Path(settings.BASE_DIR)


def _all_catalogues() -> list[Path]:
    return [path for language in languages() for path in catalogue_paths(language)]


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


CATALOGUES = pytest.mark.parametrize("po_path", _all_catalogues(), ids=_name)


def _language(po_path: Path) -> str:
    return po_path.parts[-3]


def test_every_language_has_a_plural_rule():
    assert set(languages()) <= set(PLURAL_FORMS)


def test_every_app_has_catalogues_for_all_seven_languages():
    owners = {
        language: {p.parent.parent.parent for p in catalogue_paths(language)}
        for language in languages()
    }
    german = owners[settings.LANGUAGE_CODE]
    assert len(german) >= 9
    for language, found in owners.items():
        assert found == german, f"{language}: missing in {sorted(map(str, german - found))}"


@CATALOGUES
def test_catalogue_header_names_language_and_plural_rule(po_path):
    po = polib.pofile(str(po_path))
    language = _language(po_path)
    assert not po.metadata_is_fuzzy, "a fuzzy header is dropped by msgfmt, plural rule and all"
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[language]


@CATALOGUES
def test_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    live = [entry for entry in po if entry_is_live(entry)]
    fuzzy = [entry.msgid for entry in live if entry_is_fuzzy(entry)]
    untranslated = [entry.msgid for entry in live if entry_is_untranslated(entry)]
    assert fuzzy == [], f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert untranslated == [], f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"


@CATALOGUES
def test_catalogue_translations_keep_their_placeholders(po_path):
    broken = {
        entry.msgid: problems
        for entry in polib.pofile(str(po_path))
        if entry_is_live(entry) and (problems := entry_placeholder_problems(entry))
    }
    assert broken == {}


@CATALOGUES
def test_catalogue_is_compiled(po_path):
    stale = stale_compiled_entries(po_path)
    assert stale == [], f"{po_path.with_suffix('.mo')} is older than its .po: run make messages"
