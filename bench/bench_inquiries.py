"""Inquiries: form submission throughput and the staff queue with 10,000 inquiries.

1. POST /kontakt/ (a valid inquiry, CSRF token from a real GET) under wrk -c16 against gunicorn
   with production settings; every request stores an inquiry and renders the confirmation mail
   (locmem backend: no network). The rate limits are lifted for the run via
   BEKO_INQUIRY_RATE_PER_IP/…_PER_ADDRESS; everything else is as in production. Success is a
   302 to the status page; any other status counts as an error.
2. GET /intern/inquiries/ as a staff member who passed the second factor, with 10,000
   inquiries in the database. (That the page needs a constant number of queries is asserted
   in beko/inquiries/tests/test_queue_queries.py, not here.)

Both next to the floor endpoint of the same gunicorn run. SQLite always; PostgreSQL too when
BEKO_PG_URL points at a reachable database.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    CONNECTIONS,
    DURATION,
    PYTHON,
    ROOT,
    _ms,
    bench_env,
    gunicorn,
    prepare_database,
    write_result,
    wrk,
)

QUEUE_SIZE = 10_000

SETUP_STAFF = """
import secrets
from datetime import timedelta
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from beko.accounts.models import Role, User
from beko.inquiries.models import Inquiry

user, _ = User.objects.get_or_create(username="bench-staff", defaults={"email": "bench@example.invalid", "role": Role.STAFF})
device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
missing = %(size)d - Inquiry.objects.count()
now = timezone.now()
if missing > 0:
    Inquiry.objects.bulk_create(
        [Inquiry(reference=f"BQ-{secrets.token_hex(5)}", status_token_hash=secrets.token_hex(32),
                 asker_type="volunteers", topic="work", question="Frage", email=f"q{i}@example.invalid",
                 created_at=now - timedelta(minutes=i), assignee=user if i %% 3 else None)
         for i in range(missing)], batch_size=2000)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "beko.accounts.backends.EmailOrUsernameBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.create()
print("SESSION=" + session.session_key)
"""


def _manage_shell(env: dict[str, str], code: str) -> str:
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return out.stdout


def _csrf(base: str) -> tuple[str, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/kontakt/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return cookie, token


def wrk_post(url: str, *, body: str, cookie: str) -> dict[str, Any]:
    """wrk with a Lua script for the POST; parsed like harness.wrk."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("benchmarks only ever target 127.0.0.1")
    lua = (
        f'wrk.method = "POST"\nwrk.body = {body!r}\n'.replace("'", '"')
        + 'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        + f'wrk.headers["Cookie"] = "csrftoken={cookie}"\n'
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", "-s", script.name, url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    result: dict[str, Any] = {
        "url": "/kontakt/ (POST)",
        "connections": CONNECTIONS,
        "seconds": DURATION,
    }
    result["requests_per_s"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    for pct in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.MULTILINE)
        if match:
            result[f"p{pct}_ms"] = round(_ms(match.group(1)), 2)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["non_2xx_or_3xx"] = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(r"Socket errors: (.*)", out)
    result["socket_errors"] = errors.group(1) if errors else ""
    return result


def _count(env: dict[str, str]) -> int:
    out = _manage_shell(
        env,
        "from beko.inquiries.models import Inquiry; print('N=%d' % Inquiry.objects.filter(channel='web').count())",
    )
    return int(re.search(r"N=(\d+)", out).group(1))  # type: ignore[union-attr]


def run(database: str, database_url: str) -> dict[str, Any]:
    env = bench_env(
        database_url,
        BEKO_INQUIRY_RATE_PER_IP="100000000/m",
        BEKO_INQUIRY_RATE_PER_ADDRESS="100000000/m",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PRIVATE_MEDIA_ROOT=str(ROOT / "var" / "bench-private"),
    )
    prepare_database(env, demo=False)
    session = re.search(
        r"SESSION=(\w+)", _manage_shell(env, SETUP_STAFF % {"size": QUEUE_SIZE})
    ).group(1)  # type: ignore[union-attr]
    with gunicorn(env) as base:
        floor_before = wrk(base + "/__bench__/floor")
        cookie, token = _csrf(base)
        body = urllib.parse.urlencode({
            "csrfmiddlewaretoken": token, "asker_type": "volunteers", "topic": "training",
            "question": "Darf eine Person mit Duldung bei uns eine Ausbildung beginnen?",
            "name": "Bench", "email": "bench@example.invalid", "consent": "on", "website": "",
            "action": "send",
        })  # fmt: skip
        before = _count(env)
        submit = wrk_post(base + "/kontakt/", body=body, cookie=cookie)
        submit["stored"] = _count(env) - before
        queue = _queue(base, session)
        floor_after = wrk(base + "/__bench__/floor")
    floor_rps = (floor_before["requests_per_s"] + floor_after["requests_per_s"]) / 2
    for data in (submit, queue):
        data["ratio_to_floor"] = round(data["requests_per_s"] / floor_rps, 3)
    return {
        "database": database,
        "floor": {"before": floor_before, "after": floor_after, "mean_rps": round(floor_rps, 1)},
        "endpoints": {"submit_inquiry": submit, "staff_queue_10000": queue},
        "errors": submit["non_2xx_or_3xx"] + queue["non_2xx"],
    }


def _queue(base: str, session: str) -> dict[str, Any]:
    lua = f'wrk.headers["Cookie"] = "sessionid={session}"\n'
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", "-s", script.name,
             base + "/intern/inquiries/?status=alle&page=7"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    result: dict[str, Any] = {"url": "/intern/inquiries/?status=alle&page=7", "connections": CONNECTIONS,
                              "seconds": DURATION, "inquiries": QUEUE_SIZE}  # fmt: skip
    result["requests_per_s"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    for pct in ("50", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.MULTILINE)
        if match:
            result[f"p{pct}_ms"] = round(_ms(match.group(1)), 2)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    return result


def _postgres_reachable(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=3):
            return True
    except Exception:  # any failure means: skip PostgreSQL
        return False


def main() -> None:
    database = ROOT / "var" / "bench-inquiries.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    runs = [run("sqlite", f"sqlite:///{database}")]
    pg_url = os.environ.get("BEKO_PG_URL", "")
    if pg_url and _postgres_reachable(pg_url):
        runs.append(run("postgresql", pg_url))
    write_result("inquiries", {"runs": runs})
    failed = [
        r["database"]
        for r in runs
        if r["errors"] or r["endpoints"]["submit_inquiry"]["socket_errors"]
    ]
    if failed:
        raise SystemExit(f"errors during the run on {failed}")


if __name__ == "__main__":
    main()
