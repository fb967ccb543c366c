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


def test_a_cacheable_section_is_built_once_per_language(
    anon_client, monkeypatch, section_template, settings
):
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0  # the section cache, not the response cache
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


def test_a_provider_may_place_several_blocks_apart(anon_client, monkeypatch, section_template):
    calls = []

    def two_blocks(request):
        return [
            {"template": "test/_section.html", "context": {"text": "Oben"}, "order": 5},
            {"template": "test/_section.html", "context": {"text": "Unten"}, "order": 50},
        ]

    two_blocks.cache_seconds = 60
    providers = (two_blocks, _provider("Mitte", order=20, calls=calls))
    monkeypatch.setattr(selectors, "home_section_providers", lambda: providers)
    for _ in range(2):  # built, then from the cache: same order
        html = anon_client.get("/").content.decode()
        assert html.index("<p>Oben</p>") < html.index("<p>Mitte</p>") < html.index("<p>Unten</p>")


@pytest.fixture
def picture_template():
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.locmem.Loader",
            {"test/_picture.html": "{% load beko_images %}{% picture section.image %}"},
        ),
        "django.template.loaders.app_directories.Loader",
    ]
    with override_settings(TEMPLATES=templates):
        yield "test/_picture.html"


def test_a_cached_block_still_credits_its_pictures(anon_client, monkeypatch, picture_template):
    """The news block shows pictures; their credits must appear on every page view, also
    when the block's HTML comes from the cache (the picture tag does not run then)."""
    from beko.core.models import Image

    image = Image.objects.create(
        file="images/test.jpg",
        alt_text="Ein Bild",
        credit="Foto: Test-Credit",
        width=640,
        height=480,
    )

    def with_picture(request):
        return {"template": picture_template, "context": {"image": image}, "order": 1}

    with_picture.cache_seconds = 60
    monkeypatch.setattr(selectors, "home_section_providers", lambda: (with_picture,))
    first = anon_client.get("/").content.decode()
    second = anon_client.get("/").content.decode()  # the block from the cache
    for html in (first, second):
        credits = html.split('class="image-credits"', 1)[1]
        assert "Foto: Test-Credit" in credits


def test_a_content_change_rebuilds_a_cached_section_at_once(
    anon_client, monkeypatch, section_template, settings
):
    from beko.core.services import content_changed

    settings.BEKO_RESPONSE_CACHE_SECONDS = 0  # the section cache, not the response cache
    calls = []
    providers = (_provider("Termine", order=10, calls=calls, cache_seconds=60),)
    monkeypatch.setattr(selectors, "home_section_providers", lambda: providers)
    anon_client.get("/")
    anon_client.get("/")
    assert calls.count("Termine") == 1
    content_changed()
    anon_client.get("/")
    assert calls.count("Termine") == 2
