"""The icon set: one place maps every domain thing to a vendored icon; icons are decoration."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.template import Context, Template

from beko.core import icons

pytestmark = pytest.mark.django_db

# The offer attributes the public cards and filters show (issue 20: free, wheelchair
# accessible, online, childcare, language spoken) and the other facts with a picture.
ATTRIBUTES = ("free", "wheelchair", "online", "childcare", "languages", "on_site", "by_phone",
              "hearing_loop", "sign_language", "registration", "open_now", "distance")  # fmt: skip


def _render(source: str) -> str:
    return Template("{% load beko_icons %}" + source).render(Context())


def test_every_category_in_the_data_has_its_own_icon():
    from beko.directory import demo
    from beko.directory.models import Category

    import_module("beko.directory.migrations.0003_seed_vocabularies").seed(apps, None)
    slugs = set(Category.objects.values_list("slug", flat=True))
    slugs |= {slug for template in demo.OFFER_TEMPLATES for slug in template.categories}
    assert len(slugs) >= 17
    assert sorted(slugs - set(icons.CATEGORY_ICONS)) == []


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_every_offer_attribute_has_an_icon(attribute):
    assert icons.icon_for("attribute", attribute) != icons.FALLBACK


def test_every_audience_and_target_group_has_an_icon():
    from beko.directory.models import TargetGroup
    from beko.events.models import Audience as EventAudience
    from beko.faq.choices import Audience as FaqAudience
    from beko.news.models import AudiencePage

    codes = {*AudiencePage.Audience.values, *EventAudience.values, *FaqAudience.values}
    codes |= set(TargetGroup.values)
    assert sorted(codes - set(icons.AUDIENCE_ICONS)) == []


def test_every_guide_topic_has_an_icon():
    from beko.guide.rulebase import TOPICS

    assert sorted(set(TOPICS) - set(icons.GUIDE_TOPIC_ICONS)) == []


def test_every_icon_in_use_is_vendored_with_the_licence():
    folder = icons.ICON_DIR
    assert "MIT License" in (folder / "LICENSE").read_text()
    missing = [name for name in sorted(icons.ICON_FILES) if not (folder / f"{name}.svg").is_file()]
    assert missing == []
    # Only what is used is vendored.
    extra = {p.stem for p in folder.glob("*.svg")} - set(icons.ICON_FILES)
    assert extra == set()


def test_icons_are_hidden_from_assistive_technology_and_carry_no_style_attribute():
    html = _render('{% icon "search" %}')
    assert html.startswith('<svg class="icon icon--search" aria-hidden="true" focusable="false"')
    assert "style=" not in html and "<path" in html
    assert 'd="M0 0h24v24H0z"' not in html  # the empty bounding box is dropped


def test_directional_icons_mirror_in_right_to_left_and_others_do_not():
    assert "icon--mirror" in _render('{% icon "arrow-right" %}')
    assert "icon--mirror" not in _render('{% icon "map" %}')


def test_icon_for_a_domain_thing_and_an_unknown_one():
    assert "icon--language" in _render('{% icon_for "category" "sprache" %}')
    assert f"icon--{icons.FALLBACK}" in _render('{% icon_for "category" "ganz-neu" %}')


def test_an_icon_that_is_not_vendored_fails_loudly():
    with pytest.raises(ValueError, match="ICON_FILES"):
        _render('{% icon "rocket" %}')
    with pytest.raises(ValueError, match="unknown icon kind"):
        icons.icon_for("colour", "red")
