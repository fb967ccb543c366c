from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language

from beko.accounts import permissions

from .selectors import footer_pages


def site(request: HttpRequest) -> dict[str, Any]:
    """Site frame: navigation, language links, footer pages, office details, roles."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    nav = []
    for label, url_name in settings.BEKO_MAIN_NAV:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        nav.append({"label": label, "url": url, "active": request.path.startswith(url)})
    languages = [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    user = getattr(request, "user", None)
    return {
        "main_nav": nav,
        "language_links": languages,
        "footer_pages": footer_pages(),
        "office": settings.BEKO_OFFICE,
        "site_url": settings.SITE_URL,
        "ui_incomplete": current not in settings.UI_COMPLETE_LANGUAGES,
        "is_staff_member": permissions.is_staff_member(user),
        "can_use_backoffice": permissions.can_use_backoffice(user),
    }
