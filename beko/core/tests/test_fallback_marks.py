"""German fallback text inside a page in another language is marked lang="de" (WCAG 3.1.2):
the marks the sources set while a page renders, and how the page turns them into markup."""

import pytest
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

from beko.core import services
from beko.core.lib.fallback_marks import (
    END,
    START,
    german,
    is_marking,
    mark,
    mark_terms,
    marking,
    resolve,
    shown_field,
    strip,
)
from beko.core.models import Page

SPAN = '<span lang="de" dir="ltr">'
# Messages no catalogue holds. Passed as variables: makemessages must not collect them.
MISSING = "Ein Satz, den kein Katalog kennt."
NOWHERE = "Nirgends übersetzt"
ONE_THING, THINGS, THING = "ein Ding", "zwei Dinge", "Ding"
OFFERS = "Angebote"


def m(text: str) -> str:
    return START + text + END


def render(source: str, language: str, **context: object) -> str:
    """Render a template through the project's backend as if it were an HTML page."""
    template = engines["django"].from_string(source)
    with translation.override(language), marking():
        html = template.template.render(Context(context))
    return resolve(html)


# --- the page: from marks to markup -------------------------------------------------------


def test_a_page_without_marks_is_returned_unchanged():
    html = "<p>Hallo</p>"
    assert resolve(html) is html


def test_marked_text_becomes_a_german_span():
    assert resolve(f"<p>{m('Suchen')} …</p>") == f"<p>{SPAN}Suchen</span> …</p>"


def test_marked_text_holding_paragraphs_becomes_a_german_div():
    html = resolve(f"<section>{m('<p>Eins</p><p>Zwei</p>')}</section>")
    assert html == '<section><div lang="de" dir="ltr"><p>Eins</p><p>Zwei</p></div></section>'


def test_marks_inside_a_marked_text_nest():
    html = resolve(f"<p>{m('Angebot von ' + m('Caritas'))}</p>")
    assert html == f"<p>{SPAN}Angebot von {SPAN}Caritas</span></span></p>"


def test_attributes_lose_their_marks_because_markup_cannot_go_there():
    html = resolve(f'<a href="/x" title="{m("Weiter")}" aria-label="{m("Weiter")}">x</a>')
    assert html == '<a href="/x" title="Weiter" aria-label="Weiter">x</a>'


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        (f'<input type="search" placeholder="{m("Suchen …")}">',
         '<input type="search" placeholder="Suchen …" lang="de" dir="ltr">'),
        (f'<img src="a.png" alt="{m("Ein Foto")}"/>', '<img src="a.png" alt="Ein Foto" lang="de"/>'),
        (f'<input lang="ar" placeholder="{m("Suchen")}">', '<input lang="ar" placeholder="Suchen">'),
    ],
)  # fmt: skip
def test_images_and_inputs_whose_text_falls_back_are_declared_german(tag, expected):
    assert resolve(tag) == expected


def test_an_option_whose_label_falls_back_is_declared_german():
    html = resolve(
        f'<select><option value="">كل</option><option value="a">{m("Arbeit")} (4)</option></select>'
    )
    assert (
        html
        == '<select><option value="">كل</option><option value="a" lang="de">Arbeit (4)</option></select>'
    )


@pytest.mark.parametrize("element", ["title", "textarea", "script", "style", "svg"])
def test_text_only_elements_keep_the_text_without_marks(element):
    html = resolve(f"<{element}>{m('Startseite')} – <b>x</b></{element}><p>{m('a')}</p>")
    assert html == f"<{element}>Startseite – <b>x</b></{element}><p>{SPAN}a</span></p>"


def test_escaped_marks_in_addresses_and_scripts_disappear():
    html = resolve(
        '<a href="mailto:?subject=%EF%B7%90Seite%EF%B7%91">x</a>'
        '<script type="application/ld+json">{"name": "\\ufdd0Kurs\\uFDD1"}</script>'
        f"<p>{m('x')}</p>"
    )
    assert "EF%B7" not in html
    assert "\\ufdd" not in html.lower()
    assert '{"name": "Kurs"}' in html


def test_a_text_cut_short_is_closed_with_its_element():
    # |truncatewords can drop the end mark; the span must not swallow the rest of the page.
    html = resolve(f"<ul><li>{START}Ein langer Text …</li><li>Zwei</li></ul>")
    assert html == f"<ul><li>{SPAN}Ein langer Text …</span></li><li>Zwei</li></ul>"


def test_an_end_without_a_start_is_dropped():
    assert resolve(f"<p>Text{END}</p><p>{m('a')}</p>") == f"<p>Text</p><p>{SPAN}a</span></p>"


def test_strip_removes_every_kind_of_mark():
    assert strip(f"{m('a')} %EF%B7%90b%ef%b7%91 \\ufdd0c\\ufdd1") == "a b c"


def test_outside_a_page_nothing_is_marked():
    assert not is_marking()
    assert mark("Text") == "Text"
    with marking():
        assert mark("Text") == m("Text")
        assert mark("") == ""


# --- interface strings ----------------------------------------------------------------------


def test_an_interface_string_the_catalogue_lacks_is_marked_in_the_page():
    html = render("{% load i18n %}<p>{% translate 'Ein Satz, den kein Katalog kennt.' %}</p>", "ar")
    assert html == f"<p>{SPAN}{MISSING}</span></p>"


def test_a_translated_interface_string_is_not_marked():
    # Django's own Arabic catalogue has the month names.
    html = render("{% load i18n %}<p>{% translate 'January' %}</p>", "ar")
    assert html == "<p>يناير</p>"


def test_german_pages_mark_nothing():
    html = render("{% load i18n %}<p>{% translate 'Ein Satz, den kein Katalog kennt.' %}</p>", "de")
    assert html == f"<p>{MISSING}</p>"


def test_interface_strings_in_attributes_stay_plain():
    html = render(
        "{% load i18n %}<input placeholder=\"{% translate 'Ein Satz, den kein Katalog kennt.' %}\">",
        "fa",
    )
    assert html == f'<input placeholder="{MISSING}" lang="de" dir="ltr">'


def test_blocktranslate_plural_context_and_lazy_strings_are_marked_too():
    source = (
        "{% load i18n %}<p>{% blocktranslate count n=2 %}{{ n }} Dingsbums{% plural %}"
        "{{ n }} Dingsbumse{% endblocktranslate %}</p><p>{% translate 'Ding' context 'Test' %}</p>"
        "<p>{{ label }}</p>"
    )
    html = render(source, "uk", label=gettext_lazy(NOWHERE))
    assert f"<p>{SPAN}2 Dingsbumse</span></p>" in html
    assert f"<p>{SPAN}Ding</span></p>" in html
    assert f"<p>{SPAN}Nirgends übersetzt</span></p>" in html


def test_python_code_outside_a_page_gets_plain_strings():
    with translation.override("ar"):
        assert gettext(MISSING) == MISSING
        assert ngettext(ONE_THING, THINGS, 2) == THINGS
        assert pgettext("Test", THING) == THING


def test_e_mails_and_plain_text_templates_are_never_marked(settings):
    with translation.override("ar"):
        text = render_to_string("emails/inquiry_received.txt", {"inquiry": None, "status_url": ""})
    assert START not in text
    assert "<span" not in text


# --- content fields ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_untranslated_content_field_is_marked_wherever_the_template_shows_it():
    page = Page.objects.get(slug="impressum")
    html = render('<h1>{{ page.title }}</h1><meta content="{{ page.title }}">', "ar", page=page)
    assert html == f'<h1>{SPAN}Impressum</span></h1><meta content="Impressum">'


@pytest.mark.django_db
def test_a_translated_content_field_is_shown_without_a_mark():
    page = Page.objects.get(slug="impressum")
    services.translation_save(obj=page, language="ar", values={"title": "بيانات النشر"})
    page.refresh_from_db()
    assert render("<h1>{{ page.title }}</h1>", "ar", page=page) == "<h1>بيانات النشر</h1>"
    assert (
        render("<h1>{{ page.title }}</h1>", "fa", page=page) == f"<h1>{SPAN}Impressum</span></h1>"
    )


@pytest.mark.django_db
def test_the_tr_tag_marks_a_fallback_once_not_twice():
    page = Page.objects.get(slug="impressum")
    html = render("{% load beko %}<h1>{% tr page 'title' %}</h1>", "ru", page=page)
    assert html == f"<h1>{SPAN}Impressum</span></h1>"


@pytest.mark.django_db
def test_content_read_in_a_view_is_marked_when_read_through_shown_field():
    page = Page.objects.get(slug="impressum")
    with translation.override("tr"):
        crumb = shown_field(page, "title")  # what a view puts into its context
    assert render("<p>{{ crumb }}</p>", "tr", crumb=crumb) == f"<p>{SPAN}Impressum</span></p>"
    assert str(crumb) == "Impressum"  # outside a page: the plain text


@pytest.mark.django_db
def test_names_that_exist_only_in_german_are_marked_in_other_languages(organisation):
    source = "<p>{{ org.name }}</p>"
    assert render(source, "ar", org=organisation) == f"<p>{SPAN}{organisation.name}</span></p>"
    assert render(source, "de", org=organisation) == f"<p>{organisation.name}</p>"
    organisation.name = "Neuer Name"  # assigning still works as before
    assert organisation.name == "Neuer Name"


def test_german_only_choice_labels_are_marked_in_other_languages():
    from beko.events.models import District

    label = dict(District.choices)["barmen"]
    assert render("<p>{{ label }}</p>", "fa", label=label) == f"<p>{SPAN}Barmen</span></p>"
    assert render("<p>{{ label }}</p>", "de", label=label) == "<p>Barmen</p>"
    assert str(german("Barmen")) == "Barmen"


@pytest.mark.django_db
def test_office_details_from_the_environment_are_german(anon_client):
    html = anon_client.get("/uk/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f"{SPAN}BeKo – Beratungs- und Koordinierungsstelle</span>" in footer
    assert SPAN not in anon_client.get("/").content.decode()


@pytest.mark.django_db
def test_the_main_navigation_is_marked_however_the_cache_was_filled(anon_client):
    # The navigation is resolved once per language and process; the first fill may happen
    # outside any page (the home view), later pages must still mark its labels.
    from beko.core.selectors import main_nav

    main_nav(language="tr")
    html = anon_client.get("/tr/").content.decode()
    nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    with translation.override("tr"):
        label = gettext(OFFERS)
    assert (f">{SPAN}Angebote</span></a>" in nav) if label == "Angebote" else (label in nav)


# --- German words kept inside translations ----------------------------------------------------


def _terms(text: str, language: str) -> str:
    with translation.override(language), marking():
        return resolve(mark_terms(text))


def test_glossary_words_kept_beside_a_translation_are_marked_german():
    assert _terms("Hoşgörü belgesi (Duldung) – Jobcenter Wuppertal", "tr") == (
        f"Hoşgörü belgesi ({SPAN}Duldung</span>) – {SPAN}Jobcenter Wuppertal</span>"
    )
    assert _terms("Stadtbezirk Barmen", "de") == "Stadtbezirk Barmen"  # German page: nothing


def test_in_arabic_script_every_latin_run_in_a_translation_is_marked():
    assert _terms("حظر الترحيل (§ 25 Abs. 3 AufenthG)", "ar") == (
        f"حظر الترحيل ({SPAN}§ 25 Abs. 3 AufenthG</span>)"
    )
    assert _terms("BeKo و Meet & Eat", "fa") == "BeKo و Meet & Eat"  # names, not German


def test_markup_placeholders_and_addresses_in_a_translation_stay_untouched():
    text = 'انقر <a href="https://beko.example/x" title="Titel">هنا</a> %(count)s {name} info@beko.example'
    assert _terms(text, "ar") == text


def test_a_kept_word_in_an_attribute_or_option_does_not_relabel_the_element():
    with translation.override("uk"), marking():
        html = resolve(
            f'<input placeholder="{mark_terms("Пошук (Duldung)")}">'
            f"<select><option>{mark_terms('Дозвіл (Gestattung)')}</option></select>"
        )
    assert (
        html
        == '<input placeholder="Пошук (Duldung)"><select><option>Дозвіл (Gestattung)</option></select>'
    )


def test_a_marked_fragment_around_a_script_or_drawing_closes_in_the_right_place():
    html = resolve(f"<div><p>{m('Text <svg><text>Barmen</text></svg> mehr')}</p><p>x</p></div>")
    assert (
        html == f"<div><p>{SPAN}Text <svg><text>Barmen</text></svg> mehr</span></p><p>x</p></div>"
    )
