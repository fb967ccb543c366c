from __future__ import annotations

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def test_english_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    assert untranslated == []
    assert po.fuzzy_entries() == []
    mo = LOCALE / "en" / "LC_MESSAGES" / "django.mo"
    assert mo.exists()
    assert {e.msgid for e in polib.mofile(str(mo))} >= {e.msgid for e in po}
