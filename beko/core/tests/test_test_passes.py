"""The PostgreSQL pass of `make test` runs only the tests that touch the database
(conftest.py, `BEKO_TEST_DATABASE_ONLY=1`); the SQLite pass runs everything."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# A module with DB-free tests and one whose tests all reach the database (django_db mark,
# fixtures that need `db`).
FILES = ["beko/core/tests/test_sanitize.py", "beko/core/tests/test_legal_pages.py"]


def _collected(database_only: bool) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST")}
    env.pop("BEKO_TEST_DATABASE_ONLY", None)
    if database_only:
        env["BEKO_TEST_DATABASE_ONLY"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", *FILES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_the_database_only_pass_leaves_out_exactly_the_tests_without_database_access():
    everything = _collected(database_only=False)
    database_only = _collected(database_only=True)

    sanitiser = {t for t in everything if t.startswith(FILES[0])}
    legal = {t for t in everything if t.startswith(FILES[1])}
    assert sanitiser and legal
    # The sanitiser tests need no database: left out. Every legal-page test reads pages from
    # the database: all kept, including the one that asks for `db` only through a fixture.
    assert database_only == legal
