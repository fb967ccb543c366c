"""Texts per language: one switch for the required languages, German fallback marked per text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from beko.guide.content import DEFINITIONS_FILE, PAPERS_FILE, load_definitions, load_papers
from beko.guide.engine import evaluate, parse_input
from beko.guide.present import present
from beko.guide.rulebase import RULES_DIR, RulebaseError, load_rulebase
from beko.guide.texts import LANGUAGES, REQUIRED_LANGUAGES, Text

pytestmark = pytest.mark.django_db


def test_the_required_languages_are_one_constant_all_seven() -> None:
    assert REQUIRED_LANGUAGES == LANGUAGES == ("de", "en", "ar", "fa", "uk", "tr", "ru")
    from django.conf import settings

    assert [code for code, _name in settings.LANGUAGES] == list(LANGUAGES)


def test_every_guide_data_file_validates_against_the_required_languages() -> None:
    load_rulebase(RULES_DIR)
    load_papers(PAPERS_FILE)
    load_definitions(DEFINITIONS_FILE)


def test_country_names_in_languages_not_written_in_latin_letters_have_none() -> None:
    # An English name in the Arabic country list would be read out as Arabic (WCAG 3.1.2).
    from beko.guide.countries import COUNTRIES

    latin = {
        (language, code): names[language]
        for code, names in COUNTRIES.items()
        for language in ("ar", "fa", "uk", "ru")
        if re.search("[A-Za-z]", names[language])
    }
    assert latin == {}
    assert COUNTRIES["TR"]["ar"] == "تركيا"


def _without_language(path: Path, target: Path, language: str) -> Path:
    """A copy of the data file ``path`` with every ``language`` text removed."""
    target.write_text(_drop_key(path.read_text(encoding="utf-8"), language), encoding="utf-8")
    return target


def test_a_missing_translation_is_an_error_in_every_data_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    _without_language(RULES_DIR / "meta.yaml", rules / "meta.yaml", "ar")
    with pytest.raises(RulebaseError) as caught:
        load_rulebase(rules)
    assert "'ar' is a required property" in str(caught.value)
    papers = _without_language(PAPERS_FILE, tmp_path / "papers.yaml", "fa")
    with pytest.raises(RulebaseError, match="'fa' is a required property"):
        load_papers(papers)
    definitions = _without_language(DEFINITIONS_FILE, tmp_path / "definitions.yaml", "tr")
    with pytest.raises(RulebaseError, match="'tr' is a required property"):
        load_definitions(definitions)


def test_a_text_in_an_unknown_language_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    meta = target / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("  jobcenter:\n", "  jobcenter:\n    fr: Jobcenter\n", 1), "utf-8")
    with pytest.raises(RulebaseError, match="fr"):
        load_rulebase(target)


def test_a_changed_translation_is_used_without_touching_code(tmp_path: Path) -> None:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    meta = target / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "\n  uk: >-\n" in text
    meta.write_text(
        text.replace(
            "\n  uk: >-\n", "\n  uk: Це орієнтир, а не юридична консультація.\n  uk_old: >-\n", 1
        ),
        "utf-8",
    )
    meta.write_text(_drop_key(meta.read_text(encoding="utf-8"), "uk_old"), "utf-8")
    rules = load_rulebase(target)
    evaluation = evaluate(parse_input({"status": "recognised", "as_of": "2026-11-25"}), rules)
    view = present(evaluation, "uk", rules)
    assert view.disclaimer.text == "Це орієнтир, а не юридична консультація."
    assert (view.disclaimer.lang, view.disclaimer.fallback) == ("uk", False)


def _drop_key(text: str, key: str) -> str:
    """``text`` without the mapping entry ``key`` and its folded continuation lines."""
    out: list[str] = []
    skipping: int | None = None
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip(" "))
        if skipping is not None and (not line.strip() or indent > skipping):
            continue
        skipping = None
        if line.lstrip().startswith(f"{key}:"):
            skipping = indent
            continue
        out.append(line)
    return "".join(out)


def test_text_falls_back_to_german_per_text() -> None:
    text = Text.of(de="Duldung", en="Toleration")
    assert text.resolve("en").to_dict() == {"text": "Toleration", "lang": "en", "fallback": False}
    assert text.resolve("fa").to_dict() == {"text": "Duldung", "lang": "de", "fallback": True}
    assert text.resolve("de-AT").text == "Duldung"
    assert text.resolve(None).lang == "de"


def test_interface_labels_missing_in_a_catalogue_are_marked_as_german() -> None:
    evaluation = evaluate(parse_input({"status": "recognised", "as_of": "2026-11-25"}))
    english = present(evaluation, "en")
    assert english.answers[0].label.to_dict()["lang"] == "en"
    # The Farsi catalogue has no guide strings yet (translators fill it on their branch).
    farsi = present(evaluation, "fa")
    label = farsi.answers[0].label
    if label.fallback:
        assert label.lang == "de"
    else:
        assert label.lang == "fa"
    assert farsi.rtl is True


def test_result_page_in_farsi_marks_every_german_fragment(
    anon_client: Any, guide_texts_missing_in: Any
) -> None:
    guide_texts_missing_in("fa")
    params = {
        "status": "duldung",
        "months_in_germany": "20",
        "country": "AF",
        "reception_centre": "false",
        "identity_clarified": "true",
        "as_of": "2026-11-25",
    }
    html = anon_client.get("/fa/wege-in-arbeit/ergebnis/", params, follow=True).content.decode()
    assert '<html lang="fa" dir="rtl"' in html
    assert re.search(r'<p lang="de" dir="ltr">Mit <a [^>]+>Duldung</a> braucht die Person', html)
    assert 'class="guide-disclaimer guide-disclaimer--top" lang="de" dir="ltr"' in html
