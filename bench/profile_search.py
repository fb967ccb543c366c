"""In-process profile of the search cold path (no cached results): per query the time of
`offer_search` with and without facets, the SQL it runs and, with --explain, the plans.

    DATABASE_URL=sqlite:///var/bench-search.sqlite3 .venv/bin/python bench/profile_search.py
    ... --query "q=Deutschkurs" --sql --explain --cprofile
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beko.settings")
os.environ["BEKO_SEARCH_CACHE_SECONDS"] = "0"


def main() -> None:
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--query", action="append", help="a query string as in the bench")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sql", action="store_true", help="print each SQL query with its time")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--no-facets", action="store_true")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="a new database connection per run, as a request with CONN_MAX_AGE=0 (SQLite)",
    )
    args = parser.parse_args()
    django.setup()
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from beko.core.search import backends
    from beko.directory import selectors
    from bench.bench_search import SEARCHES

    queries = args.query or SEARCHES

    def filters_for(qs: str) -> selectors.OfferFilters:
        params = dict(urllib.parse.parse_qsl(qs))
        flags = {k: params.pop(k) == "true" for k in ("free",) if k in params}
        params.pop("facets", None)
        return selectors.OfferFilters(**params, **flags)

    def cold(qs: str, facets: bool) -> float:
        cache.clear()
        backends.clear_vocabulary_cache()
        if args.fresh:
            connection.close()
        started = time.perf_counter()
        selectors.offer_search(filters=filters_for(qs), with_facets=facets, with_hours=True)
        return (time.perf_counter() - started) * 1000

    modes = [False] if args.no_facets else [False, True]
    for qs in queries:
        line = [f"{urllib.parse.unquote_plus(qs):45}"]
        for facets in modes:
            times = sorted(cold(qs, facets) for _ in range(args.repeat))
            line.append(f"{'facets' if facets else 'plain'} {times[len(times) // 2]:7.1f} ms")
        print("  ".join(line), flush=True)
        if args.sql or args.explain:
            cache.clear()
            backends.clear_vocabulary_cache()
            with CaptureQueriesContext(connection) as ctx:
                selectors.offer_search(filters=filters_for(qs), with_facets=True, with_hours=True)
            for q in ctx.captured_queries:
                print(f"  {q['time']}s  {q['sql'][:300]}")
        if args.cprofile:
            import cProfile
            import pstats

            cache.clear()
            backends.clear_vocabulary_cache()
            prof = cProfile.Profile()
            prof.enable()
            selectors.offer_search(filters=filters_for(qs), with_facets=True, with_hours=True)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        reset_queries()


if __name__ == "__main__":
    main()
