"""Extension points: how domain apps contribute to pages that core owns.

Core never imports a domain app (docs/architecture.md). Instead each app registers its
providers in `AppConfig.ready()` with a direct reference to the function::

    from beko.core import providers
    from . import selectors

    providers.register(providers.HOME_SECTION, selectors.home_section)

A renamed or deleted function therefore fails at start-up (AttributeError in `ready()`), and
the system check `core.E001` below fails when a registered provider does not take the
keyword arguments its extension point passes. No string imports, nothing swallowed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import checks


@dataclass(frozen=True)
class ExtensionPoint:
    name: str
    # How core calls a provider: positional names first, then keyword-only names.
    positional: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    doc: str = ""


HOME_SECTION = ExtensionPoint(
    "home_section",
    positional=("request",),
    doc="Blocks on the home page: (request) -> dict | list[dict] | None.",
)
REPORT_CHARTS = ExtensionPoint(
    "report_charts",
    keywords=("period",),
    doc="Charts on the staff reports page: (*, period) -> list[Chart].",
)
DEMO_DATA = ExtensionPoint(
    "demo_data",
    keywords=("stdout",),
    doc="Fictional demo data for `manage.py demo`: (*, stdout) -> None.",
)
STAFF_TODOS = ExtensionPoint(
    "staff_todos",
    keywords=("user", "now"),
    doc="Lines of the staff home's 'what needs doing': (*, user, now) -> list[StaffTodo].",
)
PARTNER_HOME_SECTION = ExtensionPoint(
    "partner_home_section",
    keywords=("user", "organisation"),
    doc="Blocks on the partner home: (*, user, organisation) -> dict | None.",
)
AUDIT_TEXTS = ExtensionPoint(
    "audit_texts",
    doc="The audit log's actions of an app as sentences: () -> beko.core.audit.AppAuditTexts.",
)
EXTENSION_POINTS = (
    HOME_SECTION,
    REPORT_CHARTS,
    DEMO_DATA,
    STAFF_TODOS,
    PARTNER_HOME_SECTION,
    AUDIT_TEXTS,
)

_registry: dict[str, list[tuple[str, Callable[..., Any]]]] = {
    point.name: [] for point in EXTENSION_POINTS
}


def register(point: ExtensionPoint, provider: Callable[..., Any], *, app: str = "") -> None:
    """Add `provider` to `point` (idempotent: `ready()` may run twice in tests)."""
    label = app or provider.__module__.split(".")[1]
    entries = _registry[point.name]
    if any(existing is provider for _label, existing in entries):
        return
    entries.append((label, provider))


def providers(point: ExtensionPoint) -> tuple[Callable[..., Any], ...]:
    """The providers of one extension point in app registration order."""
    return tuple(provider for _label, provider in _registry[point.name])


def registered() -> dict[str, list[tuple[str, Callable[..., Any]]]]:
    """Every registration as {point name: [(app label, provider), …]} (tests, system check)."""
    return {name: list(entries) for name, entries in _registry.items()}


def provider_problems(point: ExtensionPoint, provider: Callable[..., Any]) -> str | None:
    """Why core could not call `provider` the way `point` says, or None."""
    if not callable(provider):
        return f"{provider!r} is not callable"
    try:
        signature = inspect.signature(provider)
        signature.bind(*point.positional, **dict.fromkeys(point.keywords))
    except TypeError as error:
        return f"{provider.__module__}.{provider.__qualname__} does not accept the call: {error}"
    return None


@checks.register()
def check_providers(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for point in EXTENSION_POINTS:
        for label, provider in _registry[point.name]:
            problem = provider_problems(point, provider)
            if problem:
                errors.append(
                    checks.Error(
                        f"Provider of {point.name!r} registered by {label!r}: {problem}",
                        hint=point.doc,
                        id="core.E001",
                    )
                )
    return errors
