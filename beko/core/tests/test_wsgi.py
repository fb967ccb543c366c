"""What the WSGI module prepares before gunicorn forks its workers (preload_app)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import gc, json, sys
import beko.wsgi
from beko.core.search import concepts, text
frozen, tracked = gc.get_freeze_count(), len(gc.get_objects())
from django.core.cache import caches
caches["default"].set("wsgi-probe", 1)
print(json.dumps({
    "lexicon": text.lexicon.cache_info().currsize,
    "concepts": concepts._load.cache_info().currsize,
    "modules": sorted(m for m in ("redis", "beko.urls", "beko.directory.api") if m in sys.modules),
    "frozen": frozen,
    "tracked": tracked,
    "cache_works": caches["default"].get("wsgi-probe") == 1,
}))
"""


@pytest.fixture(scope="module")
def prepared() -> dict[str, object]:
    """A fresh interpreter that imports beko.wsgi, as gunicorn's master does, with the
    production cache (Redis; the probe uses a database of its own)."""
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/14"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=180,
        env=env,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def test_the_search_vocabularies_are_loaded_before_any_request(prepared: dict) -> None:
    """The lexicon and the concept dictionary (about 1.2 s) load in the master, not in a
    worker's first search."""
    assert (prepared["lexicon"], prepared["concepts"]) == (1, 1)


def test_the_views_and_the_cache_client_are_imported_before_any_request(prepared: dict) -> None:
    """The URLconf with every view module, and the Redis client library: a worker would
    import them on its first request, and they would stay in its collector's view."""
    assert prepared["modules"] == ["beko.directory.api", "beko.urls", "redis"]


def test_what_the_master_loaded_is_out_of_the_garbage_collectors_view(prepared: dict) -> None:
    """gc.freeze(): a full collection in a worker walks only what the worker made, not the
    ~100,000 objects of the app and the vocabularies (50-150 ms pauses in random requests
    before). Frozen objects are not in any generation: only the probe's own are left."""
    assert prepared["frozen"] > 50_000
    assert prepared["tracked"] < prepared["frozen"] / 20


def test_the_cache_still_connects_after_the_preparation(prepared: dict) -> None:
    """The cache client built in the master is not the one requests use; the cache works."""
    assert prepared["cache_works"] is True
