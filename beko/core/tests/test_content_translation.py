"""The translation mechanism for user-edited content, shown on the info pages."""

import pytest
from django.urls import reverse

from beko.core import services
from beko.core.lib.content_i18n import (
    TranslationState,
    source_fingerprint,
    target_languages,
    translation_overview,
    translation_state,
)
from beko.core.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return Page.objects.get(slug="impressum")


def _editor_url(page, language="en", next_url=None):
    url = reverse(
        "core:staff_translation_edit",
        kwargs={"app_label": "core", "model_name": "page", "pk": page.pk, "language": language},
    )
    return f"{url}?next={next_url}" if next_url else url


def test_a_new_page_is_missing_in_every_target_language(page):
    assert target_languages() == ["en", "ar", "fa", "uk", "tr", "ru"]
    assert set(translation_overview(page).values()) == {TranslationState.MISSING}


def test_a_saved_translation_is_current_until_the_german_text_changes(page, staff_user):
    services.translation_save(
        obj=page, language="en", values={"title": "Legal notice", "intro": "", "body": "<p>x</p>"}
    )
    page.refresh_from_db()
    assert translation_state(page, "en") == TranslationState.CURRENT
    assert translation_state(page, "ar") == TranslationState.MISSING

    services.page_update(page=page, data={"intro": "Neue Einleitung."}, by=staff_user)
    page.refresh_from_db()
    assert translation_state(page, "en") == TranslationState.OUTDATED


def test_clearing_a_translation_makes_it_missing_again(page):
    services.translation_save(obj=page, language="tr", values={"title": "Künye"})
    services.translation_save(
        obj=page, language="tr", values={"title": "", "intro": "", "body": ""}
    )
    page.refresh_from_db()
    assert translation_state(page, "tr") == TranslationState.MISSING
    assert "tr" not in page.translation_sources


def test_several_languages_saved_at_once_are_each_current_sanitised_and_searchable(page):
    from beko.core import search

    services.translations_save(
        obj=page,
        values_by_language={
            "en": {"title": "Legal notice", "body": "<p>Imprint<script>alert(1)</script></p>"},
            "uk": {"title": "Вихідні дані"},
            "tr": {"title": "", "intro": "", "body": ""},
        },
    )
    page.refresh_from_db()
    assert translation_state(page, "en") == TranslationState.CURRENT
    assert translation_state(page, "uk") == TranslationState.CURRENT
    assert translation_state(page, "tr") == TranslationState.MISSING
    assert set(page.translation_sources) == {"en", "uk"}
    assert "<script>" not in page.body_en
    # One re-index holds every language version.
    assert page.pk in search.Search("Legal notice").ranked_ids(Page.objects.all())
    assert page.pk in search.Search("Вихідні").ranked_ids(Page.objects.all())


def test_missing_translation_falls_back_to_german_marked_and_noted(anon_client):
    html = anon_client.get("/en/seite/impressum/").content.decode()
    assert '<h1><span lang="de" dir="ltr">Impressum</span></h1>' in html
    assert (
        '<div class="fallback"><p class="fallback-note">This text has not been translated yet '
        'and is shown in German.</p><div lang="de" dir="ltr">'
    ) in html
    assert "Digitale-Dienste-Gesetz" in html


def test_translated_page_is_shown_without_fallback_note(anon_client, page):
    services.translation_save(
        obj=page,
        language="en",
        values={"title": "Legal notice", "intro": "Who runs this site.", "body": "<p>Hi</p>"},
    )
    html = anon_client.get("/en/seite/impressum/").content.decode()
    assert "<h1>Legal notice</h1>" in html
    assert "<p>Hi</p>" in html
    assert "fallback-note" not in html
    assert ">Legal notice</a>" in html  # the footer link follows at once


def test_fallback_in_a_right_to_left_language_keeps_german_left_to_right(anon_client):
    html = anon_client.get("/ar/seite/datenschutz/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<div lang="de" dir="ltr">' in html


def test_staff_translation_editor_shows_the_german_source(staff_client, page):
    response = staff_client.get(_editor_url(page, "fa"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="fa"' in html
    assert "Angaben gemäß § 5 Digitale-Dienste-Gesetz" in html  # German intro as help text


def test_staff_translation_editor_saves_and_records_the_source_version(staff_client, page):
    response = staff_client.post(
        _editor_url(page, "uk", next_url="/intern/seiten/"),
        {"title": "Вихідні дані", "intro": "", "body": "<p>Текст</p><script>alert(1)</script>"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/intern/seiten/"
    page.refresh_from_db()
    assert page.title_uk == "Вихідні дані"
    assert page.body_uk == "<p>Текст</p>"
    assert page.translation_sources == {"uk": source_fingerprint(page)}
    assert translation_state(page, "uk") == TranslationState.CURRENT


def test_translation_editor_ignores_foreign_next_targets(staff_client, page):
    response = staff_client.post(
        _editor_url(page, "en", next_url="https://evil.example/"), {"title": "Imprint"}
    )
    assert response["Location"] == "/intern/"


def test_oversized_translation_is_refused_and_nothing_is_stored(staff_client, page):
    response = staff_client.post(_editor_url(page), {"title": "x" * 201, "body": "<p>ok</p>"})
    assert response.status_code == 200
    assert "höchstens 200 Zeichen" in response.content.decode()
    page.refresh_from_db()
    assert page.title_en is None
    assert page.body_en is None
    assert page.translation_sources == {}


@pytest.mark.parametrize(
    ("app_label", "model_name", "language"),
    [
        ("core", "page", "de"),  # German is the source, not a target
        ("core", "page", "xx"),
        ("accounts", "user", "en"),  # not registered for translation
        ("nope", "page", "en"),
        ("core", "nope", "en"),
    ],
)
def test_translation_editor_is_404_for_anything_but_registered_content(
    staff_client, page, app_label, model_name, language
):
    url = reverse(
        "core:staff_translation_edit",
        kwargs={
            "app_label": app_label,
            "model_name": model_name,
            "pk": page.pk,
            "language": language,
        },
    )
    assert staff_client.get(url).status_code == 404


def test_partner_editor_cannot_open_the_translation_editor(partner_client, page):
    assert partner_client.get(_editor_url(page)).status_code == 403
    assert partner_client.post(_editor_url(page), {"title": "Hacked"}).status_code == 403
    page.refresh_from_db()
    assert page.title_en is None


def test_anonymous_visitor_is_sent_to_login_from_the_translation_editor(anon_client, page):
    response = anon_client.get(_editor_url(page))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/?next=")


def test_staff_page_list_shows_the_state_per_language(staff_client, page):
    services.translation_save(obj=page, language="en", values={"title": "Imprint"})
    html = staff_client.get("/intern/seiten/").content.decode()
    assert "en: aktuell" in html
    assert "ar: fehlt" in html
    assert _editor_url(page, "ar") in html
