"""The rule files load, and broken rule files fail with a message naming file, rule, field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from beko.guide.rulebase import RULES_DIR, RulebaseError, get_rulebase, load_rulebase


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error_for(directory: Path) -> RulebaseError:
    with pytest.raises(RulebaseError) as caught:
        load_rulebase(directory)
    return caught.value


def test_packaged_rule_base_loads_with_a_version_and_content_hash() -> None:
    rulebase = get_rulebase()
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d+\+[0-9a-f]{12}", rulebase.full_version)
    assert len(rulebase.rules) > 50
    assert {"GE", "MD", "AL", "XK"} <= {entry.country for entry in rulebase.safe_countries}


def test_every_rule_names_its_legal_basis_unless_it_says_unclear() -> None:
    for rule in get_rulebase().rules:
        if rule.topic in ("next_steps",) or rule.outcome.get("verdict") == "unclear":
            continue
        # Whom to call is not a legal statement.
        if rule.outcome.get("section") == "contacts":
            continue
        assert rule.citations, rule.id
        for citation in rule.citations:
            assert citation.url.startswith(
                ("https://www.gesetze-im-internet.de/", "https://eur-lex.europa.eu/eli/")
            ), rule.id


def test_content_hash_changes_when_a_rule_file_changes(rules_copy: Path) -> None:
    before = load_rulebase(rules_copy).content_hash
    _edit(rules_copy / "employment.yaml", "Bitte fragen Sie die", "Fragen Sie bitte die")
    assert load_rulebase(rules_copy).content_hash != before


def test_unknown_verdict_names_file_rule_and_field(rules_copy: Path) -> None:
    _edit(
        rules_copy / "employment.yaml",
        "condition: {status: {eq: unknown}}\n    outcome: {verdict: unclear}",
        "condition: {status: {eq: unknown}}\n    outcome: {verdict: maybe}",
    )
    error = _error_for(rules_copy)
    assert error.file == "employment.yaml"
    assert error.rule_id == "employment.unknown_status"
    assert error.field == "outcome.verdict"
    assert "employment.yaml" in str(error) and "'maybe'" in str(error)


def test_unknown_condition_field_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "employment.yaml",
        "condition: {status: {eq: unknown}}",
        "condition: {colour: {eq: blue}}",
    )
    error = _error_for(rules_copy)
    assert (error.file, error.rule_id) == ("employment.yaml", "employment.unknown_status")
    assert error.field.startswith("condition")
    assert "colour" in error.message


def test_condition_value_of_the_wrong_type_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "employment.yaml",
        "months_in_germany: {lt: 9}",
        'months_in_germany: {lt: "nine"}',
    )
    error = _error_for(rules_copy)
    assert error.rule_id == "employment.gestattung.reception_centre_waiting_9_months"
    assert error.field == "condition.months_in_germany.lt"
    assert "expected int" in error.message


def test_missing_english_explanation_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "self_employment.yaml",
        "      en: Without the residence status we cannot tell. Look at the person's document.\n",
        "",
    )
    error = _error_for(rules_copy)
    assert (error.file, error.rule_id, error.field) == (
        "self_employment.yaml",
        "self_employment.unknown_status",
        "explanation",
    )
    assert "'en' is a required property" in error.message


def test_citation_outside_the_official_statute_site_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "benefits.yaml",
        "https://www.gesetze-im-internet.de/sgb_12/__41.html",
        "https://example.com/sgb12",
    )
    error = _error_for(rules_copy)
    assert (error.rule_id, error.field) == ("benefits.pension_age", "basis.0.url")


def test_non_unclear_rule_without_legal_basis_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "self_employment.yaml",
        '      - {law: AsylG, section: § 61, url: "https://www.gesetze-im-internet.de/asylvfg_1992/__61.html"}\n',
        "",
    )
    text = (rules_copy / "self_employment.yaml").read_text(encoding="utf-8")
    (rules_copy / "self_employment.yaml").write_text(
        text.replace("    basis:\n    sources:", "    basis: []\n    sources:"), encoding="utf-8"
    )
    error = _error_for(rules_copy)
    assert (error.rule_id, error.field) == ("self_employment.gestattung", "basis")


def test_impossible_date_is_refused(rules_copy: Path) -> None:
    _edit(rules_copy / "employment.yaml", "valid_until: 2024-02-26", "valid_until: 2024-02-30")
    error = _error_for(rules_copy)
    assert error.rule_id == "employment.gestattung.reception_centre_waiting_9_months"
    assert error.field == "valid_until"


def test_duplicate_rule_id_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "employment.yaml",
        "id: employment.title.before_2020",
        "id: employment.title.section_4a",
    )
    error = _error_for(rules_copy)
    assert (error.rule_id, error.field, error.message) == (
        "employment.title.section_4a",
        "id",
        "duplicate id",
    )


def test_decision_list_without_unclear_fallback_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "employment.yaml",
        "    outcome: {verdict: unclear}\n    explanation:\n      de: >-\n        Für diese",
        "    outcome: {verdict: not_allowed}\n    explanation:\n      de: >-\n        Für diese",
    )
    error = _error_for(rules_copy)
    assert (error.file, error.rule_id) == ("employment.yaml", "employment.fallback")


def test_condition_on_an_answer_decided_later_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "employment.yaml",
        "condition: {status: {eq: unknown}}",
        "condition: {answers.benefits: {eq: sgb2}}",
    )
    error = _error_for(rules_copy)
    assert error.field == "condition.answers.benefits"
    assert "not decided before" in error.message


def test_broken_yaml_names_the_file(rules_copy: Path) -> None:
    (rules_copy / "routes.yaml").write_text("topic: routes\nrules: [\n", encoding="utf-8")
    error = _error_for(rules_copy)
    assert error.file == "routes.yaml"


def test_bad_safe_country_entry_names_the_country(rules_copy: Path) -> None:
    _edit(
        rules_copy / "safe_countries.yaml",
        '  - country: SN\n    valid_from: "1993-07-01"',
        '  - country: SN\n    valid_from: "someday"',
    )
    error = _error_for(rules_copy)
    assert (error.file, error.rule_id, error.field) == ("safe_countries.yaml", "SN", "valid_from")


def test_unclear_verdict_with_high_certainty_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "employment.yaml",
        "    confidence: low\n    condition: {status: {eq: unknown}}",
        "    confidence: high\n    condition: {status: {eq: unknown}}",
    )
    error = _error_for(rules_copy)
    assert (error.rule_id, error.field) == ("employment.unknown_status", "confidence")


def test_a_rule_may_not_test_an_unknowable_answer_for_null(rules_copy: Path) -> None:
    _edit(
        rules_copy / "employment.yaml",
        "condition: {status: {eq: unknown}}",
        "condition: {reception_centre: {eq: null}}",
    )
    error = _error_for(rules_copy)
    assert error.rule_id == "employment.unknown_status"
    assert "engine handles that" in error.message


def test_employer_items_need_a_legal_basis_except_contacts(rules_copy: Path) -> None:
    text = (rules_copy / "employer.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: employer.permits.training")
    block_end = text.index("  # --- What the employer provides")
    block = text[start:block_end]
    emptied = block.split("    basis:\n")[0] + "    basis: []\n\n"
    (rules_copy / "employer.yaml").write_text(text.replace(block, emptied), encoding="utf-8")
    error = _error_for(rules_copy)
    assert (error.rule_id, error.field) == ("employer.permits.training", "basis")


def test_route_check_without_a_reason_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "routes.yaml"
    text = path.read_text(encoding="utf-8")
    # The reason with every language it has (de, en and the translations after them).
    reason = re.compile(
        r'          why_not:\n            de: "§ 104c: Am 31\. Oktober 2022 noch keine 5 Jahre'
        r' in Deutschland\."\n(?:            [a-z]{2}: .*\n)+'
    )
    assert reason.search(text), "test setup: the reason is not in routes.yaml"
    path.write_text(reason.sub("", text, count=1), encoding="utf-8")
    error = _error_for(rules_copy)
    assert error.rule_id == "routes.residence_104c.chancen"
    assert "why_not" in error.message


def test_european_law_may_be_cited_from_eur_lex_only(rules_copy: Path) -> None:
    _edit(
        rules_copy / "employment.yaml",
        "https://eur-lex.europa.eu/eli/dir/2024/1346/oj",
        "https://example.org/eli/dir/2024/1346/oj",
    )
    error = _error_for(rules_copy)
    assert error.file == "employment.yaml"
    assert "url" in error.field
