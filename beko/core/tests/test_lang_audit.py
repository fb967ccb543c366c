"""The measuring stick of the language checks: which text of a page is in which language."""

from beko.core.lib.lang_audit import audit, page_texts, unmarked_latin

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>Startseite</title>
<script>var x = "Hallo";</script></head><body>
<h1>مرحبا بكم</h1>
<p>نص عربي <span lang="de" dir="ltr">Deutscher Text</span></p>
<p translate="no">BeKo Wuppertal</p>
<nav aria-label="Hauptnavigation"><a href="/">الرئيسية</a></nav>
<img src="a.png" alt="Ein Bild" lang="de"><br>
<p>Kontakt: beko@example.org, https://example.org/x, Deutsch B1</p>
<p>Vergessen</p>
</body></html>"""


def test_text_nodes_carry_the_language_declared_around_them():
    texts = {(t.text, t.lang, t.attribute) for t in page_texts(PAGE)}
    assert ("مرحبا بكم", "ar", "") in texts
    assert ("Deutscher Text", "de", "") in texts
    assert ("Ein Bild", "de", "alt") in texts
    assert ("Hauptnavigation", "ar", "aria-label") in texts
    assert not any("Hallo" in t or "Startseite" in t for t, _l, _a in texts)  # head, scripts


def test_latin_text_outside_a_declared_part_is_found_and_neutral_tokens_are_not():
    found = [t.text for t in unmarked_latin(page_texts(PAGE), "ar")]
    assert found == ["Kontakt: beko@example.org, https://example.org/x, Deutsch B1", "Vergessen"]


def test_the_audit_counts_letters_per_language_and_script():
    result = audit(PAGE, "ar", german_ui_strings=frozenset({"Vergessen", "Nicht da"}))
    arabic = len("مرحبابكم") + len("نصعربي") + len("الرئيسية")
    assert result.letters_in_script == arabic
    assert result.letters_in_language == arabic + len("KontaktDeutsch") + len("Vergessen")
    assert result.letters_total == result.letters_in_language + len("DeutscherText")
    assert result.german_ui == ["Vergessen"]
    assert "aria-label='Hauptnavigation'" in result.unmarked
    problems = " ".join(result.problems())
    assert "German outside lang=de" in problems and "German interface strings" in problems


def test_a_page_in_the_language_passes():
    html = '<html lang="uk"><body><h1>Пропозиції</h1><p>Усі пропозиції <span lang="de">Kurs</span></p></body></html>'
    result = audit(html, "uk")
    assert result.script_share == 1.0
    assert result.problems() == []


def test_how_much_of_a_page_is_in_the_language_is_measured_and_can_be_required():
    html = '<html lang="ru"><body><p lang="de">Alles Deutsch</p><p>Да</p></body></html>'
    result = audit(html, "ru")
    assert round(result.language_share, 2) == 0.14
    assert result.problems() == []  # marked German content is allowed by default
    assert "only 14% of the text in the language" in result.problems(min_language_share=0.5)
