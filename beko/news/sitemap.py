"""sitemap.xml with hreflang alternates for every public page type, in all languages.

Each page appears once per language (German unprefixed, /en/, /ar/, …); every <url> lists the
complete set of language versions plus x-default, so the pairs are symmetric by construction.
Pages of the other apps are asked for through their selectors; a selector that is not there
simply contributes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import quoteattr

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from beko.core.selectors import pages_public

from . import selectors

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# List and start pages of every public section (URL names; missing ones are skipped).
SECTION_PAGES = [
    "core:home",
    "directory:offer_list",
    "directory:organisation_list",
    "guide:start",
    "events:event_list",
    "events:event_archive",
    "news:news_list",
    "inquiries:contact",
    "faq:list",
    "pages:about",
]
# Detail pages from the other apps: (selectors module, function returning public objects).
FOREIGN_SOURCES = [
    ("beko.directory.selectors", "offers_public"),
    ("beko.directory.selectors", "organisations_public"),
    ("beko.guide.selectors", "guide_pages_public"),
    ("beko.events.selectors", "events_public"),
    ("beko.faq.selectors", "faq_entries_published"),
]


@dataclass(frozen=True)
class Entry:
    """One page; `path` is called once per active language to get that version's address."""

    path: Callable[[], str]
    lastmod: datetime | None = None


def _reverse_or_none(name: str) -> Callable[[], str] | None:
    try:
        reverse(name)
    except NoReverseMatch:
        return None
    return lambda: reverse(name)


def _object_entries(objects: Iterable[Any]) -> Iterator[Entry]:
    for obj in objects:
        lastmod = getattr(obj, "updated_at", None) or getattr(obj, "modified_at", None)
        yield Entry(path=obj.get_absolute_url, lastmod=lastmod)


def sitemap_entries() -> list[Entry]:
    entries: list[Entry] = []
    for name in SECTION_PAGES:
        path = _reverse_or_none(name)
        if path is not None:
            entries.append(Entry(path=path))
    entries.extend(_object_entries(pages_public()))
    entries.extend(_object_entries(selectors.audience_pages_public().exclude(audience="about")))
    entries.extend(_object_entries(selectors.news_public()))
    for module, name in FOREIGN_SOURCES:
        entries.extend(_object_entries(selectors._safe_list(module, name)))
    return entries


def _language_urls(entry: Entry) -> list[tuple[str, str]]:
    """Each language version of the page. Our URL patterns are not translated, so a version is
    the German path with the language prefix; `_check_prefix_rule` verifies that once."""
    german = entry.path() if translation.get_language() == settings.LANGUAGE_CODE else None
    if german is None:
        with translation.override(settings.LANGUAGE_CODE):
            german = entry.path()
    return [
        (
            code,
            settings.SITE_URL + (german if code == settings.LANGUAGE_CODE else f"/{code}{german}"),
        )
        for code, _name in settings.LANGUAGES
    ]


def _language_urls_slow(entry: Entry) -> list[tuple[str, str]]:
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append((code, settings.SITE_URL + entry.path()))
    return urls


def _check_prefix_rule(entries: list[Entry]) -> bool:
    """True when reversing in each language gives exactly the prefixed German path."""
    sample = entries[:3] + entries[-3:]
    return all(_language_urls(entry) == _language_urls_slow(entry) for entry in sample)


def sitemap_xml() -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    seen: set[str] = set()
    entries = sitemap_entries()
    versions_of = _language_urls if _check_prefix_rule(entries) else _language_urls_slow
    with translation.override(settings.LANGUAGE_CODE):
        blocks = [(entry, versions_of(entry)) for entry in entries]
    for entry, versions in blocks:
        default_url = dict(versions)[settings.LANGUAGE_CODE]
        if default_url in seen:
            continue
        seen.add(default_url)
        alternates = [
            *(
                f'    <xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(url)}/>'
                for code, url in versions
            ),
            f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(default_url)}/>',
        ]
        lastmod = (
            f"    <lastmod>{entry.lastmod.isoformat(timespec='seconds')}</lastmod>"
            if entry.lastmod
            else None
        )
        for _code, url in versions:
            lines.append("  <url>")
            lines.append(f"    <loc>{_escape(url)}</loc>")
            if lastmod:
                lines.append(lastmod)
            lines.extend(alternates)
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return quoteattr(text)[1:-1]
