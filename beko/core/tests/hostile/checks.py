"""What every answer to hostile input must look like."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpResponse

# The visible error on a page: the error page's heading, a form's error list or an alert.
_HTML_ERROR = re.compile(r'errorlist|role="alert"|class="[^"]*error|<h1[^>]*>', re.IGNORECASE)
_HTML_LANG = re.compile(r'<html[^>]*\blang="(?P<lang>[a-z-]+)"')


def problems_with(response: HttpResponse, *, language: str | None, payload: Any) -> list[str]:
    """Why `response` is not an acceptable answer to a hostile request ([] if it is)."""
    status = response.status_code
    label = f"{status} for {payload!r:.40}"
    if status >= 500:
        return [label]
    if not 400 <= status < 500:
        return []
    content_type = response.get("Content-Type", "")
    body = response.content.decode("utf-8", "replace")
    if language is None:  # the API
        if not content_type.startswith("application/problem+json"):
            return [f"{label}: {content_type}, not problem+json"]
        detail = response.json().get("detail")
        return [] if detail else [f"{label}: problem without detail"]
    if not content_type.startswith("text/html"):
        return []  # feeds and calendar files answer 4xx in their own format
    problems = []
    match = _HTML_LANG.search(body)
    if match is None or match.group("lang") != language:
        problems.append(f"{label}: page not in {language!r}")
    if not _HTML_ERROR.search(body):
        problems.append(f"{label}: no visible error message")
    return problems
