"""Shared test fixtures: users per role, clients per role, and a headless Chromium.

Browser tests are marked `browser` (module-level `pytestmark = pytest.mark.browser`) and use
the `page` fixture (or `make_page(**context_args)` for a page with other context options),
which drives Debian's /usr/bin/chromium against pytest-django's live_server.
`assert_axe_clean(page)` fails on serious or critical axe findings.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "Test-Passwort-2026!"


@pytest.fixture(autouse=True)
def _fresh_cache_and_language() -> Iterator[None]:
    """Every test starts with an empty cache (footer links, rate-limit counters …) and in
    German: the test client leaves the last request's language active in the thread, which
    would make `reverse()` in the next test return /ar/… addresses."""
    from django.core.cache import caches
    from django.utils import translation

    for cache in caches.all():
        cache.clear()
    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture
def make_user(db: Any) -> Any:
    from beko.accounts.models import Role, User

    def _make(
        *, username: str, role: str = Role.STAFF, organisation: Any = None, **extra: Any
    ) -> User:
        user = User(
            username=username,
            email=extra.pop("email", f"{username}@example.org"),
            role=role,
            organisation=organisation,
            **extra,
        )
        user.set_password(PASSWORD)
        user.save()
        return user

    return _make


@pytest.fixture
def organisation(db: Any) -> Any:
    from beko.directory.models import Organisation

    return Organisation.objects.create(name="Verein Brücke e. V.", slug="verein-bruecke")


@pytest.fixture
def other_organisation(db: Any) -> Any:
    from beko.directory.models import Organisation

    return Organisation.objects.create(name="Initiative Nord", slug="initiative-nord")


@pytest.fixture
def staff_user(make_user: Any) -> Any:
    return make_user(username="team")


@pytest.fixture
def admin_user(make_user: Any) -> Any:
    from beko.accounts.models import Role

    return make_user(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def partner_user(make_user: Any, organisation: Any) -> Any:
    from beko.accounts.models import Role

    return make_user(username="partner", role=Role.PARTNER, organisation=organisation)


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anon_client() -> Client:
    return Client()


@pytest.fixture
def staff_client(staff_user: Any) -> Client:
    return _client_for(staff_user)


@pytest.fixture
def admin_client_(admin_user: Any) -> Client:
    return _client_for(admin_user)


@pytest.fixture
def partner_client(partner_user: Any) -> Client:
    return _client_for(partner_user)


# --- browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make system-deps` (apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def browser_context_args() -> dict[str, Any]:
    return {"locale": "de-DE", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def make_page(
    browser: Any, live_server: Any, browser_context_args: dict[str, Any]
) -> Iterator[Any]:
    """Factory for extra pages with their own context, e.g.
    `make_page(java_script_enabled=False)` or `make_page(viewport={"width": 390, "height": 844})`.
    """
    contexts = []

    def _make(**context_args: Any) -> Any:
        context = browser.new_context(
            base_url=live_server.url, **{**browser_context_args, **context_args}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page: Any) -> Any:
    return make_page()


def axe_violations(
    page: Any, *, impacts: tuple[str, ...] = ("serious", "critical")
) -> list[dict[str, Any]]:
    """Run axe-core (bundled with axe-playwright-python, offline) on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results.response["violations"]
        if v["impact"] in impacts
    ]


@pytest.fixture
def assert_axe_clean() -> Any:
    def _check(page: Any) -> None:
        violations = axe_violations(page)
        assert violations == [], (
            f"axe found serious/critical violations on {page.url}: {violations}"
        )

    return _check
