"""The terminology glossary (beko/core/data/glossary.yaml) and the catalogues' use of it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from beko.core.lib.catalogues import catalogue_load, catalogue_owner, catalogue_paths, entry_is_live
from beko.core.lib.glossary import (
    GLOSSARY_PATH,
    TARGET_LANGUAGES,
    GlossaryError,
    fold,
    glossary_load,
    glossary_markdown,
    glossary_parse,
    glossary_problems,
    terms_in,
)

DOC = Path(settings.BASE_DIR) / "docs" / "glossary.md"

REQUIRED = {
    "duldung", "aufenthaltsgestattung", "aufenthaltserlaubnis", "niederlassungserlaubnis",
    "ankunftsnachweis", "fiktionsbescheinigung", "eat", "auslaenderbehoerde", "jobcenter",
    "agentur_fuer_arbeit", "sozialamt", "bamf", "beschaeftigungsduldung", "ausbildungsduldung",
    "beschaeftigungserlaubnis", "arbeitserlaubnis", "zustimmung_ba", "integrationskurs",
    "berufssprachkurs", "buergergeld", "asylblg", "aufnahmeeinrichtung", "wohnsitzauflage",
    "subsidiaerer_schutz", "fluechtlingsschutz", "abschiebungsverbot", "voruebergehender_schutz",
    "sicherer_herkunftsstaat", "anerkennung_abschluesse", "ausbildung", "einbuergerung", "mbe",
    "jmd", "ehrenamt", "stadtbezirk", "beratungsstelle", "anfrage", "referenznummer",
    "veranstaltung", "anmeldung", "warteliste",
}  # fmt: skip
ON_THE_PAPERS = {
    "duldung", "aufenthaltsgestattung", "aufenthaltserlaubnis", "niederlassungserlaubnis",
    "ankunftsnachweis", "fiktionsbescheinigung", "auslaenderbehoerde", "jobcenter", "buergergeld",
}  # fmt: skip


def _raw() -> dict:
    return yaml.safe_load(GLOSSARY_PATH.read_text(encoding="utf-8"))


def test_glossary_has_the_terms_of_refugee_work_in_every_language():
    glossary = glossary_load()
    keys = {term.key for term in glossary.terms}
    assert len(glossary.terms) >= 50
    assert keys >= REQUIRED, sorted(REQUIRED - keys)
    for term in glossary.terms:
        if not term.brand:
            assert set(term.renderings) == set(TARGET_LANGUAGES), term.key


def test_terms_printed_on_papers_keep_the_german_word_in_every_rendering():
    terms = {term.key: term for term in glossary_load().terms}
    for key in ON_THE_PAPERS:
        term = terms[key]
        assert term.keep_german, key
        for language, rendering in term.renderings.items():
            assert fold(term.keep_as) in fold(rendering.term), (key, language)
    assert terms["duldung"].renderings["ar"].term == "تصريح التسامح (Duldung)"


def test_glossary_refuses_a_paper_term_rendered_without_its_german_word():
    data = _raw()
    duldung = next(term for term in data["terms"] if term["key"] == "duldung")
    duldung["ar"]["term"] = "تصريح التسامح"
    with pytest.raises(GlossaryError, match="duldung/ar: the rendering must keep"):
        glossary_parse(data)


def test_glossary_refuses_duplicate_keys_and_unknown_fields():
    data = _raw()
    data["terms"].append(dict(data["terms"][0]))
    with pytest.raises(GlossaryError, match="duplicate keys"):
        glossary_parse(data)
    data = _raw()
    data["terms"][0]["colour"] = "blue"
    with pytest.raises(GlossaryError, match="colour"):
        glossary_parse(data)


def test_glossary_takes_public_definitions_per_language():
    data = _raw()
    data["terms"][0]["definition"] = {"de": "Aussetzung der Abschiebung.", "ar": "وقف الترحيل."}
    glossary = glossary_parse(data)
    assert glossary.terms[0].definition["ar"] == "وقف الترحيل."
    assert "- `ar`: وقف الترحيل." in glossary_markdown(glossary)


def _keys(text: str, apps: tuple[str, ...] = ()) -> set[str]:
    return {term.key for term in terms_in(glossary_load(), text, apps=apps)}


def test_longer_terms_win_over_the_words_inside_them():
    assert _keys("Ausbildungsduldung (§ 60c AufenthG)") == {"ausbildungsduldung"}
    assert _keys("Es gibt einen Ausbildungsplatz.") == {"ausbildung"}
    assert _keys("Ein Angebot des Jobcenter Wuppertal") == {"angebot", "jobcenter_wuppertal"}
    assert _keys("Meet & Eat im Stadtbezirk Barmen") == {"meet_and_eat", "stadtbezirk"}


def test_placeholders_are_not_german_words():
    assert _keys("Sie bearbeiten die Angebote von %(organisation)s.") == {"angebot"}


def test_a_term_limited_to_some_apps_is_only_checked_there():
    assert "anmeldung" in _keys("Ihre Anmeldung", apps=("events",))
    assert "anmeldung" not in _keys("Anmeldung fehlgeschlagen", apps=("accounts",))


def _problems(msgid: str, language: str, translation: str) -> list[str]:
    return glossary_problems(glossary_load(), msgid=msgid, language=language, texts=[translation])


def test_inflected_forms_pass_and_other_words_fail():
    assert _problems("Mit Duldung", "ar", "بتصريح التسامح (Duldung)") == []
    assert _problems("Mit Duldung", "ru", "с приостановкой депортации (Duldung)") == []
    assert _problems("Mit Duldung", "ar", "مع الإقامة المؤقتة (Duldung)") != []
    assert _problems("Fragen Sie die Ausländerbehörde.", "ar", "اسألوا دائرة الأجانب.") == [
        "'Ausländerbehörde': keep the German word 'Ausländerbehörde' beside it"
    ]


def test_quoted_german_words_may_stay_german():
    msgid = "Dort steht zum Beispiel „Duldung“."
    assert _problems(msgid, "ar", "مكتوب عليها مثلًا «Duldung».") == []


def test_diacritics_and_zwnj_do_not_matter():
    assert _problems("Integrationskurs", "ar", "دَوْرَة الاندماج") == []
    assert _problems("Integrationskurs", "fa", "دوره‌ی ادغام") == []


def test_glossary_doc_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == glossary_markdown(glossary_load()), (
        "docs/glossary.md is out of date: run `manage.py glossary_doc`"
    )


def test_glossary_doc_check_fails_when_the_doc_is_stale(tmp_path, monkeypatch):
    from beko.core.management.commands import glossary_doc

    stale = tmp_path / "glossary.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(glossary_doc, "DOC_PATH", stale)
    with pytest.raises(CommandError, match="out of date"):
        call_command("glossary_doc", "--check", stdout=StringIO())
    call_command("glossary_doc", stdout=StringIO())
    assert stale.read_text(encoding="utf-8").startswith("# Translation glossary and principles")


@pytest.mark.parametrize("language", TARGET_LANGUAGES)
def test_catalogue_translations_use_the_glossary(language):
    glossary = glossary_load()
    entries: dict[tuple[str | None, str], tuple[list[str], list[str]]] = {}
    for path in catalogue_paths(language):
        owner = catalogue_owner(path)
        for entry in catalogue_load(path):
            if not entry_is_live(entry) or "fuzzy" in entry.flags:
                continue
            texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            apps, _ = entries.setdefault((entry.msgctxt, entry.msgid), ([], texts))
            apps.append(owner)
    deviations = {}
    for (_context, msgid), (apps, texts) in entries.items():
        problems = glossary_problems(
            glossary, msgid=msgid, language=language, texts=texts, apps=apps
        )
        if problems:
            deviations[msgid] = problems
    assert deviations == {}, f"{len(deviations)} msgids deviate from docs/glossary.md"
