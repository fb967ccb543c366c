"""Home page and offer page throughput under wrk -c16 against gunicorn (SQLite, demo data).

The offer page carries the "Fehler melden" form with a CSRF token: the response cache keeps it
as a template and fills in each visitor's token, so it is measured next to the home page.
"""

from __future__ import annotations

import re
import sys
import urllib.request
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
        with urllib.request.urlopen(base + "/angebote/?sort=name", timeout=60) as response:
            offer = re.search(r'href="(/angebote/\d+/)"', response.read().decode())
        if offer is None:
            raise SystemExit("no offer on /angebote/ – is the demo data loaded?")
        paths = {"home": "/", "home_en": "/en/", "offer_page": offer.group(1)}
        result = measure_with_floor(base, paths)
    write_result("home", {"database": "sqlite", **result})


if __name__ == "__main__":
    main()
