"""Head metadata from our own data: canonical URL, hreflang alternates, OpenGraph, Twitter.

Views pass an optional `meta` dict: title, description, image (a core Image), type
("article"), published_time, modified_time, noindex. Nothing here loads a third-party script.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import get_language

from beko.core.lib.params import ascii_int
from beko.core.selectors import language_links

register = template.Library()

OG_LOCALES = {
    "de": "de_DE", "en": "en_GB", "ar": "ar_AR", "fa": "fa_IR", "uk": "uk_UA", "tr": "tr_TR",
    "ru": "ru_RU",
}  # fmt: skip
PRIVATE_PREFIXES = ("intern/", "konto/", "admin/")


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


def language_alternates(path: str) -> list[dict[str, str]]:
    """The same page in every language, plus x-default (German, the source language).

    Prefix swap as in the language switcher (no URL resolving on every page view).
    """
    current = get_language() or settings.LANGUAGE_CODE
    links = [
        {"code": link["code"], "url": absolute(link["url"])}
        for link in language_links(path=path, current=current)
    ]
    source = next(link for link in links if link["code"] == settings.LANGUAGE_CODE)
    links.append({"code": "x-default", "url": source["url"]})
    return links


def _is_private(path: str) -> bool:
    parts = path.lstrip("/").split("/", 1)
    if parts[0] in {code for code, _ in settings.LANGUAGES} and len(parts) > 1:
        path = parts[1]
    else:
        path = path.lstrip("/")
    return path.startswith(PRIVATE_PREFIXES)


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context: template.Context) -> dict[str, Any]:
    from beko.core.images import image_largest_url

    request = context.get("request")
    meta: dict[str, Any] = context.get("meta") or {}
    if request is None:
        return {}
    is_error = context.get("code") in {400, 403, 404, 500}
    noindex = meta.get("noindex") or is_error or _is_private(request.path)
    canonical = meta.get("canonical") or request.path
    page = ascii_int(request.GET.get("page"), default=1) or 1
    if not meta.get("canonical") and page > 1:
        canonical = f"{canonical}?page={page}"
    language = get_language() or settings.LANGUAGE_CODE
    image = meta.get("image")
    data: dict[str, Any] = {
        "noindex": noindex,
        "canonical": None if is_error else absolute(canonical),
        "alternates": [] if noindex else language_alternates(request.path),
        "title": meta.get("title") or settings.BEKO_OFFICE["name"],
        "description": meta.get("description", ""),
        "type": meta.get("type", "website"),
        "site_name": settings.BEKO_OFFICE["name"],
        "locale": OG_LOCALES.get(language, "de_DE"),
        "published_time": meta.get("published_time"),
        "modified_time": meta.get("modified_time"),
    }
    if image is not None:
        data["image"] = {
            "url": absolute(image_largest_url(image=image, fmt=image.fallback_format)),
            "alt": image.alt_text,
        }
    return data
