"""Search quality: success@5 and nDCG@10 of the query corpus on SQLite and PostgreSQL.

Runs the corpus test (beko/directory/tests/test_search_quality.py: its own data set and
203 queries in German, six other languages, with typos and compounds) once per database
and writes the figures, per kind of query and with every miss, to
bench/results/search_quality.json. Quality, not speed: the latency of the same search
at 100,000 offers is bench_search.py's job.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, write_result

PG_URL = os.environ.get("BEKO_PG_URL", "postgres://postgres@127.0.0.1:5432/beko")
TEST = "beko/directory/tests/test_search_quality.py::test_search_quality_stays_above_the_bar"


def measure(database: str, database_url: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        env = {**os.environ, "BEKO_ENV": "test", "BEKO_SEARCH_QUALITY_REPORT": str(report)}
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        # The test fails below the bar but still writes the figures: report them either way.
        completed = subprocess.run(
            [sys.executable, "-m", "pytest", TEST, "-q", "-p", "no:randomly"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if not report.exists():
            print(completed.stdout[-3000:], completed.stderr[-3000:])
            raise SystemExit(f"{database}: the corpus test did not run")
        figures: dict[str, Any] = json.loads(report.read_text())
        figures["passed"] = completed.returncode == 0
        return {"database": database, **figures}


def main() -> None:
    results = {
        "targets": {"success_at_5_min": 0.95},
        "sqlite": measure("sqlite", None),
        "postgresql": measure("postgresql", PG_URL),
    }
    write_result("search_quality", results)
    for db in ("sqlite", "postgresql"):
        r = results[db]
        print(f"{db}: success@5 {r['success_at_5']}, nDCG@10 {r['ndcg_at_10']} "
              f"({r['queries']} queries, {len(r['misses'])} misses)")  # fmt: skip
    if not (results["sqlite"]["passed"] and results["postgresql"]["passed"]):
        raise SystemExit("search quality below the bar (see bench/results/search_quality.json)")


if __name__ == "__main__":
    main()
