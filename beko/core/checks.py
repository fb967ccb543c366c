"""`manage.py check --deploy` warns while the legal pages still lack required details."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import DatabaseError


def legal_pages_complete(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from . import legal

    try:
        missing = legal.legal_missing()
    except DatabaseError:
        # No database yet (a fresh checkout, a build step): nothing to say about content.
        return []
    if not missing:
        return []
    listed = "; ".join(f"{item.page}: {item.label}" for item in missing)
    return [
        checks.Warning(
            f"Die rechtlichen Seiten sind noch nicht vollständig ({len(missing)} offen): {listed}.",
            hint="Im internen Bereich unter /intern/rechtliches/ eintragen "
            "(Impressum § 5 DDG, Datenschutz Art. 13 DSGVO, Barrierefreiheit BITV 2.0).",
            id="beko.W001",
        )
    ]


def register() -> None:
    checks.register(legal_pages_complete, checks.Tags.security, deploy=True)
