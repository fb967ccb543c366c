"""Domain apps contribute blocks to the home page; cheap ones may be cached."""

import copy

import pytest
from django.conf import settings
from django.test import override_settings

from beko.core import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def section_template():
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.locmem.Loader",
            {"test/_section.html": "<p>{{ section.text }}</p>"},
        ),
        "django.template.loaders.app_directories.Loader",
    ]
    with override_settings(TEMPLATES=templates):
        yield "test/_section.html"


def _provider(text, *, order, calls, cache_seconds=0):
    def home_section(request):
        calls.append(text)
        return {"template": "test/_section.html", "context": {"text": text}, "order": order}

    if cache_seconds:
        home_section.cache_seconds = cache_seconds
    return home_section


def test_sections_appear_in_their_order_and_empty_ones_are_skipped(
    anon_client, monkeypatch, section_template
):
    calls = []
    providers = (
        _provider("Zweiter Block", order=20, calls=calls),
        lambda request: None,
        _provider("Erster Block", order=10, calls=calls),
    )
    monkeypatch.setattr(selectors, "home_section_providers", lambda: providers)
    html = anon_client.get("/").content.decode()
    first = html.index('<div class="home-section"><p>Erster Block</p></div>')
    assert first < html.index("<p>Zweiter Block</p>")
    assert html.count('class="home-section"') == 2


def test_a_cacheable_section_is_built_once_per_language(anon_client, monkeypatch, section_template):
    calls = []
    providers = (
        _provider("Termine", order=10, calls=calls, cache_seconds=60),
        _provider("Frisch", order=20, calls=calls),
    )
    monkeypatch.setattr(selectors, "home_section_providers", lambda: providers)
    for _ in range(3):
        assert "<p>Termine</p>" in anon_client.get("/").content.decode()
    anon_client.get("/en/")
    assert calls.count("Termine") == 2  # once for German, once for English
    assert calls.count("Frisch") == 4  # uncached: every request
