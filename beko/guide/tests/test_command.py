"""manage.py guide_evaluate prints the same JSON as the API."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("guide_evaluate", *args, stdout=out)
    return out.getvalue()


def test_json_output_equals_the_api_response(anon_client: Any) -> None:
    printed = json.loads(
        _run("--status", "duldung", "--months-in-germany", "40", "--country", "IQ",
             "--has-job-offer", "true", "--as-of", "2025-06-01", "--json")
    )  # fmt: skip
    api = anon_client.get(
        "/api/v1/guide/evaluate",
        {"status": "duldung", "months_in_germany": "40", "country": "IQ",
         "has_job_offer": "true", "as_of": "2025-06-01"},
    ).json()  # fmt: skip
    assert printed == api
    assert "beschaeftigungsduldung" in [route["id"] for route in printed["routes"]]


def test_text_output_lists_verdicts_and_citations() -> None:
    text = _run("--status", "recognised", "--as-of", "2026-11-25", "--lang", "en")
    assert "employment: allowed (BA: not_required)" in text
    assert "§ 4a Abs. 1 AufenthG" in text
    assert "not legal advice" in text


def test_invalid_option_names_the_option() -> None:
    with pytest.raises(CommandError, match="--months-in-germany"):
        _run("--status", "gestattung", "--months-in-germany", "lots")
