"""The demo directory reads as a translated site would (issue 13, item 7) and is believable
(issue 15, item 7): the offers a visitor sees first are translated into every language,
in the language's script, and no schedule note names a day the opening hours lack."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, RequestFactory
from django.utils.html import escape, strip_tags

from beko.core.lib.lang_audit import SCRIPTS, in_script, letters
from beko.directory import demo
from beko.directory.models import Offer

LANGUAGES = ["en", "ar", "fa", "uk", "tr", "ru"]
GERMAN_DAYS = {
    0: ("montag",),
    1: ("dienstag",),
    2: ("mittwoch",),
    3: ("donnerstag",),
    4: ("freitag",),
    5: ("samstag",),
    6: ("sonntag",),
}


@pytest.fixture(scope="module")
def demo_directory(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The directory's demo data, loaded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo.load(stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _top_category() -> str:
    from beko.directory.selectors import home_section

    request = RequestFactory().get("/")
    tiles = home_section(request)[0]["context"]["tiles"]
    return max(tiles, key=lambda tile: tile["count"])["category"].slug


def _offers_shown(client: Client, language: str) -> tuple[list[Offer], str]:
    """The offers linked from the home page and the first page of the top category."""
    html = ""
    for address in (f"/{language}/", f"/{language}/angebote/?category={_top_category()}"):
        response = client.get(address)
        assert response.status_code == 200, address
        html += response.content.decode()
    ids = dict.fromkeys(int(pk) for pk in re.findall(rf'href="/{language}/angebote/(\d+)/"', html))
    return list(Offer.objects.filter(pk__in=ids)), html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_offers_a_visitor_sees_first_are_translated(
    demo_directory: None, db: Any, language: str
) -> None:
    offers, html = _offers_shown(Client(), language)
    assert len(offers) >= 20  # a full first page of the top category
    for offer in offers:
        for field in ("title", "summary"):
            text = getattr(offer, f"{field}_{language}")
            assert text, (offer.pk, field)
            assert text != getattr(offer, f"{field}_de"), (offer.pk, field)
        # The page shows the translation, not the German fallback (names it keeps in
        # German, such as the district, come marked as German inside it).
        assert escape(getattr(offer, f"title_{language}")) in strip_tags(html), offer.pk


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_translated_offers_are_written_in_the_languages_script(
    demo_directory: None, db: Any, language: str
) -> None:
    offers, _html = _offers_shown(Client(), language)
    text = " ".join(
        f"{getattr(offer, f'title_{language}')} {getattr(offer, f'summary_{language}')}"
        for offer in offers
    )
    chars = letters(text)
    share = sum(in_script(char, SCRIPTS[language]) for char in chars) / len(chars)
    assert share >= 0.8, f"{language}: {share:.0%} of the letters in {SCRIPTS[language]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_categories_and_organisations_are_translated(
    demo_directory: None, db: Any, language: str
) -> None:
    from beko.core.lib.content_i18n import TranslationState, translation_state
    from beko.directory.models import Category, Organisation

    for obj in [*Category.objects.all(), *Organisation.objects.all()]:
        # Recorded as made from the current German: the staff overview shows it as current.
        assert translation_state(obj, language) == TranslationState.CURRENT, obj


def test_every_language_file_has_every_text_the_german_one_has() -> None:
    german = demo.texts("de")
    for language in LANGUAGES:
        texts = demo.texts(language)
        for section, entries in german.items():
            assert set(texts[section]) == set(entries), (language, section)
            for key, value in texts[section].items():
                assert value and value != entries[key], (language, section, key)
                if isinstance(entries[key], list):
                    assert len(value) == len(entries[key]) and all(value), (language, key)


def test_the_structure_names_only_texts_that_exist() -> None:
    german = demo.texts("de")
    for template in demo.OFFER_TEMPLATES:
        assert template.key in german["offers"]
        assert template.note in german["notes"], template.key
        assert not template.cost or template.cost in german["costs"], template.key
    assert {profile.key for profile in demo.ORGANISATIONS} == set(german["organisations"])


def test_no_schedule_note_names_a_day_the_opening_hours_lack() -> None:
    notes = demo.texts("de")["notes"]
    for template in demo.OFFER_TEMPLATES:
        note = notes[template.note].lower()
        days = {day for day, _opens, _closes in template.hours}
        named = {day for day, words in GERMAN_DAYS.items() if any(w in note for w in words)}
        assert named <= days, (template.key, note)


def test_offers_fit_their_organisation() -> None:
    """A bike workshop repairs bikes and runs no language café; companies offer training
    and internships only; only language schools and welfare services teach German."""
    kinds_for = {
        "fahrradwerkstatt": {"association"},
        "integrationskurs": {"education"},
        "integrationskurs_abend": {"education"},
        "alphakurs": {"education"},
        "berufssprachkurs": {"education"},
        "ausbildung_maler": {"company"},
        "ausbildung_baecker": {"company"},
        "ausbildung_lager": {"company"},
        "arbeitsvermittlung": {"authority"},
    }
    for profile in demo.ORGANISATIONS:
        keys = {key.rstrip("*") for key in profile.offers}
        if profile.kind == "company":
            assert keys <= {"praktikum", "ausbildung_maler", "ausbildung_lager",
                            "ausbildung_baecker", "ausbildung_pflege"}, profile.name  # fmt: skip
        for key in keys & set(kinds_for):
            assert profile.kind in kinds_for[key], (profile.name, key)
