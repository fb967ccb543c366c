"""Data texts kept per language, and text people wrote in a language we cannot know."""

from dataclasses import dataclass

import pytest
from django.template import Context, Template
from django.utils import translation

from beko.core.lib.fallback_marks import marking, resolve
from beko.core.lib.texts import guess_language, in_language


@dataclass
class RuleText:  # shaped like the guide's rule texts: one attribute per language
    de: str
    en: str
    ar: str = ""


TEXTS = {"de": "Arbeit ist erlaubt.", "en": "Work is allowed.", "uk": "Робота дозволена."}


def test_a_data_text_comes_in_the_asked_language_when_it_exists():
    text = in_language(TEXTS, "uk")
    assert (text.text, text.language, text.is_fallback) == ("Робота дозволена.", "uk", False)
    assert str(in_language(RuleText(de="Ja.", en="Yes."), "en-gb")) == "Yes."


@pytest.mark.parametrize("missing", [{"de": "Ja.", "ar": ""}, RuleText(de="Ja.", en="Yes.")])
def test_a_missing_or_empty_data_text_falls_back_to_german_and_says_so(missing):
    text = in_language(missing, "ar")
    assert (text.text, text.language, text.is_fallback) == ("Ja.", "de", True)


def render_page(source: str, language: str, **context: object) -> str:
    with translation.override(language), marking():
        return resolve(Template(source).render(Context(context)))


def test_the_in_language_filter_marks_the_german_fallback_in_a_page():
    source = "{% load beko %}<p>{{ texts|in_language }}</p>"
    assert render_page(source, "uk", texts=TEXTS) == "<p>Робота дозволена.</p>"
    assert render_page(source, "ar", texts=TEXTS) == (
        '<p><span lang="de" dir="ltr">Arbeit ist erlaubt.</span></p>'
    )
    assert render_page(source, "de", texts=TEXTS) == "<p>Arbeit ist erlaubt.</p>"
    assert render_page(source, "ar", texts=None) == "<p></p>"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Meine Frau darf nicht arbeiten, was kann ich tun?", "de"),
        ("Grüße aus Barmen", "de"),
        ("My wife is not allowed to work, what can I do?", "en"),
        ("Eşim çalışamıyor, ne yapabilirim?", "tr"),
        ("زوجتي لا يسمح لها بالعمل، ماذا أفعل؟", "ar"),
        ("همسرم اجازه کار ندارد، چه کار کنم؟", "fa"),
        ("Моїй дружині не дозволяють працювати, що мені робити?", "uk"),
        ("Моей жене не разрешают работать, что мне делать?", "ru"),
        ("", None),
        ("12345 !!!", None),
        ("Ok", None),
        ("Deutschkurs", "de"),
        ("housing", "en"),
    ],
)
def test_the_language_of_a_short_text_is_recognised_or_left_open(text, language):
    assert guess_language(text) == language


def test_text_people_wrote_keeps_its_own_direction_and_language():
    source = "{% load beko %}{% user_text question block=True %}|{% user_text name %}"
    html = Template(source).render(
        Context({"question": "Darf er arbeiten?\n\nDanke <b>!</b>", "name": "Ok"})
    )
    assert html == (
        '<div dir="auto" lang="de"><p>Darf er arbeiten?</p>\n\n<p>Danke &lt;b&gt;!&lt;/b&gt;</p></div>'
        '|<span dir="auto">Ok</span>'
    )
