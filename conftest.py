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
from contextlib import contextmanager
from importlib import import_module
from typing import Any

import pytest
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "Test-Passwort-2026!"


# Fixtures through which a test reaches the database (pytest-django blocks every other way).
_DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_setup",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "_django_db_helper",
    }
)


def _uses_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(_DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`BEKO_TEST_DATABASE_ONLY=1` (the PostgreSQL pass of `make test`) runs only the tests that
    touch the database. The others (rule base, linguistics, catalogues, sanitiser …) cannot
    give a different result on another database, and the SQLite pass has just run them; this
    keeps CI within its time limit. pytest-django refuses database access to a test without
    the `django_db` mark or a database fixture, so the split cannot hide a database test.
    """
    if os.environ.get("BEKO_TEST_DATABASE_ONLY") != "1":
        return
    kept, left_out = [], []
    for item in items:
        (kept if _uses_database(item) else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "live_server" in fixtures or "transactional_db" in fixtures


def _reseed_migration_data() -> None:
    """Re-run the seeds of the data migrations (info pages, audience pages, districts …).
    Convention: a data migration exposes an idempotent module-level `seed(apps, schema_editor)`
    (get_or_create), see core/migrations/0002."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    for (app_label, _name), migration in sorted(loader.disk_migrations.items()):
        if not apps.get_app_config(app_label).name.startswith("beko."):
            continue
        seed = getattr(import_module(migration.__module__), "seed", None)
        if callable(seed):
            seed(apps, None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """A transactional test (browser tests, row-lock tests) ends with a flush that also removes
    what the data migrations created. Seed it again once every fixture is torn down (the flush
    is the last of them), so the next test on this worker, transactional or not, starts from the
    database as migrated, whatever order xdist hands out the tests in."""
    yield
    # Without a next test the session's fixtures are gone too, and with them the test
    # database: the connection would point at the real one.
    if nextitem is None or not _is_transactional(item):
        return
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        _reseed_migration_data()


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


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Private uploads (attachments, import files, unapproved images) go to a folder per test."""
    from beko.core.storage import private_storage_reset

    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private")
    private_storage_reset()
    yield
    private_storage_reset()


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


def verified_client(user: Any) -> Client:
    """A client logged in as `user`; staff and admins also passed the second factor.

    The staff area demands two-factor authentication (beko.accounts.middleware). This gives the
    user a confirmed TOTP device and marks the session as verified, as the 2FA step would.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from beko.accounts.permissions import needs_second_factor

    client = Client()
    client.force_login(user)
    if needs_second_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


_client_for = verified_client


@pytest.fixture
def client_for(db: Any) -> Any:
    """`client_for(user)`: a logged-in client that already passed the second factor."""
    return verified_client


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


# --- e-mail -----------------------------------------------------------------------------


class _Mailbox:
    """Collects what the loopback SMTP server receives, parsed as e-mail messages."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        from email import message_from_bytes, policy

        self.envelopes.append(envelope)
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[_Mailbox]:
    """A real SMTP server (aiosmtpd) on a free 127.0.0.1 port; Django sends its mail there.

    `smtp_server.messages` holds the received mails as `email.message.EmailMessage`
    (policy.default: `msg["Subject"]`, `msg.get_body(("plain",)).get_content()`),
    `smtp_server.envelopes` the raw envelopes (mail_from, rcpt_tos).
    """
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mailbox = _Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


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
def htmx_settled() -> Any:
    """`with htmx_settled(page): page.select_option(...)` returns once htmx has swapped in the
    answer to what the block did and settled it. Waiting for the pushed address is not enough:
    htmx pushes it at the swap but binds the new content's triggers only when it settles
    (20 ms later), so an action in between is silently lost."""

    @contextmanager
    def _settled(page: Any) -> Iterator[None]:
        before = page.evaluate(
            """() => {
                if (window.__bekoSettled === undefined) {
                    window.__bekoSettled = 0;
                    document.addEventListener("htmx:afterSettle", () => { window.__bekoSettled += 1; });
                }
                return window.__bekoSettled;
            }"""
        )
        yield
        page.wait_for_function("n => window.__bekoSettled > n", arg=before)

    return _settled


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


class Migrator:
    """Moves the test database between migration states (Django's `MigrationExecutor`), for
    tests of data migrations: `old = migrator.migrate(("events", "0003_…"))` gives the
    historical models of that state, `new = migrator.migrate(("events", "0004_…"))` runs the
    migration under test. The fixture migrates back to the latest state afterwards."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection

    def migrate(self, *targets: tuple[str, str]) -> Any:
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(self.connection)
        executor.loader.build_graph()
        executor.migrate(list(targets))
        return MigrationExecutor(self.connection).loader.project_state(list(targets)).apps

    def migrate_to_latest(self) -> None:
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(self.connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def migrator() -> Iterator[Migrator]:
    """Data-migration tests: see `Migrator`. Mark the test
    `@pytest.mark.django_db(transaction=True)`: schema changes cannot run inside the test's
    transaction on SQLite."""
    helper = Migrator()
    try:
        yield helper
    finally:
        helper.migrate_to_latest()
