"""Shared vocabularies are defined once (beko.core.vocabulary) and every app uses them: a
second list of audiences, districts or residence statuses somewhere fails here."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import translation

from beko.core import vocabulary
from beko.core.vocabulary import OFFICE_AUDIENCES, Audience, District, ResidenceStatus

# Model fields that hold a code of a shared vocabulary, and the app-only codes they may add.
SHARED_FIELDS = {
    ("events", "EventAudience", "audience"): (Audience, set()),
    ("events", "Venue", "district"): (District, set()),
    ("inquiries", "Inquiry", "asker_type"): (Audience, {"other"}),
    ("news", "AudiencePage", "audience"): (Audience, {"about"}),
}


def _shown(choices):
    """Codes with their labels as shown, in German and in English."""
    result = []
    for language in ("de", "en"):
        with translation.override(language):
            result.append([(str(code), str(label)) for code, label in choices])
    return result


def test_the_directorys_seeded_districts_are_the_shared_stadtbezirke():
    seed = import_module("beko.directory.migrations.0003_seed_vocabularies")
    seeded = {slug: name for name, slug, _lat, _lon in seed.DISTRICTS}
    assert seeded == {code: str(label) for code, label in vocabulary.District.choices}


def test_apps_import_the_shared_lists_themselves():
    from beko.directory import models as directory_models
    from beko.events import models as events_models
    from beko.faq import choices as faq_choices
    from beko.inquiries import models as inquiries_models

    assert events_models.District is District
    assert events_models.Audience is Audience
    assert directory_models.TargetGroup is Audience
    assert directory_models.ResidenceStatus is ResidenceStatus
    assert faq_choices.Audience is Audience
    assert faq_choices.Topic is vocabulary.Topic
    assert inquiries_models.Topic is vocabulary.Topic


@pytest.mark.parametrize("field", sorted(SHARED_FIELDS), ids="-".join)
def test_model_fields_take_the_shared_codes_and_labels(field):
    app_label, model_name, field_name = field
    shared, extra = SHARED_FIELDS[field]
    choices = apps.get_model(app_label, model_name)._meta.get_field(field_name).choices
    own = [(code, label) for code, label in choices if code not in extra]
    assert set(dict(choices)) - set(dict(own)) == extra
    shared_labels = dict(shared.choices)
    assert _shown(own) == _shown([(code, shared_labels[code]) for code, _label in own])


def test_every_field_named_like_a_shared_concept_is_listed_here():
    """A new `audience`/`district`/`asker_type`/`target_group` field with its own choices
    must be added to SHARED_FIELDS (and so use the shared codes)."""
    concepts = ("audience", "district", "asker_type", "target_group", "residence")
    found = {
        (model._meta.app_label, model.__name__, f.name)
        for model in apps.get_models()
        if model.__module__.startswith("beko.")
        for f in model._meta.get_fields()
        if getattr(f, "choices", None) and any(c in f.name for c in concepts)
    }
    assert found == set(SHARED_FIELDS)


def test_the_groups_the_office_works_with_are_the_pages_faq_and_asker_types():
    from beko.faq.choices import AUDIENCE_CHOICES
    from beko.inquiries.models import AskerType
    from beko.news.models import AudiencePage

    office = [(m.value, m.label) for m in OFFICE_AUDIENCES]
    pages = [c for c in AudiencePage.Audience.choices if c[0] != AudiencePage.Audience.ABOUT]
    askers = [c for c in AskerType.choices if c[0] != AskerType.OTHER]
    assert _shown(AUDIENCE_CHOICES) == _shown(office)
    assert _shown(pages) == _shown(office)
    assert sorted(_shown(askers)[0]) == sorted(_shown(office)[0])


def test_filter_forms_offer_the_shared_codes():
    from beko.directory.forms import OfferSearchForm
    from beko.events.forms import EventFilterForm, EventForm, NetworkContactForm

    def codes(form_class, name):
        return [c for c, _label in form_class.base_fields[name].choices if c]

    assert codes(EventFilterForm, "audience") == Audience.values
    assert codes(EventForm, "audiences") == Audience.values
    assert codes(EventFilterForm, "district") == District.values
    assert codes(NetworkContactForm, "districts") == District.values
    assert codes(OfferSearchForm, "target_group") == Audience.values
    assert codes(OfferSearchForm, "residence_status") == ResidenceStatus.values


def test_aliases_name_former_codes_and_point_at_current_ones():
    for aliases, current in (
        (vocabulary.AUDIENCE_ALIASES, Audience.values),
        (vocabulary.RESIDENCE_STATUS_ALIASES, ResidenceStatus.values),
    ):
        assert not set(aliases) & set(current)
        assert all(set(targets) <= set(current) for targets in aliases.values())
    assert vocabulary.expand_code("organisations", aliases=vocabulary.AUDIENCE_ALIASES) == [
        "counselling",
        "associations",
    ]
    assert vocabulary.expand_code("refugees", aliases=vocabulary.AUDIENCE_ALIASES) == ["refugees"]


def test_residence_status_groups_use_the_guides_status_codes():
    from beko.guide.engine import Status

    assert set(vocabulary.RESIDENCE_STATUS_GROUPS) <= set(Status)
    assert set(vocabulary.RESIDENCE_STATUS_GROUPS.values()) == set(ResidenceStatus)
    # A group named like a status of the guide is that status's group.
    for code in ResidenceStatus.values:
        assert code in Status.__members__.values()
        assert vocabulary.RESIDENCE_STATUS_GROUPS[code] == code


def test_event_languages_use_the_directorys_language_codes():
    """Not one list yet (events offer the site languages plus Einfache Sprache, the directory
    seventeen languages as data), but one code per language."""
    from beko.events.models import EventLanguage

    seed = import_module("beko.directory.migrations.0003_seed_vocabularies")
    directory_codes = {code for code, _name, _native in seed.LANGUAGES}
    assert set(EventLanguage.values) - {"de-easy"} <= directory_codes
