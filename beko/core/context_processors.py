from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from beko.accounts import permissions

from . import selectors
from .lib import response_cache
from .lib.fallback_marks import mark

# Office details from the environment are German text (the office's name, its address, the
# hotline hours): inside a page in another language they are German fallback.
_GERMAN_OFFICE_FIELDS = ("name", "address", "hotline_hours")

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
        "office": _office(current),
        "language_stylesheet": settings.BEKO_LANGUAGE_STYLESHEETS.get(current, ""),
        "site_url": settings.SITE_URL,
        "is_staff_member": permissions.is_staff_member(user),
        "is_partner_editor": permissions.is_partner_editor(user),
        "show_share": _shareable(request.path_info),
        "can_use_backoffice": permissions.can_use_backoffice(user),
    }


def _office(language: str) -> dict[str, str]:
    office = settings.BEKO_OFFICE
    if language == settings.LANGUAGE_CODE:
        return office
    return {
        key: mark(value) if key in _GERMAN_OFFICE_FIELDS else value for key, value in office.items()
    }


def csrf_placeholder(request: HttpRequest) -> dict[str, Any]:
    """While a cached public view renders, `{% csrf_token %}` shows a placeholder that the
    response cache fills in per visitor (docs/architecture.md, "Response cache"). Listed
    after Django's own csrf processor, which it overrides only then."""
    token = response_cache.csrf_token_placeholder(request)
    return {} if token is None else {"csrf_token": token}
