"""In-process profile of the registration POST: the WSGI application with production settings
on PostgreSQL, called directly (no gunicorn, no wrk), one registration after another.

Prints the CPU time per registration in this process (Python, psycopg) and the wall time,
optionally the SQL of one registration and a cProfile of all of them:

    BEKO_PG_URL=postgres://postgres@127.0.0.1:5432/beko_prof .venv/bin/python \
        bench/profile_events.py -n 600 [--sql] [--cprofile]

The database `<name>_profile_events` is recreated on every run.
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_events import (  # noqa: E402
    CAPACITY,
    SESSION_CAPACITY,
    SETUP,
    recreate_database,
    registration_env,
)
from bench.harness import prepare_database  # noqa: E402


def _database_url() -> str:
    base = os.environ.get("BEKO_PG_URL", "postgres://postgres@127.0.0.1:5432/beko")
    parts = urlsplit(base)
    name = (parts.path.lstrip("/") or "beko") + "_profile_events"
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=600, help="registrations to measure")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one registration")
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--top", type=int, default=45)
    args = parser.parse_args()

    url = _database_url()
    recreate_database(url)
    env = registration_env(url)
    prepare_database(env, demo=False)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "beko.settings"
    import json
    import logging

    import django

    django.setup()
    logging.getLogger("beko.request").setLevel(logging.WARNING)
    from django.core.wsgi import get_wsgi_application

    out = io.StringIO()
    code = SETUP % {"capacity": CAPACITY, "session": SESSION_CAPACITY}
    import contextlib

    with contextlib.redirect_stdout(out):
        exec(code, {})  # noqa: S102 - the benchmark's own set-up code
    sessions = json.loads(out.getvalue().strip().splitlines()[-1])["sessions"]

    app = get_wsgi_application()
    csrf = secrets.token_hex(16)
    counter = 0

    def register() -> int:
        nonlocal counter
        counter += 1
        body = (
            f"csrfmiddlewaretoken={csrf}&name=Bench+Person&consent=on&dietary_wishes=vegan"
            f"&email=p-{counter}%40bench.example&session={sessions[counter % len(sessions)]}"
        ).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/veranstaltungen/bench/anmelden/",
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1:8000",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_COOKIE": f"csrftoken={csrf}",
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        status: list[str] = []
        result = app(environ, lambda s, h, exc_info=None: status.append(s))
        b"".join(result)
        if hasattr(result, "close"):
            result.close()
        return int(status[0].split()[0])

    for _ in range(20):  # warm-up: connections, templates, caches
        assert register() == 302
    if args.sql:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            register()
        for query in ctx.captured_queries:
            print(f"{query['time']}s  {query['sql'][:200]}")
        print(f"{len(ctx.captured_queries)} queries")

    profiler = None
    if args.cprofile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(args.n):
        status = register()
        if status != 302:
            raise SystemExit(f"registration answered {status}")
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if profiler is not None:
        import pstats

        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    print(
        f"{args.n} registrations: CPU in this process {cpu / args.n * 1000:.2f} ms each, "
        f"wall {wall / args.n * 1000:.2f} ms each"
    )


if __name__ == "__main__":
    main()
