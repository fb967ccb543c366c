from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from beko.accounts import permissions

from . import selectors

# Areas where a "share this page" box makes no sense: the back office, accounts, admin.
PRIVATE_AREAS = ("intern", "konto", "admin")


def _shareable(path: str) -> bool:
    """False for back-office and account pages in any language (/intern/…, /en/intern/…)."""
    parts = [part for part in path.split("/") if part]
    if parts and parts[0] in {code for code, _name in settings.LANGUAGES}:
        parts = parts[1:]
    return not (parts and parts[0] in PRIVATE_AREAS)


def site(request: HttpRequest) -> dict[str, Any]:
    """Site frame: navigation, language links, footer pages, office details, roles.

    Runs on every page, so everything that does not depend on the request is computed once
    per language (navigation, footer links) and the language links are plain string work.
    """
    current = get_language() or settings.LANGUAGE_CODE
    nav = [
        {**item, "active": request.path.startswith(item["url"])}
        for item in selectors.main_nav(language=current)
    ]
    user = getattr(request, "user", None)
    languages = selectors.language_links(path=request.get_full_path(), current=current)
    return {
        "main_nav": nav,
        "language_links": languages,
        "current_language": next((lang for lang in languages if lang["current"]), None),
        "footer_pages": selectors.footer_links(language=current),
        "office": settings.BEKO_OFFICE,
        "site_url": settings.SITE_URL,
        "ui_incomplete": current not in settings.UI_COMPLETE_LANGUAGES,
        "is_staff_member": permissions.is_staff_member(user),
        "show_share": _shareable(request.path_info),
        "can_use_backoffice": permissions.can_use_backoffice(user),
    }
