"""Registration throughput under wrk -c16 against gunicorn on PostgreSQL, seat count verified.

Every request registers a new person (unique e-mail) for one event with 100 seats and four
parallel sessions of 25 (so the run also exercises the waiting list): the full path of a real registration – event row lock, occupancy
count, insert, confirmation mail queued after the commit (as in production, where
`manage.py db_worker` renders it with .ics and QR code and sends it).
Afterwards the database must hold exactly min(100, registrations) confirmed seats, no session
above its capacity, everybody else on the waiting list; otherwise the run fails.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
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

CAPACITY = 100
SESSION_CAPACITY = 25
CSRF = secrets.token_hex(16)  # an unmasked 32-character CSRF secret is a valid token

SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from beko.events.models import Event, ProgrammeItem, Venue
venue = Venue.objects.create(name="Bench-Saal", street="Teststr. 1", postcode="42103", district="elberfeld")
start = timezone.now() + timedelta(days=30)
event = Event.objects.create(title_de="Stadtgespräche Bench", slug="bench", category="network-meeting",
    status="published", venue=venue, starts_at=start, ends_at=start + timedelta(hours=5),
    registration_required=True, capacity=%(capacity)d, ask_dietary=True)
ids = [ProgrammeItem.objects.create(event=event, kind="session", starts_at=start, ends_at=start + timedelta(hours=1),
    title_de=f"Bezirk {n}", capacity=%(session)d).pk for n in range(4)]
print(json.dumps({"sessions": ids}))
"""

VERIFY = """
import json
from collections import Counter
from django.db.models import Count
from beko.events.models import Event, Registration
from django_tasks_db.models import DBTaskResult
event = Event.objects.get(slug="bench")
regs = Registration.objects.filter(event=event)
status = Counter(regs.values_list("status", flat=True))
sessions = {str(k): v for k, v in regs.filter(status="confirmed").values_list("session").annotate(n=Count("pk"))}
print(json.dumps({"total": regs.count(), "confirmed": status.get("confirmed", 0),
    "waiting": status.get("waiting", 0), "distinct_emails": regs.values("email").distinct().count(),
    "confirmed_per_session": sessions,
    "mails_queued": DBTaskResult.objects.filter(task_path__endswith="registration_mail").count()}))
"""

LUA = """
local n = 0
local sessions = {%(sessions)s}
function request()
  n = n + 1
  local body = "csrfmiddlewaretoken=%(csrf)s&name=Bench+Person&consent=on&dietary_wishes=vegan"
    .. "&email=t" .. tid .. "-" .. n .. "%%40bench.example"
    .. "&session=" .. sessions[(n %% #sessions) + 1]
  return wrk.format("POST", "/veranstaltungen/bench/anmelden/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=%(csrf)s",
  }, body)
end
"""

SETUP_LUA = """
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
"""


def _base_url() -> str:
    return os.environ.get("BEKO_PG_URL", "postgres://postgres@127.0.0.1:5432/beko")


def _database_name() -> str:
    """A database of its own, derived from BEKO_PG_URL: parallel checkouts never share one.

    BENCH_EVENTS_DB overrides it; the default checkout (database `beko`) keeps the old name.
    """
    if os.environ.get("BENCH_EVENTS_DB"):
        return os.environ["BENCH_EVENTS_DB"]
    name = urlsplit(_base_url()).path.lstrip("/") or "beko"
    return "beko_bench_events" if name == "beko" else f"{name}_bench_events"


DATABASE = _database_name()


def database_url() -> str:
    parts = urlsplit(_base_url())
    return urlunsplit(parts._replace(path=f"/{DATABASE}"))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def registration_env(url: str) -> dict[str, str]:
    """Production settings for the registration POST on `url` (bench and in-process profile)."""
    return bench_env(
        url,
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        # wrk sends everything from one address: the per-address limit is switched off.
        EVENTS_REGISTRATION_RATE_PER_IP="",
        # As in production: the confirmation mail (.ics, QR ticket) is a queued task that
        # `manage.py db_worker` sends after the commit, not work inside the request.
        TASKS_BACKEND="database",
    )


def shell(env: dict[str, str], code: str) -> dict:
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def wrk_post(base: str, script: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(
            ["wrk", "-t2", "-c16", f"-d{DURATION}s", "--latency", "-s", handle.name,
             base + "/veranstaltungen/bench/anmelden/"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(handle.name)
    result: dict = {"url": "veranstaltungen/bench/anmelden/ (POST)", "connections": 16,
                    "seconds": DURATION}  # fmt: skip
    result["requests_per_s"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    for pct in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.MULTILINE)
        if match:
            result[f"p{pct}_ms"] = round(_ms(match.group(1)), 2)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["non_2xx_3xx"] = int(non2xx.group(1)) if non2xx else 0
    return result


def main() -> None:
    url = database_url()
    recreate_database(url)
    env = registration_env(url)
    prepare_database(env, demo=False)
    sessions = shell(env, SETUP % {"capacity": CAPACITY, "session": SESSION_CAPACITY})["sessions"]
    script = SETUP_LUA + LUA % {"sessions": ", ".join(map(str, sessions)), "csrf": CSRF}
    with gunicorn(env) as base:
        floor_before = wrk(base + "/__bench__/floor")
        # The home page as a second reference: a database-backed page of the same site,
        # measured under the same (shared, noisy) machine load as the registrations.
        home = wrk(base + "/")
        detail = wrk(base + "/veranstaltungen/bench/")
        register = wrk_post(base, script)
        floor_after = wrk(base + "/__bench__/floor")
    counts = shell(env, VERIFY)
    floor_rps = (floor_before["requests_per_s"] + floor_after["requests_per_s"]) / 2
    total = counts["total"]
    exact = (
        counts["confirmed"] == min(CAPACITY, total)
        and counts["confirmed"] + counts["waiting"] == total
        and counts["distinct_emails"] == total
        and all(n <= SESSION_CAPACITY for n in counts["confirmed_per_session"].values())
        and sum(counts["confirmed_per_session"].values()) == counts["confirmed"]
        and register["non_2xx_3xx"] == 0
        and counts["mails_queued"] == total  # one confirmation per registration, none lost
    )
    for data in (home, detail, register):
        data["ratio_to_floor"] = round(data["requests_per_s"] / floor_rps, 3)
    if home["requests_per_s"]:
        register["ratio_to_home"] = round(register["requests_per_s"] / home["requests_per_s"], 3)
    write_result(
        "events",
        {
            "database": "postgresql",
            "floor": {
                "before": floor_before,
                "after": floor_after,
                "mean_rps": round(floor_rps, 1),
            },
            "endpoints": {"home": home, "event_detail": detail, "registration": register},
            "seats": {
                "capacity": CAPACITY,
                "session_capacity": SESSION_CAPACITY,
                **counts,
                "exact": exact,
            },
        },
    )
    if not exact:
        print(f"seat count NOT exact: {counts}", file=sys.stderr)
        sys.exit(1)
    print(f"registrations: {register['requests_per_s']} req/s, seats exact: {counts}")


if __name__ == "__main__":
    main()
