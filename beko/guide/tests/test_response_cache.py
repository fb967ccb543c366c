"""The guide's answers come from the response cache like every public answer, yet every
answer — fresh, cached or `304` — is counted in the rule usage (hit hook)."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest

from beko.core.lib import response_cache
from beko.core.services import content_changed
from beko.guide.models import RuleUsage

API = "/api/v1/guide/evaluate?status=recognised&as_of=2025-06-01"
PAGE = "/wege-in-arbeit/ergebnis/?status=recognised&as_of=2025-06-01"
RULE = "employment.title.section_4a"  # used for a recognised refugee


def _usage(rule_id: str = RULE) -> int:
    row = RuleUsage.objects.filter(rule_id=rule_id).first()
    return row.count if row else 0


@pytest.mark.parametrize("url", [API, PAGE])
def test_cached_answers_are_counted_like_fresh_ones(
    anon_client: Any, usage_counted_at_once: None, url: str
) -> None:
    first = anon_client.get(url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    second = anon_client.get(url)
    third = anon_client.get(url)
    assert second["X-Cache"] == third["X-Cache"] == "hit"
    assert second.content == first.content
    assert _usage() == 3
    assert _usage("employment.duldung_unclear_identity") == 0


def test_not_modified_answers_are_counted(anon_client: Any, usage_counted_at_once: None) -> None:
    etag = anon_client.get(API)["ETag"]
    again = anon_client.get(API, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert _usage() == 2


def test_answers_are_cached_per_language(anon_client: Any, usage_counted_at_once: None) -> None:
    german = anon_client.get(API)
    arabic = anon_client.get(API + "&lang=ar")
    assert arabic["X-Cache"] == "miss"
    assert german.content != arabic.content
    assert arabic["Content-Language"] == "ar"
    assert anon_client.get(API, HTTP_ACCEPT_LANGUAGE="uk")["Content-Language"] == "uk"
    assert anon_client.get(API)["Content-Language"] == "de"


def test_a_content_change_recomputes_the_answer(
    anon_client: Any, usage_counted_at_once: None
) -> None:
    anon_client.get(API)
    content_changed()
    assert anon_client.get(API)["X-Cache"] == "miss"
    assert _usage() == 2


def test_invalid_input_is_never_cached(anon_client: Any, usage_counted_at_once: None) -> None:
    for _ in range(2):
        response = anon_client.get("/api/v1/guide/evaluate?status=nonsense")
        assert response.status_code == 400
        assert response.get("X-Cache") != "hit"
    assert _usage() == 0


def test_an_unregistered_hook_fails_loudly(rf: Any) -> None:
    request: HttpRequest = rf.get("/")
    with pytest.raises(LookupError):
        response_cache.count_on_hit(request, "no.such.hook", ["x"])


def test_a_failing_hook_does_not_break_the_answer(
    anon_client: Any, usage_counted_at_once: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    anon_client.get(API)

    def broken(payload: Any) -> None:
        raise RuntimeError("counter store down")

    monkeypatch.setitem(response_cache._hit_hooks, "guide.rule_usage", broken)
    response = anon_client.get(API)
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"
