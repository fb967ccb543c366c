"""Shared by the apps' `test_list_queries.py`: SQL queries of a page, cold and warm.

A list needs as many queries for 12 items as for 2 (no N+1); the tests compare the counts
these helpers return, never a magic number.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries(client: Any, url: str) -> tuple[tuple[int, int], Any]:
    """Queries with the shared caches emptied (cold) and of the warm request after it. One
    request first fills what a process keeps for good (content types, URL resolvers)."""
    client.get(url)
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    return (len(cold.captured_queries), len(warm.captured_queries)), response


def counts(client: Any, urls: list[str]) -> dict[str, tuple[int, int]]:
    return {url: queries(client, url)[0] for url in urls}
