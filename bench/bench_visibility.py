"""In-process cost of the public-visibility rule (issue 17): the queries built on
`offers_public()` — one offer's page, the list page without a query, organisation counts —
timed in this process against a database filled by `manage.py generate_offers`.

    DATABASE_URL=postgres://…/beko_vis python bench/bench_visibility.py after

The label ("before", "after") names the run inside bench/results/visibility.json, so a run
on an older checkout (started from that checkout's directory: the code under test is the one
in the working directory) and one on this branch sit side by side. The floor, measured in the
same run, is a primary-key lookup of one offer's id: ratios to it are what compare across
runs on a busy machine. On PostgreSQL the plans (EXPLAIN ANALYZE) are recorded too.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

RESULT = Path(__file__).resolve().parent / "results" / "visibility.json"
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def timed(work: Callable[[], object]) -> dict[str, float]:
    work()  # warm: connection, statement and Python caches
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 3),
        "p90_ms": round(samples[int(len(samples) * 0.9) - 1], 3),
    }


def main(label: str) -> None:
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beko.settings")
    import django

    django.setup()
    from django.db import connection

    from beko.directory.models import Offer
    from beko.directory.selectors import (
        OfferFilters,
        offer_public_detail,
        offer_search,
        offers_public,
        organisations_public,
    )

    visible = list(offers_public().order_by("pk").values_list("pk", flat=True))
    pk = visible[len(visible) // 2]
    page = offers_public().order_by("title", "pk")
    cases: dict[str, Callable[[], object]] = {
        "floor_pk_lookup": lambda: list(Offer.objects.filter(pk=pk).values_list("pk")),
        "single_visible_check": lambda: offers_public().filter(pk=pk).exists(),
        "single_offer_page": lambda: offer_public_detail(pk=pk),
        "list_count": lambda: offers_public().count(),
        "list_first_page": lambda: list(page[:20]),
        "list_page_with_facets": lambda: offer_search(filters=OfferFilters()),
        "organisations_public_counts": lambda: list(organisations_public()[:50]),
    }
    measured = {name: timed(work) for name, work in cases.items()}
    floor = measured["floor_pk_lookup"]["median_ms"]
    for data in measured.values():
        data["ratio_to_floor"] = round(data["median_ms"] / floor, 2)
    plans: dict[str, str] = {}
    if connection.vendor == "postgresql":
        for name, queryset in {
            "single_visible_check": offers_public().filter(pk=pk),
            "list_count": offers_public().order_by().values("pk"),
            "list_first_page": page[:20],
        }.items():
            plans[name] = queryset.explain(analyze=True)
    runs = json.loads(RESULT.read_text()) if RESULT.exists() else {"runs": {}}
    runs["runs"][label] = {
        "measured_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "offers": Offer.objects.count(),
        "public_offers": len(visible),
        "repeat": REPEAT,
        "cases": measured,
        "plans": plans,
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(runs, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(measured, indent=1))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "run")
