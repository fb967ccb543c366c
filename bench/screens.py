"""Screenshots of the public face for docs/screens/: `make screens` (or this script).

Serves the site as `make run` does (development settings, SQLite `var/beko.sqlite3`, demo data
loaded once) on PORT (default 8000; `make screens PORT=8107`), takes full-page screenshots
with Playwright and Debian's Chromium at phone and desktop width in German and Arabic, and
stops the server again. With `--base http://127.0.0.1:8107` it uses a server that is
already running instead. The staff reports page is taken as the demo user "team": the script
opens a session for it directly in the database, as the second factor would.

Run it again after merging other branches: demo data and translations change the pictures.
Files: docs/screens/<page>-<lang>-<phone|desktop>.png (256 colours, so the repository stays
small), plus docs/screens/README.md listing them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screens"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LANGUAGES = ("de", "ar")
WIDTHS = {
    # A mid-range phone (Pixel 5 viewport) and a common laptop.
    "phone": {"viewport": {"width": 393, "height": 851}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
# Long pages are cut here: the screenshots show the hierarchy, not every last result.
MAX_HEIGHT = {"phone": 5200, "desktop": 3600}


def pages(base: str) -> list[tuple[str, str, bool]]:
    """(name, path, needs staff login). The offer is the first one the list shows."""
    with urllib.request.urlopen(base + "/angebote/?sort=name", timeout=30) as response:
        html = response.read().decode()
    match = re.search(r'href="(/angebote/\d+/)"', html)
    if match is None:
        raise SystemExit("no offer on /angebote/ – is the demo data loaded?")
    return [
        ("home", "/", False),
        ("angebote", "/angebote/", False),
        ("angebote-gefiltert", "/angebote/?category=sprache&district=barmen&free=1", False),
        ("angebot", match.group(1), False),
        ("zielgruppe-unternehmen", "/fuer-unternehmen/", False),
        ("berichte", "/intern/berichte/", True),
    ]


def staff_session_cookie() -> dict[str, str]:
    """A session of the demo user "team" that passed the second factor (like the tests'
    `verified_client`): a confirmed TOTP device and its id in the session."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beko.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from beko.accounts.models import User

    user = User.objects.get(username="team")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Screenshots", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key or ""}


@contextlib.contextmanager
def server(port: int) -> Iterator[str]:
    """`make run` without the interactive bits: migrate, demo data once, runserver."""
    python = str(ROOT / ".venv" / "bin" / "python")
    if not Path(python).exists():
        python = sys.executable
    env = {**os.environ, "BEKO_ENV": "development"}
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([python, "manage.py", "demo", "--if-empty"], cwd=ROOT, env=env, check=True)
    process = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            time.sleep(0.5)
        else:
            raise SystemExit(f"the server on port {port} did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def save_png(data: bytes, path: Path) -> None:
    """Reduce to 256 colours: text and flat colours stay sharp, files get 3–4 times smaller."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )


def shoot(base: str, only: str = "") -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    cookie = staff_session_cookie()
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for width_name, options in WIDTHS.items():
            # Public pages as a visitor sees them; the reports page as the team.
            visitor = browser.new_context(**options, device_scale_factor=1, locale="de-DE")
            staff = browser.new_context(**options, device_scale_factor=1, locale="de-DE")
            staff.add_cookies([{**cookie, "url": base}])
            for name, path, needs_staff in pages(base):
                if only and only not in name:
                    continue
                page = (staff if needs_staff else visitor).new_page()
                for language in LANGUAGES:
                    prefix = "" if language == "de" else f"/{language}"
                    page.goto(base + prefix + path, wait_until="networkidle")
                    # Lazy images load only once scrolled near: scroll through, then back.
                    for _step in range(10):
                        page.mouse.wheel(0, 1200)
                        page.wait_for_timeout(60)
                    page.evaluate("window.scrollTo(0, 0)")
                    page.wait_for_load_state("networkidle")
                    height = min(
                        page.evaluate("document.documentElement.scrollHeight"),
                        MAX_HEIGHT[width_name],
                    )
                    data = page.screenshot(
                        full_page=True,
                        clip={
                            "x": 0,
                            "y": 0,
                            "width": options["viewport"]["width"],
                            "height": height,
                        },
                    )
                    target = OUT / f"{name}-{language}-{width_name}.png"
                    save_png(data, target)
                    written.append(target)
                    print(f"{target.relative_to(ROOT)}  ({path}, {language}, {width_name})")
                page.close()
            visitor.close()
            staff.close()
        browser.close()
    return written


def write_index(files: list[Path]) -> None:
    names = sorted({f.name for f in OUT.glob("*.png")})
    lines = [
        "# Screenshots of the public face",
        "",
        "Made by `make screens` (`bench/screens.py`) from the demo data: phone (393 px) and",
        "desktop (1280 px), German and Arabic. Long pages are cut at a fixed height. Regenerate",
        "them after changes to templates, styles, demo data or translations.",
        "",
        *(f"- [{name}]({name})" for name in names),
        "",
    ]
    (OUT / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--base", default="", help="use a server that is already running")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    args = parser.parse_args(argv)
    if args.base:
        files = shoot(args.base.rstrip("/"), args.only)
    else:
        with server(args.port) as base:
            files = shoot(base, args.only)
    write_index(files)


if __name__ == "__main__":
    main()
