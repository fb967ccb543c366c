"""Issue 13, item 7: the demo content reads in every site language.

After the demo of events, news (with the audience pages and "Über uns") and FAQ is loaded,
every object of theirs has, in each language besides German, a text in every field whose
German text is set; the text differs from the German one; Arabic, Farsi, Ukrainian and
Russian texts are written mainly (≥ 80 % of the letters) in their script; and the staff
translation overview sees every translation as current (made from today's German text).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from beko.core.demo_texts import demo_texts
from beko.core.lib.content_i18n import (
    TranslationState,
    translated_field_names,
    translation_state,
)
from beko.core.lib.lang_audit import SCRIPTS, in_script, letters

LANGUAGES = ["en", "ar", "fa", "uk", "tr", "ru"]
MIN_SCRIPT_SHARE = 0.8
DEMO_APPS = ["events", "faq", "news"]


@pytest.fixture(scope="module")
def demo_content(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo of the apps whose content this covers, once for the module (rolled back)."""
    from beko.core import demo as core_demo
    from beko.events import demo as events_demo
    from beko.faq import demo as faq_demo
    from beko.news import demo as news_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for module in (core_demo, events_demo, faq_demo, news_demo):
                module.load(stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _demo_objects() -> list[Any]:
    from beko.events.models import Event, MarketStand, ProgrammeItem, Venue
    from beko.faq.models import FaqEntry
    from beko.news.models import AudiencePage, Category, NewsItem

    objects: list[Any] = []
    for model in (Event, ProgrammeItem, MarketStand, Venue, FaqEntry, NewsItem, Category,
                  AudiencePage):  # fmt: skip
        found = list(model._default_manager.order_by("pk"))
        assert found, f"no demo {model.__name__}"
        objects += found
    return objects


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_text_is_translated_in_the_languages_script(
    demo_content: None, db: Any, language: str
) -> None:
    problems = []
    for obj in _demo_objects():
        label = f"{type(obj).__name__} {obj.pk}"
        text = ""
        for field in translated_field_names(type(obj)):
            source = getattr(obj, f"{field}_de") or ""
            translated = getattr(obj, f"{field}_{language}") or ""
            if source and not translated.strip():
                problems.append(f"{label}.{field}: missing")
            elif source and translated.strip() == source.strip():
                problems.append(f"{label}.{field}: the German text")
            text += " " + _plain(translated)
        if translation_state(obj, language) != TranslationState.CURRENT:
            problems.append(f"{label}: translation not current")
        script = SCRIPTS.get(language)
        chars = letters(text)
        if script and chars:
            share = sum(in_script(char, script) for char in chars) / len(chars)
            if share < MIN_SCRIPT_SHARE:
                problems.append(f"{label}: only {share:.0%} of the letters in {script} script")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("app_label", DEMO_APPS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_file_has_the_keys_of_the_german_one(app_label: str, language: str) -> None:
    texts = demo_texts(app_label)
    for section, entries in texts["de"].items():
        assert texts[language][section].keys() == entries.keys(), section
        for key, fields in entries.items():
            assert texts[language][section][key].keys() == fields.keys(), (section, key)
