"""Texts per language: one switch for the required languages, German fallback marked per text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from beko.guide import rulebase as rulebase_module
from beko.guide.content import DEFINITIONS_FILE, PAPERS_FILE, load_definitions, load_papers
from beko.guide.engine import evaluate, parse_input
from beko.guide.present import present
from beko.guide.rulebase import RULES_DIR, RulebaseError, load_rulebase
from beko.guide.texts import LANGUAGES, REQUIRED_LANGUAGES, Text

pytestmark = pytest.mark.django_db


def test_the_required_languages_are_one_constant_today_german_and_english() -> None:
    assert REQUIRED_LANGUAGES == ("de", "en")
    assert set(REQUIRED_LANGUAGES) <= set(LANGUAGES)
    from django.conf import settings

    assert [code for code, _name in settings.LANGUAGES] == list(LANGUAGES)


def test_every_guide_data_file_validates_against_the_required_languages() -> None:
    load_rulebase(RULES_DIR)
    load_papers(PAPERS_FILE)
    load_definitions(DEFINITIONS_FILE)


@pytest.fixture
def all_seven_required(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Flip the switch as the translators will, once ar, fa, uk, tr, ru exist."""
    monkeypatch.setattr(rulebase_module, "REQUIRED_LANGUAGES", LANGUAGES)
    rulebase_module._validator.cache_clear()
    yield
    rulebase_module._validator.cache_clear()


def test_flipping_the_switch_makes_every_missing_translation_an_error(
    all_seven_required: None,
) -> None:
    with pytest.raises(RulebaseError) as caught:
        load_rulebase(RULES_DIR)
    assert "'ar' is a required property" in str(caught.value)
    with pytest.raises(RulebaseError, match="'ar' is a required property"):
        load_papers(PAPERS_FILE)
    with pytest.raises(RulebaseError, match="'ar' is a required property"):
        load_definitions(DEFINITIONS_FILE)


def test_a_text_in_an_unknown_language_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    meta = target / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("  jobcenter:\n", "  jobcenter:\n    fr: Jobcenter\n", 1), "utf-8")
    with pytest.raises(RulebaseError, match="fr"):
        load_rulebase(target)


def test_an_added_translation_is_used_without_touching_code(tmp_path: Path) -> None:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    meta = target / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(
        text.replace(
            "disclaimer:\n  de: >-",
            "disclaimer:\n  uk: Це орієнтир, а не юридична консультація.\n  de: >-",
            1,
        ),
        "utf-8",
    )
    rules = load_rulebase(target)
    evaluation = evaluate(parse_input({"status": "recognised", "as_of": "2026-11-25"}), rules)
    view = present(evaluation, "uk", rules)
    assert view.disclaimer.text == "Це орієнтир, а не юридична консультація."
    assert (view.disclaimer.lang, view.disclaimer.fallback) == ("uk", False)
    # Texts not yet translated stay German and say so.
    explanation = view.answers[0].explanation
    assert (explanation.lang, explanation.fallback) == ("de", True)


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


def test_result_page_in_farsi_marks_every_german_fragment(anon_client: Any) -> None:
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
