"""The step form and the result page, with and without JavaScript (htmx)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.django_db

START = "/wege-in-arbeit/"
RESULT = "/wege-in-arbeit/ergebnis/"
SITUATION = {
    "status": "gestattung",
    "months_in_germany": "4",
    "country": "AF",
    "reception_centre": "false",
    "has_job_offer": "on",
    "as_of": "2025-06-01",
}


def test_start_page_asks_only_for_the_residence_paper_first(anon_client: Any) -> None:
    response = anon_client.get(START)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="status"' in html
    assert 'name="months_in_germany"' not in html
    assert 'name="step" value="2"' in html


def test_without_javascript_the_next_step_shows_the_questions_for_the_status(
    anon_client: Any,
) -> None:
    html = anon_client.get(START, {"status": "gestattung", "step": "2"}).content.decode()
    assert 'name="months_in_germany"' in html
    assert 'name="reception_centre"' in html
    assert 'name="identity_clarified"' not in html  # asked for Duldung, not for Gestattung
    assert f'formaction="{RESULT}"' in html


def test_recognised_refugees_are_asked_for_the_permit_date_not_the_reception_centre(
    anon_client: Any,
) -> None:
    html = anon_client.get(START, {"status": "recognised", "step": "2"}).content.decode()
    assert 'name="first_permit_on"' in html
    assert 'name="reception_centre"' not in html
    assert 'name="has_job_offer"' in html


def test_htmx_request_gets_only_the_questions_fragment(anon_client: Any) -> None:
    response = anon_client.get(START, {"status": "duldung"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert 'name="identity_clarified"' in html


def test_next_step_without_a_status_asks_for_it(anon_client: Any) -> None:
    html = anon_client.get(START, {"step": "2"}).content.decode()
    assert 'role="alert"' in html


def test_result_redirects_to_one_short_canonical_address(anon_client: Any) -> None:
    response = anon_client.get(RESULT, {**SITUATION, "age": "", "step": "2"})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query == {
        "status": ["gestattung"],
        "as_of": ["2025-06-01"],
        "months_in_germany": ["4"],
        "country": ["AF"],
        "reception_centre": ["false"],
        "has_job_offer": ["true"],
    }


def test_result_without_date_fixes_todays_date_in_the_address(anon_client: Any) -> None:
    response = anon_client.get(RESULT, {"status": "recognised"})
    assert response.status_code == 302
    assert "as_of=" in response["Location"]


def test_result_page_shows_verdicts_explanations_and_folded_legal_detail(
    anon_client: Any,
) -> None:
    response = anon_client.get(RESULT, SITUATION, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nur mit Erlaubnis der Ausländerbehörde" in html
    assert "Nicht erlaubt" in html  # self-employment
    assert "<details>" in html and "Rechtsgrundlage" in html
    assert "https://www.gesetze-im-internet.de/asylvfg_1992/__61.html" in html
    assert "keine Rechtsberatung" in html
    assert '<meta name="robots" content="noindex">' in html


def test_result_page_stores_nothing_about_the_person(anon_client: Any) -> None:
    from django.contrib.sessions.models import Session

    response = anon_client.get(RESULT, SITUATION, follow=True)
    assert response.cookies == {}
    assert not Session.objects.exists()


def test_result_page_in_english_shows_english_explanations(anon_client: Any) -> None:
    html = anon_client.get("/en" + RESULT, SITUATION, follow=True).content.decode()
    assert '<html lang="en"' in html
    assert re.search(
        r'authority \(<span lang="de"[^>]*>Ausländerbehörde</span>\) can permit a job', html
    )


def test_result_page_in_arabic_falls_back_to_german_texts_marked_as_german(
    anon_client: Any, guide_texts_missing_in: Any
) -> None:
    guide_texts_missing_in("ar")
    html = anon_client.get("/ar" + RESULT, SITUATION, follow=True).content.decode()
    assert 'dir="rtl"' in html
    assert '<p lang="de" dir="ltr">' in html


def test_print_view_opens_all_legal_details(anon_client: Any) -> None:
    response = anon_client.get("/wege-in-arbeit/ergebnis/drucken/", SITUATION, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<details open>" in html
    assert "guide-print" in html


def test_invalid_result_input_shows_the_form_with_an_error(anon_client: Any) -> None:
    response = anon_client.get(RESULT, {"status": "gestattung", "months_in_germany": "-3"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"status": "<script>alert(1)</script>"},
        {"status": "recognised", "country": "' OR 1=1 --"},
        {"status": "recognised", "age": "\u202e12"},
        {"status": "recognised", "as_of": "2025-13-45"},
    ],
)
def test_hostile_result_input_is_refused_and_not_echoed_as_markup(
    anon_client: Any, params: dict[str, str]
) -> None:
    response = anon_client.get(RESULT, params)
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_result_shows_an_empty_state_while_the_directory_has_no_offers(anon_client: Any) -> None:
    html = anon_client.get(RESULT, SITUATION, follow=True).content.decode()
    assert "Zum Angebotsverzeichnis" in html


@pytest.fixture
def directory_selector(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Any], None]]:
    """Install a stand-in for beko.directory.selectors.offers_for_guide."""
    import types

    from beko.guide import selectors

    def install(finder: Any) -> None:
        fake = types.SimpleNamespace(offers_for_guide=finder)
        monkeypatch.setattr(selectors, "find_spec", lambda name: object())
        monkeypatch.setattr(selectors, "import_module", lambda name: fake)
        selectors._directory_finder.cache_clear()

    yield install
    selectors._directory_finder.cache_clear()


def test_result_lists_matching_offers_from_the_directory_selector(
    anon_client: Any, directory_selector: Callable[[Any], None]
) -> None:
    calls: list[dict[str, Any]] = []

    def offers_for_guide(**kwargs: Any) -> list[dict[str, str]]:
        calls.append(kwargs)
        return [{"title": "Migrationsberatung Elberfeld", "url": "/angebote/1/"}]

    directory_selector(offers_for_guide)
    html = anon_client.get(RESULT, SITUATION, follow=True).content.decode()
    assert "Migrationsberatung Elberfeld" in html
    assert calls[0]["residence_status"] == "gestattung"
    assert "migration_counselling" in calls[0]["tags"]


def test_a_failing_directory_selector_does_not_break_the_result(
    anon_client: Any, directory_selector: Callable[[Any], None]
) -> None:
    def broken(**kwargs: Any) -> list[Any]:
        raise RuntimeError("directory down")

    directory_selector(broken)
    response = anon_client.get(RESULT, SITUATION, follow=True)
    assert response.status_code == 200


def test_english_interface_strings_are_translated(anon_client: Any) -> None:
    html = anon_client.get("/en" + START, {"status": "duldung", "step": "2"}).content.decode()
    assert "Step 1: Residence document" in html
    assert "Show result" in html


def test_home_page_points_to_the_guide(anon_client: Any) -> None:
    html = anon_client.get("/").content.decode()
    assert 'id="guide-home-title"' in html
    assert f'href="{START}"' in html


def test_every_english_interface_string_of_the_guide_is_translated() -> None:
    from pathlib import Path

    import polib

    catalogue = Path(__file__).resolve().parents[1] / "locale/en/LC_MESSAGES/django.po"
    assert polib.pofile(str(catalogue)).percent_translated() == 100
