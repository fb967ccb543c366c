"""Shared vocabularies are defined once (beko.core.vocabulary) and agree with the apps' data."""

from importlib import import_module

from beko.core import vocabulary


def test_the_directorys_seeded_districts_are_the_shared_stadtbezirke():
    seed = import_module("beko.directory.migrations.0003_seed_vocabularies")
    seeded = {slug: name for name, slug, _lat, _lon in seed.DISTRICTS}
    assert seeded == {code: str(label) for code, label in vocabulary.District.choices}


def test_events_and_faq_use_the_shared_lists():
    from beko.events import models as events_models
    from beko.faq import choices as faq_choices
    from beko.inquiries import models as inquiries_models

    assert events_models.District is vocabulary.District
    assert faq_choices.Topic is vocabulary.Topic
    assert inquiries_models.Topic is vocabulary.Topic


def test_the_audience_pages_and_the_faq_share_the_audience_codes():
    from beko.faq import choices as faq_choices
    from beko.news.models import AudiencePage

    pages = set(AudiencePage.Audience.values) - {AudiencePage.Audience.ABOUT}
    assert pages == set(vocabulary.Audience.values)
    assert faq_choices.Audience is vocabulary.Audience


def test_event_languages_use_the_directorys_language_codes():
    """Not one list yet (events offer the site languages plus Einfache Sprache, the directory
    seventeen languages as data), but one code per language."""
    from beko.events.models import EventLanguage

    seed = import_module("beko.directory.migrations.0003_seed_vocabularies")
    directory_codes = {code for code, _name, _native in seed.LANGUAGES}
    assert set(EventLanguage.values) - {"de-easy"} <= directory_codes
