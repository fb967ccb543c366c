from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.signals import setting_changed
from django.db.models import QuerySet
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation

from beko.accounts import permissions

from .lib.content_i18n import SOURCE_LANGUAGE, is_fallback
from .models import Page

# Footer links change only when staff edit a page; services clear the cache then. Without a
# shared cache (no REDIS_URL) other worker processes may show an old title for this long.
FOOTER_CACHE_SECONDS = 300


def pages_public() -> QuerySet[Page]:
    return Page.objects.all()


def footer_pages() -> list[Page]:
    return list(Page.objects.filter(placement=Page.Placement.FOOTER))


def _footer_cache_key(language: str) -> str:
    return f"core:footer-links:{language}"


def footer_links(*, language: str) -> list[dict[str, str]]:
    """Footer pages as plain dicts (`title`, `url`, `lang`), cached per language.

    `lang` is "de" when the title is the German fallback, so the template can mark it.
    """
    key = _footer_cache_key(language)
    links = django_cache.get(key)
    if links is None:
        with translation.override(language):
            links = [
                {
                    "title": page.title,
                    "url": page.get_absolute_url(),
                    "lang": SOURCE_LANGUAGE if is_fallback(page, "title", language) else "",
                }
                for page in footer_pages()
            ]
        django_cache.set(key, links, FOOTER_CACHE_SECONDS)
    return links


def footer_links_invalidate() -> None:
    django_cache.delete_many([_footer_cache_key(code) for code, _name in settings.LANGUAGES])


@cache
def _main_nav(language: str, script_prefix: str) -> tuple[dict[str, str], ...]:
    items = []
    with translation.override(language):
        for label, url_name in settings.BEKO_MAIN_NAV:
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue  # the app providing it is not built or installed yet
            items.append({"label": str(label), "url": url, "url_name": url_name})
    return tuple(items)


def main_nav(*, language: str) -> tuple[dict[str, str], ...]:
    """Main navigation (settings.BEKO_MAIN_NAV) resolved once per language."""
    return _main_nav(language, get_script_prefix())


def language_links(*, path: str, current: str) -> list[dict[str, Any]]:
    """The current address in every language.

    URL patterns are the same German paths in every language; only the prefix differs
    (none for German, /en/, /ar/ …). So switching is string work, no URL resolving, and it
    also works for addresses that do not resolve (the 404 page).
    """
    script_prefix = get_script_prefix().rstrip("/")
    rest = path[len(script_prefix) :] if path.startswith(script_prefix) else path
    if current != settings.LANGUAGE_CODE:
        own = f"/{current}"
        if rest == own or rest.startswith(own + "/") or rest.startswith(own + "?"):
            rest = rest[len(own) :] or "/"
            if rest.startswith("?"):
                rest = "/" + rest
    links = []
    for code, name in settings.LANGUAGES:
        url = script_prefix + ("" if code == settings.LANGUAGE_CODE else f"/{code}") + rest
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "rtl": code in settings.LANGUAGES_BIDI,
            }
        )
    return links


def _check(name: str) -> Callable[[Any], bool]:
    check = getattr(permissions, name, None)
    if not callable(check):
        raise ValueError(
            f"staff_menu: unknown permission check {name!r} in beko.accounts.permissions"
        )
    return check


def staff_menu(*, user: Any = None) -> list[dict[str, str]]:
    """Back-office entries declared by every installed app (`AppConfig.staff_menu`).

    An entry is `(label, url_name)` – staff and admins only – or
    `(label, url_name, "<check>")` with the name of a function in beko.accounts.permissions
    (e.g. "can_use_backoffice" for entries partner editors may open too). Without `user`
    every entry is returned.
    """
    entries = []
    for config in apps.get_app_configs():
        for entry in getattr(config, "staff_menu", []):
            label, url_name, *rest = entry
            check = _check(rest[0] if rest else "is_staff_member")
            if user is not None and not check(user):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            entries.append({"label": str(label), "url": url, "app": config.label})
    return entries


@cache
def home_section_providers() -> tuple[Callable[[HttpRequest], dict[str, Any] | None], ...]:
    """Every installed app's `selectors.home_section`, looked up once per process."""
    providers = []
    for config in apps.get_app_configs():
        if not config.name.startswith("beko.") or config.label == "core":
            continue
        if find_spec(f"{config.name}.selectors") is None:
            continue
        provider = getattr(import_module(f"{config.name}.selectors"), "home_section", None)
        if provider is not None:
            providers.append(provider)
    return tuple(providers)


def home_sections(*, request: HttpRequest) -> list[dict[str, Any]]:
    """Blocks that domain apps contribute to the home page.

    An app opts in with a function `home_section(request) -> dict | list[dict] | None` in
    its `selectors.py`; a dict has `template` and `context` (and optionally `order`). Core
    stays ignorant of the apps; the providers are looked up once per process.
    """
    sections: list[dict[str, Any]] = []
    for provider in home_section_providers():
        found = provider(request) or []
        sections.extend([found] if isinstance(found, dict) else found)
    sections.sort(key=lambda s: s.get("order", 100))
    return sections


@receiver(setting_changed)
def _reset_frame_caches(*, setting: str, **kwargs: Any) -> None:
    # Tests that override the URL map, the languages or the navigation get fresh values.
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "BEKO_MAIN_NAV", "INSTALLED_APPS"}:
        _main_nav.cache_clear()
        home_section_providers.cache_clear()
