"""The guide's other pages: papers, glossary, bilingual sheet, employer view; words not codes."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from beko.guide.rulebase import get_rulebase

pytestmark = pytest.mark.django_db

RESULT = "/wege-in-arbeit/ergebnis/"
SHEET = "/wege-in-arbeit/ergebnis/zweisprachig/"
PAPERS = "/wege-in-arbeit/papiere/"
GLOSSARY = "/wege-in-arbeit/begriffe/"
EMPLOYER = "/wege-in-arbeit/arbeitgeber/"
EMPLOYER_RESULT = "/wege-in-arbeit/arbeitgeber/ergebnis/"
DULDUNG = {
    "status": "duldung",
    "months_in_germany": "20",
    "country": "AF",
    "reception_centre": "false",
    "identity_clarified": "true",
    "as_of": "2026-11-25",
}
RECOGNISED = {
    "status": "recognised",
    "months_in_germany": "14",
    "first_permit_on": "2026-09-25",
    "country": "SY",
    "as_of": "2026-11-25",
}


# -- papers page ----------------------------------------------------------------------


def test_papers_page_shows_each_paper_as_a_marked_sample_with_a_text_alternative(
    anon_client: Any,
) -> None:
    html = anon_client.get(PAPERS).content.decode()
    for key in (
        "ankunftsnachweis",
        "aufenthaltsgestattung",
        "duldung",
        "aufenthaltserlaubnis",
        "fiktionsbescheinigung",
    ):
        assert f'id="papier-{key}"' in html
        image = re.search(rf'<img src="[^"]*/papers/{key}\.svg" alt="([^"]+)"', html)
        assert image, key
        assert "Muster" in image.group(1)
    assert html.count("Muster – keine echten Daten") == 5


def test_every_sample_drawing_is_marked_and_has_a_title_and_description() -> None:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "static" / "guide" / "papers"
    drawings = sorted(folder.glob("*.svg"))
    assert len(drawings) == 5
    for drawing in drawings:
        svg = drawing.read_text(encoding="utf-8")
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg, drawing.name
        assert ">MUSTER<" in svg and "keine echten Daten" in svg, drawing.name
        # No scripts or external references in a file the site serves as an image.
        assert "<script" not in svg and "href=" not in svg, drawing.name


def test_papers_lead_to_the_matching_status_in_the_guide(anon_client: Any) -> None:
    html = anon_client.get(PAPERS).content.decode()
    links = {
        parse_qs(urlsplit(href.replace("&amp;", "&")).query).get("status", [""])[0]
        for href in re.findall(r'class="guide-leads">(.*?)</ul>', html, re.S)
        for href in re.findall(r'href="([^"]+)"', href)
    }
    assert {
        "gestattung",
        "duldung",
        "duldung_unclear_identity",
        "ausbildungsduldung",
        "beschaeftigungsduldung",
        "recognised",
        "subsidiary",
        "deportation_ban",
        "temporary_protection",
        "residence_25_5",
        "residence_25a",
        "residence_25b",
        "residence_16g",
        "settlement",
    } <= links
    assert "/wege-in-arbeit/?status=gestattung&amp;reception_centre=true&amp;step=2" in html


def test_every_paper_leads_to_a_status_the_guide_knows() -> None:
    from beko.guide.content import papers
    from beko.guide.engine import Status

    for paper in papers():
        for lead in paper.leads:
            Status(lead.status)


def _plain(html: str) -> str:
    """The page's text without tags (glossary links break up sentences in the markup)."""
    return re.sub(r"<[^>]+>", "", html)


def test_papers_page_in_english_shows_english_descriptions(anon_client: Any) -> None:
    html = anon_client.get("/en" + PAPERS).content.decode()
    assert "The paper during the asylum procedure." in _plain(html)


def test_papers_page_in_arabic_is_arabic(anon_client: Any) -> None:
    html = anon_client.get("/ar" + PAPERS).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "Das Papier während des" not in html
    # The German name printed on the paper is kept beside the Arabic and marked as German.
    assert re.search(r'<span lang="de"[^>]*>Aufenthaltsgestattung</span>', html)


def test_papers_page_in_arabic_marks_the_german_fallback(
    anon_client: Any, guide_texts_missing_in: Any
) -> None:
    guide_texts_missing_in("ar")
    html = anon_client.get("/ar" + PAPERS).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert re.search(
        r'<p lang="de" dir="ltr">Das Papier während des (<a [^>]+>)?Asylverfahrens', html
    )
    # The image's text alternative is German too, and says so.
    assert re.search(r'<img [^>]*alt="Schematisches Muster[^"]*" lang="de"', html)


def test_choosing_unknown_on_the_form_points_to_the_papers(anon_client: Any) -> None:
    html = anon_client.get("/wege-in-arbeit/", {"status": "unknown", "step": "2"}).content.decode()
    assert f'href="{PAPERS}"' in html
    assert "Papiere erkennen: Muster ansehen" in html


# -- glossary -------------------------------------------------------------------------


def test_glossary_page_defines_the_terms_of_the_core_glossary(
    anon_client: Any, sample_glossary: None
) -> None:
    html = anon_client.get(GLOSSARY).content.decode()
    assert '<dt id="duldung">' in html
    assert "Eine Duldung ist kein Aufenthaltsrecht." in html
    # Terms without a definition (names) are not listed.
    assert 'id="beko"' not in html


def test_glossary_in_english_keeps_the_german_word_beside_the_rendering(
    anon_client: Any, sample_glossary: None
) -> None:
    html = anon_client.get("/en" + GLOSSARY).content.decode()
    assert "Duldung (toleration)" in html
    # The German word is kept and marked as German (WCAG 3.1.2).
    assert re.search(
        r'A (<a [^>]+>)?<span lang="de"[^>]*>Duldung</span>(</a>)? \(toleration\) is not a right',
        html,
    ), html


def test_glossary_in_arabic_marks_german_definitions(
    anon_client: Any, sample_glossary: None, guide_texts_missing_in: Any
) -> None:
    guide_texts_missing_in("ar")
    html = anon_client.get("/ar" + GLOSSARY).content.decode()
    assert "تصريح التسامح (Duldung)" in html
    assert '<p lang="de" dir="ltr">Eine Duldung ist kein Aufenthaltsrecht.' in html


def test_glossary_page_has_an_empty_state_without_the_core_glossary(
    anon_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from beko.guide import content

    monkeypatch.setattr(content, "glossary", lambda: ())
    html = anon_client.get(GLOSSARY).content.decode()
    assert "Das Glossar wird gerade zusammengestellt." in html


def test_legal_terms_in_results_link_to_the_glossary(
    anon_client: Any, sample_glossary: None
) -> None:
    html = anon_client.get(RESULT, DULDUNG, follow=True).content.decode()
    assert f'<a class="guide-term" href="{GLOSSARY}#duldung">Duldung</a>' in html
    assert f'href="{GLOSSARY}#auslaenderbehoerde">Ausländerbehörde</a>' in html
    # Each term is linked once per card, not on every mention.
    card = html.split('id="antwort-employment"')[1].split("</article>")[0]
    assert card.count(f"{GLOSSARY}#auslaenderbehoerde") == 1


def test_glossary_links_escape_the_text_around_them(sample_glossary: None) -> None:
    from beko.guide.content import link_terms

    html = link_terms("<b>Duldung</b> & Ausländerbehörde", lang="de", url="/g/")
    assert html.startswith('&lt;b&gt;<a class="guide-term" href="/g/#duldung">Duldung</a>')
    assert "&amp;" in html


def test_the_longer_term_wins_when_terms_overlap(sample_glossary: None) -> None:
    from beko.guide.content import link_terms

    html = link_terms("Die Ausbildungsduldung hilft.", lang="de", url="/g/")
    assert 'href="/g/#ausbildungsduldung">Ausbildungsduldung</a>' in html
    assert "#duldung" not in html


def test_every_definition_belongs_to_a_core_glossary_term_when_it_exists() -> None:
    from beko.guide.content import CORE_GLOSSARY_FILE, load_definitions

    if not CORE_GLOSSARY_FILE.exists():
        pytest.skip("beko/core/data/glossary.yaml is not on this branch yet")
    import yaml

    keys = {t["key"] for t in yaml.safe_load(CORE_GLOSSARY_FILE.read_text("utf-8"))["terms"]}
    assert set(load_definitions()) <= keys


# -- results: words, not codes ----------------------------------------------------------


def test_public_result_shows_no_rule_ids(anon_client: Any) -> None:
    html = anon_client.get(RESULT, DULDUNG, follow=True).content.decode()
    for rule in get_rulebase().rules:
        assert rule.id not in html, rule.id


def test_staff_see_rule_ids_on_the_result(staff_client: Any) -> None:
    html = staff_client.get(RESULT, DULDUNG, follow=True).content.decode()
    assert "employment.duldung.should_be_permitted" in html


def test_result_shows_country_names_in_the_visitors_language(anon_client: Any) -> None:
    german = anon_client.get(RESULT, RECOGNISED, follow=True).content.decode()
    assert "<dd>Syrien</dd>" in german
    assert "<dd>SY</dd>" not in german
    english = anon_client.get("/en" + RESULT, RECOGNISED, follow=True).content.decode()
    assert "<dd>Syria</dd>" in english
    ukrainian = anon_client.get("/uk" + RESULT, RECOGNISED, follow=True).content.decode()
    assert "<dd>Сирія</dd>" in ukrainian or "Сирійська" in ukrainian


def test_result_dates_are_shown_in_the_visitors_locale(anon_client: Any) -> None:
    german = anon_client.get(RESULT, RECOGNISED, follow=True).content.decode()
    assert "25. November 2026" in german
    english = anon_client.get("/en" + RESULT, RECOGNISED, follow=True).content.decode()
    # BeKo's English is day-first (beko/core/formats/en/formats.py): readers live in Germany.
    assert "25 November 2026" in english


def test_an_unknown_status_gives_one_clear_message_not_six_cards(anon_client: Any) -> None:
    html = anon_client.get(RESULT, {"status": "unknown"}, follow=True).content.decode()
    assert html.count('class="guide-answer ') == 1
    assert "Wir brauchen den Aufenthaltsstatus" in html
    assert f'href="{PAPERS}"' in html


def test_unclear_answers_never_claim_high_certainty(anon_client: Any) -> None:
    params = {"status": "gestattung", "months_in_germany": "4", "as_of": "2026-11-25"}
    html = anon_client.get(RESULT, params, follow=True).content.decode()
    for card in html.split('<article class="guide-answer guide-answer--unclear"')[1:]:
        card = card.split("</article>")[0]
        assert "Sicherheit der Auskunft:</span> <span>hoch" not in card


def test_dependent_answers_name_the_missing_question_and_show_both_branches(
    anon_client: Any,
) -> None:
    params = {k: v for k, v in DULDUNG.items() if k != "reception_centre"}
    html = anon_client.get(RESULT, params, follow=True).content.decode()
    card = html.split('id="antwort-employment"')[1].split("</article>")[0]
    assert "Hängt von fehlenden Angaben ab" in card
    assert "Muss die Person in einer Aufnahmeeinrichtung des Landes wohnen?" in card
    assert "Wenn die Person in einer Aufnahmeeinrichtung wohnen muss" in card
    assert "Wenn die Person nicht (mehr) in einer Aufnahmeeinrichtung wohnen muss" in card
    assert "Angaben ergänzen" in card


def test_citations_say_from_when_the_rule_applies_not_the_paragraph(anon_client: Any) -> None:
    html = anon_client.get(RESULT, DULDUNG, follow=True).content.decode()
    assert "gilt seit" not in html
    assert "Diese Regel gilt ab 27. Februar 2024." in html


def test_recognised_refugee_sees_settlement_and_naturalisation_routes(anon_client: Any) -> None:
    html = anon_client.get(RESULT, RECOGNISED, follow=True).content.decode()
    assert 'id="weg-settlement"' in html and "(§ 26 Abs. 3 AufenthG)" in html
    assert 'id="weg-naturalisation"' in html and "Einbürgerung (§ 10 StAG)" in html
    assert "Später möglich" in html


def test_near_misses_say_in_one_sentence_why_they_do_not_apply(anon_client: Any) -> None:
    recent = {**DULDUNG, "months_in_germany": "30", "months_with_duldung": "14"}
    html = anon_client.get(RESULT, recent, follow=True).content.decode()
    checked = html.split("Geprüft, passt aber nicht")[1].split("</section>")[0]
    assert "§ 60d: Einreise nach dem 31. Dezember 2022" in checked
    assert "kein besonderer Weg" not in html

    long_ago = {**DULDUNG, "months_in_germany": "120"}
    html = anon_client.get(RESULT, long_ago, follow=True).content.decode()
    checked = html.split("Geprüft, passt aber nicht")[1].split("</section>")[0]
    assert "Chancen-Aufenthaltsrecht (§ 104c AufenthG)" in checked
    assert "Anträge waren nur bis 31. Dezember 2025 möglich" in checked


# -- bilingual sheet ------------------------------------------------------------------


def test_sheet_shows_german_beside_the_chosen_language(anon_client: Any) -> None:
    response = anon_client.get(SHEET, {**RECOGNISED, "sheet_lang": "en"}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="sheet-cell" lang="de" dir="ltr">' in html
    assert '<div class="sheet-cell" lang="en" dir="ltr">' in html
    assert "Ergebnis: Wege in Arbeit" in html and "Result: Pathways into work" in html
    assert "Dies ist eine Orientierung, keine Rechtsberatung." in html
    assert "This is guidance, not legal advice." in html
    # The same citations and the date of the rule base in both columns.
    assert html.count("§ 4a Abs. 1 AufenthG") >= 2
    assert "Stand des Regelwerks:" in html and "Rule base version:" in html


def test_sheet_in_arabic_is_right_to_left_and_marks_german_fallbacks(
    anon_client: Any, guide_texts_missing_in: Any
) -> None:
    guide_texts_missing_in("ar")
    html = anon_client.get(SHEET, {**RECOGNISED, "sheet_lang": "ar"}, follow=True).content.decode()
    assert '<div class="sheet-cell" lang="ar" dir="rtl">' in html
    assert 'lang="de" dir="ltr">Die Person hat eine Aufenthaltserlaubnis' in html


def test_sheet_language_is_chosen_on_the_page_without_javascript(anon_client: Any) -> None:
    html = anon_client.get(SHEET, {**RECOGNISED, "sheet_lang": "uk"}, follow=True).content.decode()
    form = html.split('class="sheet-language"')[1].split("</form>")[0]
    assert '<select id="sheet-lang" name="sheet_lang">' in form
    assert '<option value="uk" lang="uk" selected>' in form
    assert 'name="status" value="recognised"' in form


def test_sheet_without_a_language_uses_english_for_german_visitors(anon_client: Any) -> None:
    response = anon_client.get(SHEET, RECOGNISED)
    assert response.status_code == 302
    assert "sheet_lang=en" in response["Location"]


def test_sheet_refuses_an_unknown_language_by_choosing_a_supported_one(anon_client: Any) -> None:
    response = anon_client.get(SHEET, {**RECOGNISED, "sheet_lang": "<script>"})
    assert response.status_code == 302
    assert "sheet_lang=en" in response["Location"]


def test_sheet_for_an_unknown_status_says_the_status_is_needed_in_both_languages(
    anon_client: Any,
) -> None:
    html = anon_client.get(
        SHEET, {"status": "unknown", "as_of": "2026-11-25", "sheet_lang": "en"}, follow=True
    ).content.decode()
    assert "Wir brauchen den Aufenthaltsstatus" in html
    assert "Without the residence status we cannot say anything reliable" in html


# -- employer view ----------------------------------------------------------------------


def test_employer_form_asks_job_or_training_and_the_paper(anon_client: Any) -> None:
    html = anon_client.get(EMPLOYER).content.decode()
    assert 'name="purpose"' in html and 'name="status"' in html
    step = anon_client.get(EMPLOYER, {"status": "duldung", "step": "2"}).content.decode()
    assert 'name="reception_centre"' in step
    assert 'name="has_job_offer"' not in step


def test_employer_view_for_a_duldung_with_a_job_offer(anon_client: Any) -> None:
    response = anon_client.get(EMPLOYER_RESULT, {**DULDUNG, "purpose": "job"}, follow=True)
    html = _plain(response.content.decode())
    assert response.status_code == 200
    assert "Erst mit Erlaubnis." in html
    assert "Zwei Stellen: Die Ausländerbehörde erteilt die Erlaubnis." in html
    assert "Erklärung zum Beschäftigungsverhältnis" in html
    assert "2 Wochen Zeit" in html
    assert "§ 4a Abs. 5 S. 3 Nr. 1 und 2 AufenthG" in html
    assert "Arbeitgeber-Service" in html and "0800 4 5555 20" in html
    assert "§ 36 Abs. 2 BeschV" in html


def test_employer_view_for_training_needs_no_agency_consent(anon_client: Any) -> None:
    html = _plain(
        anon_client.get(
            EMPLOYER_RESULT, {**DULDUNG, "purpose": "training"}, follow=True
        ).content.decode()
    )
    assert "Für eine qualifizierte Berufsausbildung muss die" in html
    assert "Erklärung zum Beschäftigungsverhältnis" not in html
    assert "§ 60c Abs. 5 AufenthG" in html


def test_employer_view_for_a_recognised_refugee_needs_no_permit(anon_client: Any) -> None:
    html = _plain(
        anon_client.get(
            EMPLOYER_RESULT, {**RECOGNISED, "purpose": "job"}, follow=True
        ).content.decode()
    )
    assert "Ja. Die Person darf bei Ihnen anfangen." in html
    assert "Niemand muss etwas erlauben." in html


def test_employer_result_has_one_canonical_address(anon_client: Any) -> None:
    response = anon_client.get(EMPLOYER_RESULT, {**DULDUNG, "purpose": "job", "x": "1"})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["purpose"] == ["job"]
    assert "x" not in query


@pytest.mark.parametrize(
    "params",
    [
        {"status": "<script>alert(1)</script>", "purpose": "job"},
        {**DULDUNG, "purpose": "hire-everyone"},
        {**DULDUNG, "months_in_germany": "-4", "purpose": "job"},
    ],
)
def test_hostile_employer_input_is_refused(anon_client: Any, params: dict[str, str]) -> None:
    response = anon_client.get(EMPLOYER_RESULT, params)
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_term_is_linked_once_per_card_even_inside_the_branches(anon_client: Any) -> None:
    params = {
        k: v for k, v in DULDUNG.items() if k not in ("reception_centre", "identity_clarified")
    }
    html = anon_client.get(RESULT, params, follow=True).content.decode()
    card = html.split('id="antwort-employment"')[1].split("</article>")[0]
    assert card.count(f"{GLOSSARY}#duldung") <= 1
    assert card.count(f"{GLOSSARY}#auslaenderbehoerde") == 1


def test_sheet_can_be_shared_by_link(anon_client: Any) -> None:
    html = anon_client.get(SHEET, {**RECOGNISED, "sheet_lang": "en"}, follow=True).content.decode()
    assert 'id="share-url"' in html
    assert "sheet_lang=en" in html.split('id="share-url"')[1].split(">")[0]


def test_a_date_cached_while_a_page_renders_is_cached_without_marks(anon_client: Any) -> None:
    import datetime as dt

    from beko.guide.present import clear_caches, format_date

    clear_caches()
    anon_client.get("/en" + RESULT, RECOGNISED, follow=True)
    # Marks only exist during a render: the next reader of the cache (JSON, CLI) gets text.
    assert format_date(dt.date(2026, 11, 25), "en") == "25 November 2026"
