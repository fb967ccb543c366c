"""Apps contribute to core's pages through registered providers, checked at start-up."""

import pytest
from django.core import checks

from beko.core import providers


def test_every_registered_provider_exists_and_accepts_its_call():
    registered = providers.registered()
    for point in providers.EXTENSION_POINTS:
        for label, provider in registered[point.name]:
            assert callable(provider), (point.name, label)
            assert providers.provider_problems(point, provider) is None, (point.name, label)


def test_the_apps_register_the_providers_the_docs_promise():
    registered = {
        name: sorted(label for label, _provider in entries)
        for name, entries in providers.registered().items()
    }
    assert registered == {
        "home_section": ["directory", "events", "guide", "news"],
        "report_charts": ["directory", "events", "inquiries"],
        "demo_data": ["core", "directory", "events", "faq", "inquiries", "news"],
        "staff_todos": ["core", "directory", "events", "inquiries"],
        "partner_home_section": ["directory", "events"],
        "audit_texts": ["core", "events", "faq", "inquiries"],
    }


def test_the_system_check_passes_with_the_real_providers():
    assert providers.check_providers() == []


@pytest.fixture
def clean_point(monkeypatch):
    point = providers.REPORT_CHARTS
    monkeypatch.setitem(providers._registry, point.name, list(providers._registry[point.name]))
    return point


def test_the_system_check_fails_on_a_provider_with_the_wrong_signature(clean_point):
    def report_charts(*, year):  # core passes period=
        return []

    providers.register(clean_point, report_charts, app="broken")
    errors = [e for e in checks.run_checks() if e.id == "core.E001"]
    assert len(errors) == 1
    assert "broken" in errors[0].msg and "report_charts" in errors[0].msg


def test_registering_twice_keeps_one_entry(clean_point):
    before = providers.providers(clean_point)
    providers.register(clean_point, before[0])
    assert providers.providers(clean_point) == before
