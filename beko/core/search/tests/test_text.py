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


def test_the_wsgi_module_loads_the_search_vocabularies_before_any_request() -> None:
    """gunicorn preloads beko.wsgi in its master: the lexicon and the concept dictionary
    (about 1.2 s) must be loaded there, not in a worker's first search."""
    import subprocess
    import sys

    probe = (
        "import beko.wsgi\n"
        "from beko.core.search import concepts, text\n"
        "print(text.lexicon.cache_info().currsize, concepts._load.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert out.strip().splitlines()[-1] == "1 1"
