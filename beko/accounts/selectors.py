"""Reads about accounts that other parts of the back office need."""

from __future__ import annotations

from typing import Any


def partner_organisations(*, user: Any) -> list[Any]:
    """A partner editor's organisations: their own first, then the further ones by name."""
    others = [o for o in user.other_organisations.order_by("name") if o.pk != user.organisation_id]
    return [user.organisation, *others]
