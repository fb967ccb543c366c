"""sitemap.xml with hreflang alternates for every public page type, in all languages.

Built on `django.contrib.sitemaps`: `/sitemap.xml` is the index, each section below is one
sitemap (`/sitemap-<section>.xml`, split into `?p=2`, … past 50,000 addresses). Each page
appears once per language (German unprefixed, /en/, /ar/, …) and every <url> lists all
language versions plus x-default (`i18n`, `alternates`, `x_default`), so the pairs are
symmetric by construction. Pages of the other apps come from their selectors.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation

from beko.core.selectors import pages_public
from beko.directory import selectors as directory_selectors
from beko.events import selectors as events_selectors
from beko.faq import selectors as faq_selectors
from beko.guide import selectors as guide_selectors

from . import selectors

# List and start pages of every public section (URL names).
SECTION_PAGES = [
    "core:home",
    "directory:offer_list",
    "directory:organisation_list",
    "events:event_list",
    "events:event_archive",
    "news:news_list",
    "inquiries:contact",
    "faq:list",
    "pages:about",
]


# Sitemap is generic only in django-stubs; at run time it cannot be subscripted.
class _Localised(Sitemap):  # type: ignore[type-arg]  # see above
    """Every item in every language, addresses on `SITE_URL` (not the request's host)."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def __init__(self) -> None:
        self._german_paths: dict[int, str] = {}

    def german_path(self, item: Any) -> str:
        raise NotImplementedError

    def location(self, item: Any) -> str:
        """The page in the active language. Our URL patterns are not translated, so that is the
        German path behind the language prefix (test_feeds_sitemap checks it against
        reverse()); computed once per item instead of once per language and alternate."""
        path = self._german_paths.get(id(item))
        if path is None:
            with translation.override(settings.LANGUAGE_CODE):
                path = self._german_paths[id(item)] = self.german_path(item)
        language = translation.get_language()
        return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"

    def has_pages(self) -> bool:
        found = self.items()
        return found.exists() if isinstance(found, QuerySet) else bool(found)


class NamedPagesSitemap(_Localised):
    """Pages addressed by URL name only (section start pages, the guide's pages)."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names

    def items(self) -> list[str]:
        return self.names

    def german_path(self, item: str) -> str:
        return reverse(item)


class ObjectsSitemap(_Localised):
    """Public objects with `get_absolute_url()`; `updated_at` is their lastmod."""

    def __init__(self, objects: Any) -> None:
        super().__init__()
        self.objects = objects  # called on every request: a fresh public queryset

    def german_path(self, item: Any) -> str:
        return str(item.get_absolute_url())

    def items(self) -> QuerySet[Any] | list[Any]:
        found = self.objects()
        # The paginator needs a stable order.
        return found.order_by("pk") if isinstance(found, QuerySet) else found

    def lastmod(self, item: Any) -> datetime | None:
        return getattr(item, "updated_at", None)


def sitemaps(*, non_empty: bool = False) -> dict[str, Sitemap[Any] | type[Sitemap[Any]]]:
    """Section name → sitemap, for the index and the section views. `non_empty` leaves out
    sections without pages (an empty <urlset> is invalid: the schema wants one <url>)."""
    found: dict[str, _Localised] = {
        "sections": NamedPagesSitemap(SECTION_PAGES),
        "guide": NamedPagesSitemap(guide_selectors.guide_pages_public()),
        "pages": ObjectsSitemap(pages_public),
        "audiences": ObjectsSitemap(
            lambda: selectors.audience_pages_public().exclude(audience="about")
        ),
        "news": ObjectsSitemap(selectors.news_public),
        "offers": ObjectsSitemap(directory_selectors.offers_public),
        "organisations": ObjectsSitemap(directory_selectors.organisations_public),
        "events": ObjectsSitemap(events_selectors.events_public),
        "faq": ObjectsSitemap(faq_selectors.faq_entries_published),
    }
    return {name: s for name, s in found.items() if not non_empty or s.has_pages()}
