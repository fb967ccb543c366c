"""Home page throughput under wrk -c16 against gunicorn (SQLite, demo data)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    ROOT,
    bench_env,
    gunicorn,
    measure_with_floor,
    prepare_database,
    write_result,
)


def main() -> None:
    database = ROOT / "var" / "bench-home.sqlite3"
    env = bench_env(f"sqlite:///{database}")
    prepare_database(env)
    with gunicorn(env) as base:
        result = measure_with_floor(base, {"home": "/", "home_en": "/en/"})
    write_result("home", {"database": "sqlite", **result})


if __name__ == "__main__":
    main()
