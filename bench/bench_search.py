"""Search benchmark: 100,000 synthetic offers on SQLite and PostgreSQL.

For each database: p50/p95 latency of 20 typical API searches (one client, sequential
requests; the first request of each query is reported apart as `cold`, the repeats are
served from the search result cache in Redis as in production), then wrk -c16 throughput of the list page and of GET /api/v1/offers?q=… next to the
server floor. The generated databases are kept (var/bench-search.sqlite3 and PostgreSQL
`<name of BEKO_PG_URL>_bench`) so later runs skip the ~2 minutes of data generation; delete them to rebuild.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, bench_env, gunicorn, manage, measure_with_floor, write_result

RESULTS_FILE = ROOT / "bench" / "results" / "search.json"
COUNT = int(os.environ.get("BENCH_OFFERS", "100000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "10"))
PG_URL = os.environ.get("BEKO_PG_URL", "postgres://postgres@127.0.0.1:5432/beko")
# Each checkout benchmarks its own database: BEKO_PG_URL=…/beko_me gives beko_me_bench
# (…/beko gives beko_bench as before); a name that already ends in _bench is used as is.
_PG_BASE, _PG_NAME = PG_URL.rsplit("/", 1)
PG_BENCH_NAME = _PG_NAME if _PG_NAME.endswith("_bench") else f"{_PG_NAME}_bench"
PG_BENCH_URL = f"{_PG_BASE}/{PG_BENCH_NAME}"
REDIS_URL = os.environ.get("BEKO_REDIS_URL", "redis://127.0.0.1:6379")
# BENCH_REDIS_DB=5 runs both databases against Redis database 5 (parallel checkouts each get
# their own); by default SQLite uses 9 and PostgreSQL 10.
REDIS_DB = os.environ.get("BENCH_REDIS_DB")

SEARCHES = [
    "q=Deutschkurs",
    "q=Deutschkurs+f%C3%BCr+Frauen+Barmen",
    "q=Bewerbungshilfe",
    "q=Beratung+Anerkennung+Abschluss",
    "q=Sprachcaf%C3%A9",
    "q=Integrationskurse",
    "q=Schuldnerberatung",
    "q=Wohnung",
    "q=Kita",
    "q=Jobcoaching",
    "q=Schuldnerbratung",
    "q=Migrationsberatung&district=elberfeld",
    "q=Frauen+Kinderbetreuung",
    "q=Rechtsberatung+Duldung",
    "q=Hausaufgabenhilfe&language=ar",
    "q=Ausbildung+Pflege",
    "q=Fahrradwerkstatt",
    "q=Patenschaften&target_group=volunteers",
    "q=Computerkurs&free=true",
    "q=Sprache&facets=true",
]


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(tz=UTC).isoformat(timespec="seconds")


def _count_offers(env: dict[str, str]) -> int:
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from beko.directory.models import Offer; print(Offer.objects.count())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return int(out.strip().splitlines()[-1])


def prepare(env: dict[str, str]) -> float:
    """Migrate and generate the offers once; returns the generation time (0 if reused)."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    have = _count_offers(env)
    if have >= COUNT:
        return 0.0
    started = time.monotonic()
    manage(env, "generate_offers", "--count", str(COUNT - have))
    return round(time.monotonic() - started, 1)


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return round(ordered[index], 2)


def _timed_get(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        assert response.status == 200
    return (time.perf_counter() - started) * 1000, body


def warm_workers(base: str) -> None:
    """Bring every gunicorn worker past its first request (imports, URL resolver, templates,
    connections) with concurrent requests that are not among the measured ones."""
    from concurrent.futures import ThreadPoolExecutor

    # A different query per request: a repeated one is a response-cache hit after the first
    # and would leave the other workers without their first search (the compound lexicon,
    # some 25 MB, loads on it), which then landed in the `cold` figures.
    urls = [
        url
        for i in range(12)
        for url in (f"{base}/api/v1/offers?q=Warmlaufen+{i}", f"{base}/angebote/?q=Warmlaufen+{i}")
    ] + [f"{base}/"] * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda u: urllib.request.urlopen(u, timeout=60).read(), urls))


def latency(base: str) -> dict[str, Any]:
    """Per query: the first request (the result cache is empty: `cold`), then REPEAT more
    (served from the search result cache, as paging and facet clicks are)."""
    samples: list[float] = []
    cold: list[float] = []
    per_query = {}
    for query in SEARCHES:
        url = f"{base}/api/v1/offers?{query}"
        first, _ = _timed_get(url)
        cold.append(first)
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=30) as response:
                body = response.read()
                assert response.status == 200
            times.append((time.perf_counter() - started) * 1000)
        samples.extend(times)
        count = int(body.split(b'"count":', 1)[1].split(b",", 1)[0])
        per_query[urllib.parse.unquote_plus(query)] = {
            "cold_ms": round(first, 2), "p50_ms": _percentile(times, 50),
            "p95_ms": _percentile(times, 95), "results": count,
        }  # fmt: skip
    return {
        "requests": len(samples),
        "p50_ms": _percentile(samples, 50),
        "p95_ms": _percentile(samples, 95),
        "mean_ms": round(statistics.fmean(samples), 2),
        "cold": {
            "note": "first request of each query after emptying the cache (no cached result)",
            "requests": len(cold),
            "p50_ms": _percentile(cold, 50),
            "p95_ms": _percentile(cold, 95),
        },
        "per_query": per_query,
    }


def _redis_url(db: int) -> str:
    """Production caches in Redis (shared by the workers); one Redis database per benchmark
    database, emptied before each run so the first request of every query is cold."""
    import redis

    url = f"{REDIS_URL.rstrip('/')}/{REDIS_DB or db}"
    redis.Redis.from_url(url).flushdb()
    return url


def run(name: str, database_url: str, redis_db: int) -> dict[str, Any]:
    env = bench_env(database_url)
    generated = prepare(env)
    env["REDIS_URL"] = _redis_url(redis_db)
    with gunicorn(env) as base:
        warm_workers(base)
        searches = latency(base)
        throughput = measure_with_floor(
            base,
            {"list_page": "/angebote/?q=Deutschkurs", "api_search": "/api/v1/offers?q=Deutschkurs"},
        )
    return {"database": name, "offers": _count_offers(env), "generation_seconds": generated,
            "cache": "redis", "searches": searches, **throughput}  # fmt: skip


def ensure_pg_database() -> None:
    import psycopg

    admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [PG_BENCH_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{PG_BENCH_NAME}"')


def main() -> None:
    # BENCH_DATABASES=sqlite (or postgresql) measures one database and keeps the other's
    # figures from the previous run in the same file.
    wanted = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    previous = (RESULTS_FILE.exists() and json.loads(RESULTS_FILE.read_text())) or {}
    results: dict[str, Any] = {"targets": {"postgresql_p95_ms": 50, "sqlite_p95_ms": 80}}
    for db in ("sqlite", "postgresql"):
        if db not in wanted and db in previous:
            results[db] = previous[db]
    if "sqlite" in wanted:
        sqlite_file = ROOT / "var" / "bench-search.sqlite3"
        results["sqlite"] = {"measured_at": _now(), **run("sqlite", f"sqlite:///{sqlite_file}", 9)}
    if "postgresql" in wanted:
        ensure_pg_database()
        results["postgresql"] = {"measured_at": _now(), **run("postgresql", PG_BENCH_URL, 10)}
    write_result("search", results)
    for db in ("sqlite", "postgresql"):
        if db not in results:
            continue
        s = results[db]["searches"]
        e = results[db]["endpoints"]
        print(f"{db}: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms (cold p50 {s['cold']['p50_ms']}, "
              f"p95 {s['cold']['p95_ms']}); list page {e['list_page']['requests_per_s']} req/s, "
              f"API {e['api_search']['requests_per_s']} req/s (floor {results[db]['floor']['mean_rps']})")  # fmt: skip


if __name__ == "__main__":
    main()
