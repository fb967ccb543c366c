"""Shared benchmark harness: gunicorn + wrk on loopback, with a floor measured in the same run.

Machines are shared and noisy, so every throughput figure is reported next to the floor: a
minimal Django JSON view without database (`/__bench__/floor`) served by the same gunicorn
with the same settings. The ratio endpoint/floor is the number to compare across runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 16


def bench_env(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off, manifest static files) on loopback, for measuring."""
    env = dict(os.environ)
    env.update(
        BEKO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        BEKO_BENCH_FLOOR="true",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        TASKS_BACKEND="immediate",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env: dict[str, str], *, demo: bool = True) -> None:
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    if demo:
        manage(env, "demo", "--if-empty")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[str]:
    # BENCH_PORT pins the port (parallel checkouts on one machine); else any free one.
    port = int(os.environ.get("BENCH_PORT") or 0) or free_port()
    cmd = [
        PYTHON, "-m", "gunicorn", "beko.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--threads", "1",
        "--log-level", "warning", "--access-logfile", "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        # Generous: four workers import Django at once, and shared machines are often loaded.
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("gunicorn did not come up")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip())
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * _UNITS[match.group(2)]


def wrk(url: str, *, connections: int = CONNECTIONS, seconds: int = DURATION) -> dict[str, Any]:
    """Run wrk against one URL (loopback only) and parse requests/s and latency percentiles."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("benchmarks only ever target 127.0.0.1")
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing: make system-deps")
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    result: dict[str, Any] = {"url": url.split(":", 2)[2].split("/", 1)[-1], "connections": connections,
                              "seconds": seconds}  # fmt: skip
    result["requests_per_s"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    for pct in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.MULTILINE)
        if match:
            result[f"p{pct}_ms"] = round(_ms(match.group(1)), 2)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(r"Socket errors: (.*)", out)
    result["socket_errors"] = errors.group(1) if errors else ""
    return result


def measure_with_floor(base: str, paths: dict[str, str]) -> dict[str, Any]:
    """Measure the floor, then each path, then the floor again; report ratios to the mean floor."""
    floor_before = wrk(base + "/__bench__/floor")
    measured = {}
    for name, path in paths.items():
        # Steady state: one request first fills what the application caches (otherwise all
        # connections compute it at once in the first second of a 10-second run).
        urllib.request.urlopen(base + path, timeout=60).read()
        measured[name] = wrk(base + path)
    floor_after = wrk(base + "/__bench__/floor")
    floor_rps = (floor_before["requests_per_s"] + floor_after["requests_per_s"]) / 2
    for data in measured.values():
        data["ratio_to_floor"] = round(data["requests_per_s"] / floor_rps, 3)
    return {"floor": {"before": floor_before, "after": floor_after, "mean_rps": round(floor_rps, 1)},
            "endpoints": measured}  # fmt: skip


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {
        "name": name,
        "measured_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "gunicorn_workers": WORKERS},
        **data,
    }  # fmt: skip
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {path.relative_to(ROOT)}")
    return path
