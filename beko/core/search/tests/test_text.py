from __future__ import annotations

import pytest

from beko.core.search.query import damerau_levenshtein
from beko.core.search.text import fold, index_text, words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kurse", "Kurs"),
        ("Beratungen", "Beratung"),
        ("Frauen", "Frau"),
        ("Bewerbungen", "Bewerbung"),
        ("Kinder", "Kind"),
        ("Mülheim", "Muelheim"),
        ("Straße", "Strasse"),
        ("Größe", "Groesse"),
        ("Café", "Cafe"),
    ],
)
def test_word_forms_share_one_index_token(a: str, b: str) -> None:
    assert index_text(a) == index_text(b)


def test_stop_words_are_dropped_and_case_is_folded() -> None:
    # "ue" is folded like "ü" (Muelheim = Mülheim), hence "fraun".
    assert words("Deutschkurs FÜR Frauen mit Kinderbetreuung in Barmen") == [
        "deutschkurs", "fraun", "kinderbetreuung", "barmen",
    ]  # fmt: skip


def test_arabic_and_persian_letter_variants_fold_together() -> None:
    assert fold("كتاب") == fold("کتاب")
    assert index_text("مشاوره شغلی") == index_text("مشاوره شغلي")


def test_hostile_input_only_yields_word_tokens() -> None:
    tokens = index_text('\'; DROP TABLE x; -- <script>alert(1)</script> "*" NEAR(').split()
    assert tokens == ["drop", "tabl", "x", "script", "alert", "1", "script", "near"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("bewerbng", "bewerbung", 1),
        ("fahradwerkstatt", "fahrradwerkstatt", 1),
        ("ab", "ba", 1),
        ("kurs", "kurs", 0),
    ],
)
def test_edit_distance_counts_typos(a: str, b: str, expected: int) -> None:
    assert damerau_levenshtein(a, b, 2) == expected
