"""Compounds, folding across scripts, the concept dictionary, relaxed queries, highlighting."""

from __future__ import annotations

from pathlib import Path

import pytest

from beko.core.search.concepts import LANGUAGES, _load, dictionary, interpret
from beko.core.search.highlight import Highlighter
from beko.core.search.query import parse
from beko.core.search.text import fold, index_text, split_compound, words


class Vocabulary:
    """Every word is known, nothing is similar: parsing without a database."""

    def known(self, stems: list[str]) -> set[str]:
        return set(stems)

    def similar(self, stem: str, max_distance: int) -> list[str]:
        return []


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Zeugnisanerkennung", ("zeugnis", "anerkennung")),
        ("Kitaplatz", ("kita", "platz")),
        ("Arbeitserlaubnis", ("arbeit", "erlaubnis")),
        ("Beschäftigungsduldung", ("beschaftigung", "duldung")),
        ("Sprachkurs", ("sprach", "kurs")),
        ("Beratung", ()),
        ("Patenschaft", ()),  # "-schaft" is a suffix, not the noun "Schaft"
        ("Verein", ()),
    ],
)
def test_compounds_split_into_their_parts(word: str, parts: tuple[str, ...]) -> None:
    assert split_compound(fold(word)) == parts


def test_joined_split_and_hyphenated_compounds_share_their_tokens() -> None:
    joined, hyphenated = set(index_text("Kitaplatz").split()), set(index_text("Kita-Platz").split())
    assert {"kita", "platz", "kitaplatz"} <= joined
    assert {"kita", "platz", "kitaplatz"} <= hyphenated
    assert {"zeugni", "anerkennung"} <= set(index_text("Zeugnisanerkennung").split())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("دورة لغة", "دوره لغه"),  # ة / ه
        ("مشاوره شغلي", "مشاوره شغلی"),  # Arabic and Persian yeh
        ("كتاب", "کتاب"),  # Arabic and Persian kaf
        ("أطفال", "اطفال"),  # hamza forms
        ("курсы", "курси"),  # Russian ы, Ukrainian и
        ("німецької", "нимецькои"),  # Ukrainian і, ї, й
        ("ёлка", "елка"),
        ("iş başvurusu", "is basvurusu"),
        ("ılık", "ilik"),
        ("۱۲", "12"),
    ],
)
def test_letter_variants_of_other_scripts_fold_together(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_the_concept_dictionary_has_eighty_concepts_in_seven_languages() -> None:
    book = dictionary()
    assert book.version
    assert len(book.concepts) >= 80
    for concept in book.concepts:
        assert all(concept.terms[language] for language in LANGUAGES), concept.id
    assert len({c.id for c in book.concepts}) == len(book.concepts)


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("دورة لغة", "german_course"),
        ("курси німецької", "german_course"),
        ("курсы немецкого языка", "german_course"),
        ("Almanca kursu", "german_course"),
        ("کلاس زبان آلمانی", "german_course"),
        ("langauge course", "german_course"),  # one typo in a long word
        ("legal advice", "legal_advice"),
        ("مشاوره حقوقی", "legal_advice"),
        ("kreş", "childcare"),
        ("признание диплома", "recognition"),
    ],
)
def test_questions_in_other_languages_name_their_concept(query: str, concept: str) -> None:
    assert [m.concept.id for m in interpret(words(query))] == [concept]


def test_a_translated_query_searches_the_german_terms_and_says_which() -> None:
    parsed = parse("курси німецької", Vocabulary())
    assert parsed.translated
    assert parsed.searched == ["Deutschkurs", "Sprachkurs", "Deutschunterricht"]
    assert parsed.categories == ("sprache",)


def test_german_words_stay_what_they_are() -> None:
    parsed = parse("Deutschkurs", Vocabulary())
    assert not parsed.translated and [g.word for g in parsed.groups] == ["deutschkurs"]


def test_foreign_stop_words_are_dropped() -> None:
    parsed = parse("German course for women", Vocabulary())
    assert [g.word for g in parsed.groups] == ["german course", "women"]


def test_unquoted_yes_no_words_in_the_dictionary_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "concepts.yaml"
    path.write_text("version: '1'\nconcepts:\n  - {id: x, de: [Kurs], en: [on]}\n")
    with pytest.raises(ValueError, match="quote the term"):
        _load(path)


def test_a_relaxed_query_needs_one_word_fewer_until_one() -> None:
    parsed = parse("Deutschkurs Barmen Abend", Vocabulary())
    relaxed = parsed.relaxed()
    assert relaxed is not None and relaxed.required == 2 and relaxed.is_relaxed
    assert len(relaxed.combinations() or []) == 3
    assert relaxed.relaxed() is not None and relaxed.relaxed().relaxed() is None  # type: ignore[union-attr]


def test_highlighting_escapes_first_and_marks_word_forms() -> None:
    highlighter = Highlighter.for_query(parse("Deutschkurs <script>", Vocabulary()))
    assert highlighter is not None
    marked = highlighter.mark('Deutschkurse & mehr <script>alert("x")</script>')
    assert str(marked) == (
        "<mark>Deutschkurse</mark> &amp; mehr &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)"
        "&lt;/<mark>script</mark>&gt;"
    )


def test_compound_parts_are_highlighted_in_the_whole_word() -> None:
    highlighter = Highlighter.for_query(parse("Anerkennung", Vocabulary()))
    assert highlighter is not None
    assert str(highlighter.mark("Zeugnisanerkennung")) == "<mark>Zeugnisanerkennung</mark>"


def test_a_snippet_shows_the_match_in_a_long_text() -> None:
    highlighter = Highlighter.for_query(parse("Kinderbetreuung", Vocabulary()))
    assert highlighter is not None
    text = "Anmeldung im Büro. " * 20 + "Mit Kinderbetreuung am Vormittag. " + "Ende. " * 40
    snippet = str(highlighter.snippet(text, length=80))
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "<mark>Kinderbetreuung</mark>" in snippet and len(snippet) < 120


def test_legal_terms_come_with_the_glossary_renderings() -> None:
    concepts = {c.id: c for c in dictionary().concepts}
    # beko/core/data/glossary.yaml: Duldung = "تصريح التسامح (Duldung)", Jobcenter (uk) =
    # "центр зайнятості (Jobcenter)".
    assert "تصريح التسامح" in concepts["duldung"].terms["ar"]
    assert "центр зайнятості" in concepts["jobcenter"].terms["uk"]
    assert [m.concept.id for m in interpret(words("تصريح التسامح"))] == ["duldung"]
