"""The translation tools: makemessages' catalogue shape, messages_todo, messages_apply.

Every test works on a small project tree of its own under tmp_path (settings.BASE_DIR points
there), never on the real catalogues.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command

from beko.core.lib.catalogues import (
    PLURAL_FORMS,
    catalogue_normalise,
    language_status,
    placeholder_problems,
)

HEADER = """#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\\n"
"POT-Creation-Date: 2026-11-25 21:28+0100\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def _write_po(root: Path, owner: str, language: str, body: str) -> Path:
    base = root / "beko" / owner if owner else root / "beko"
    path = base / "locale" / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "\n" + body, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, settings) -> Path:
    """Two apps and the project catalogue, in German, English and Arabic."""
    settings.BASE_DIR = tmp_path
    events = """
msgid "Anmeldung"
msgstr ""

#, python-format
msgid "Hallo %(name)s"
msgstr ""

#, python-format
msgid "%(counter)s Platz frei"
msgid_plural "%(counter)s Plätze frei"
msgstr[0] ""
msgstr[1] ""
"""
    news = """
msgid "Anmeldung"
msgstr ""

#, fuzzy
#| msgid "Teilen …"
msgid "Suchen …"
msgstr "مشاركة …"

msgid "Aktuelles"
msgstr "الأخبار"
"""
    for language in ("de", "en", "ar"):
        _write_po(tmp_path, "events", language, events)
        _write_po(tmp_path, "news", language, news)
        _write_po(tmp_path, "", language, 'msgid "Angebote"\nmsgstr ""\n')
    _write_po(
        tmp_path,
        "events",
        "en",
        events.replace('msgid "Anmeldung"\nmsgstr ""', 'msgid "Anmeldung"\nmsgstr "Registration"'),
    )
    return tmp_path


def _todo(language: str, *extra: str) -> dict:
    out = StringIO()
    call_command("messages_todo", "--lang", language, *extra, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def _apply(path: Path) -> str:
    out = StringIO()
    call_command("messages_apply", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def _entry(root: Path, owner: str, language: str, msgid: str) -> polib.POEntry:
    base = root / "beko" / owner if owner else root / "beko"
    po = polib.pofile(str(base / "locale" / language / "LC_MESSAGES" / "django.po"))
    found = po.find(msgid)
    assert found is not None
    return found


def test_normalised_header_names_language_and_plural_rule_and_is_not_fuzzy(project):
    path = project / "beko" / "events" / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    assert catalogue_normalise(path, language="ar") is True
    po = polib.pofile(str(path))
    assert po.metadata["Language"] == "ar"
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS["ar"]
    assert not po.metadata_is_fuzzy
    assert "POT-Creation-Date" not in path.read_text(encoding="utf-8")


def test_normalising_twice_changes_nothing(project):
    path = project / "beko" / "events" / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    catalogue_normalise(path, language="ar")
    before = path.read_text(encoding="utf-8")
    assert catalogue_normalise(path, language="ar") is False
    assert path.read_text(encoding="utf-8") == before


def test_german_catalogue_repeats_each_msgid_and_has_nothing_open(project):
    path = project / "beko" / "news" / "locale" / "de" / "LC_MESSAGES" / "django.po"
    catalogue_normalise(path, language="de")
    po = polib.pofile(str(path))
    assert po.find("Suchen …").msgstr == "Suchen …"
    assert po.fuzzy_entries() == []
    assert po.untranslated_entries() == []


def test_slavic_catalogues_get_three_plural_forms():
    assert PLURAL_FORMS["uk"].startswith("nplurals=3;")
    assert PLURAL_FORMS["ru"] == PLURAL_FORMS["uk"]
    assert PLURAL_FORMS["fa"] == PLURAL_FORMS["tr"] == "nplurals=2; plural=(n > 1);"


def test_status_counts_untranslated_and_fuzzy_over_all_catalogues(project):
    status = language_status("ar")
    assert status.catalogues == 3
    assert status.entries == 7
    assert status.fuzzy == 1
    assert status.untranslated == 5


def test_todo_lists_each_open_msgid_once_with_its_apps_flags_and_english_hint(project):
    document = _todo("ar")
    entries = {entry["msgid"]: entry for entry in document["entries"]}
    assert document["nplurals"] == 6
    assert set(entries) == {
        "Anmeldung",
        "Hallo %(name)s",
        "%(counter)s Platz frei",
        "Suchen …",
        "Angebote",
    }
    assert entries["Anmeldung"]["apps"] == ["events", "news"]
    assert entries["Anmeldung"]["en"] == "Registration"
    assert entries["Angebote"]["apps"] == ["project"]
    assert entries["Hallo %(name)s"]["flags"] == ["python-format"]
    plural = entries["%(counter)s Platz frei"]
    assert plural["msgid_plural"] == "%(counter)s Plätze frei"
    assert plural["msgstr_plural"] == [""] * 6


def test_todo_offers_the_fuzzy_guess_and_the_old_msgid(project):
    entry = next(e for e in _todo("ar")["entries"] if e["msgid"] == "Suchen …")
    assert entry["state"] == "fuzzy"
    assert entry["previous_msgid"] == "Teilen …"
    assert entry["msgstr"] == "مشاركة …"


def test_todo_all_includes_translated_entries_and_app_filter_narrows(project):
    assert "Aktuelles" in {e["msgid"] for e in _todo("ar", "--all")["entries"]}
    assert "Aktuelles" not in {e["msgid"] for e in _todo("ar")["entries"]}
    assert {e["msgid"] for e in _todo("ar", "--app", "news")["entries"]} == {
        "Anmeldung",
        "Suchen …",
    }


def test_todo_refuses_an_unknown_language(project):
    with pytest.raises(CommandError, match="Unknown language"):
        _todo("xx")


def _translations(path: Path, entries: list[dict]) -> Path:
    path.write_text(json.dumps({"language": "ar", "entries": entries}), encoding="utf-8")
    return path


def test_apply_writes_every_catalogue_with_the_msgid_and_compiles(project, tmp_path):
    file = _translations(
        tmp_path / "ar.json",
        [
            {"msgid": "Anmeldung", "msgstr": "التسجيل"},
            {"msgid": "Suchen …", "msgstr": "بحث …"},
            {"msgid": "Angebote", "msgstr": ""},
        ],
    )
    assert "updated 3 catalogue entries" in _apply(file)
    for owner in ("events", "news"):
        assert _entry(project, owner, "ar", "Anmeldung").msgstr == "التسجيل"
        mo = polib.mofile(str(project / "beko" / owner / "locale/ar/LC_MESSAGES/django.mo"))
        assert mo.find("Anmeldung").msgstr == "التسجيل"
    fixed = _entry(project, "news", "ar", "Suchen …")
    assert fixed.msgstr == "بحث …"
    assert "fuzzy" not in fixed.flags
    assert fixed.previous_msgid is None
    assert _entry(project, "", "ar", "Angebote").msgstr == ""  # empty ones are left alone


def test_apply_takes_a_lone_space_as_a_translation(project, tmp_path):
    # German "Uhr" after a time has no counterpart in Arabic: a space is the translation.
    _apply(_translations(tmp_path / "ar.json", [{"msgid": "Anmeldung", "msgstr": " "}]))
    assert _entry(project, "events", "ar", "Anmeldung").msgstr == " "
    assert language_status("ar").untranslated == 3


def test_apply_fills_all_six_arabic_plural_forms_from_fewer(project, tmp_path):
    file = _translations(
        tmp_path / "ar.json",
        [
            {
                "msgid": "%(counter)s Platz frei",
                "msgid_plural": "%(counter)s Plätze frei",
                "msgstr_plural": ["لا مقاعد شاغرة", "مقعد واحد شاغر", "%(counter)s مقاعد شاغرة"],
            }
        ],
    )
    _apply(file)
    entry = _entry(project, "events", "ar", "%(counter)s Platz frei")
    assert entry.msgstr_plural == {
        0: "لا مقاعد شاغرة",
        1: "مقعد واحد شاغر",
        2: "%(counter)s مقاعد شاغرة",
        3: "%(counter)s مقاعد شاغرة",
        4: "%(counter)s مقاعد شاغرة",
        5: "%(counter)s مقاعد شاغرة",
    }


@pytest.mark.parametrize(
    ("translation", "complaint"),
    [
        ("مرحبا %(nom)s", "unknown placeholder %(nom)s"),
        ("مرحبا", "missing placeholder %(name)s"),
        ("مرحبا %(name)", "cannot be formatted"),
        ("مرحبا %(name)s 100 %", "cannot be formatted"),
    ],
)
def test_apply_refuses_a_broken_placeholder_naming_the_entry_and_writes_nothing(
    project, tmp_path, translation, complaint
):
    file = _translations(
        tmp_path / "ar.json",
        [
            {"msgid": "Anmeldung", "msgstr": "التسجيل"},
            {"msgid": "Hallo %(name)s", "msgstr": translation},
        ],
    )
    with pytest.raises(CommandError) as error:
        _apply(file)
    assert "'Hallo %(name)s'" in str(error.value)
    assert complaint in str(error.value)
    assert _entry(project, "events", "ar", "Anmeldung").msgstr == ""


def test_apply_reports_msgids_no_catalogue_has(project, tmp_path):
    file = _translations(tmp_path / "ar.json", [{"msgid": "Gibt es nicht", "msgstr": "غير موجود"}])
    err = StringIO()
    call_command("messages_apply", str(file), stdout=StringIO(), stderr=err)
    assert "skipped 'Gibt es nicht'" in err.getvalue()


def test_apply_warns_when_a_translation_leaves_the_glossary(project, tmp_path):
    _write_po(project, "guide", "ar", 'msgid "Duldung"\nmsgstr ""\n')
    file = _translations(tmp_path / "ar.json", [{"msgid": "Duldung", "msgstr": "تسامح"}])
    err = StringIO()
    call_command("messages_apply", str(file), stdout=StringIO(), stderr=err)
    assert "keep the German word 'Duldung'" in err.getvalue()
    assert _entry(project, "guide", "ar", "Duldung").msgstr == "تسامح"  # a warning, not a refusal


def test_placeholders_may_move_and_html_must_stay():
    msgid = 'Sie können <a href="%(url)s">das Angebot bearbeiten</a>.'
    assert (
        placeholder_problems(
            msgid=msgid,
            translation='<a href="%(url)s">تعديل الخدمة</a> ممكن.',
            flags=["python-format"],
        )
        == []
    )
    problems = placeholder_problems(
        msgid=msgid, translation='<a href="%(url)s">تعديل الخدمة.', flags=["python-format"]
    )
    assert len(problems) == 1
    assert problems[0].startswith("HTML tags")


def test_brace_placeholders_must_be_kept_by_name():
    msgid = "Platzhalter: {name}, {referenz}"
    assert placeholder_problems(msgid=msgid, translation="العناصر: {name}، {referenz}") == []
    assert placeholder_problems(msgid=msgid, translation="العناصر: {الاسم}، {referenz}") != []


def test_percent_sign_without_python_format_is_plain_text():
    assert placeholder_problems(msgid="100 % kostenlos", translation="مجاني 100٪") == []


def test_plural_form_may_leave_out_the_count_but_nothing_else():
    common = {
        "msgid": "%(counter)s Angebot von %(orgs)s Organisationen",
        "msgid_plural": "%(counter)s Angebote von %(orgs)s Organisationen",
        "flags": ["python-format"],
        "plural_form": True,
    }
    assert placeholder_problems(translation="خدمة واحدة من %(orgs)s منظمات", **common) == []
    assert placeholder_problems(translation="خدمة واحدة", **common) != []
