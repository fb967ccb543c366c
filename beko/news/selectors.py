"""Reads of the news app: what the public may see, filters, and bundles from other apps."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from beko.accounts.permissions import is_staff_member
from beko.core.vocabulary import Audience
from beko.directory import selectors as directory_selectors
from beko.events import selectors as events_selectors
from beko.faq import selectors as faq_selectors

from .models import AudiencePage, Category, GalleryImage, NewsItem, Tag

if TYPE_CHECKING:
    from beko.directory.models import Offer
    from beko.events.models import Event

logger = logging.getLogger(__name__)

LIVE_STATUSES = (NewsItem.Status.SCHEDULED, NewsItem.Status.PUBLISHED)


def _live(now: datetime | None = None) -> Q:
    """Published, or scheduled with its time reached – no cron job needed for visibility."""
    return Q(
        status__in=LIVE_STATUSES, publish_at__isnull=False, publish_at__lte=now or timezone.now()
    )


def news_public(*, now: datetime | None = None) -> QuerySet[NewsItem]:
    """Items listed to the public: in the list, feeds, sitemap, search and on the home page."""
    return (
        NewsItem.objects.filter(_live(now))
        .select_related("lead_image")
        .prefetch_related("categories")
        .order_by("-publish_at", "-pk")
    )


def news_reachable(*, user: Any) -> QuerySet[NewsItem]:
    """Items whose detail page opens: live and archived ones; staff also see drafts (preview)."""
    if is_staff_member(user):
        return NewsItem.objects.all()
    return NewsItem.objects.filter(
        _live() | Q(status=NewsItem.Status.ARCHIVED, publish_at__isnull=False)
    )


def news_is_live(*, item: NewsItem, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return item.status in LIVE_STATUSES and item.publish_at is not None and item.publish_at <= now


def news_filter(
    *,
    queryset: QuerySet[NewsItem],
    year: int | None = None,
    category: str = "",
    tag: str = "",
    kind: str = "",
) -> QuerySet[NewsItem]:
    if year:
        start = timezone.make_aware(datetime(year, 1, 1))  # noqa: DTZ001 - made aware here
        end = timezone.make_aware(datetime(year + 1, 1, 1))  # noqa: DTZ001
        queryset = queryset.filter(publish_at__gte=start, publish_at__lt=end)
    if category:
        queryset = queryset.filter(categories__slug=category)
    if tag:
        queryset = queryset.filter(tags__slug=tag)
    if kind in NewsItem.Kind.values:
        queryset = queryset.filter(kind=kind)
    return queryset.distinct()


def news_search(*, queryset: QuerySet[NewsItem], text: str) -> list[NewsItem]:
    """`queryset` narrowed to items matching `text`, best first (shared site search)."""
    try:
        from beko.core import search
    except ImportError:  # the shared search is not installed yet
        return list(queryset)
    query = search.Search(text)
    if query.is_empty:
        return []
    ids = query.ranked_ids(queryset)
    by_id = queryset.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def news_years() -> list[int]:
    dates = news_public().dates("publish_at", "year", order="DESC")
    return [d.year for d in dates]


def categories_in_use() -> QuerySet[Category]:
    return Category.objects.filter(news__in=news_public()).distinct().order_by("position", "name")


def tags_in_use() -> QuerySet[Tag]:
    return Tag.objects.filter(news__in=news_public()).distinct()


def news_detail_prefetched(*, queryset: QuerySet[NewsItem]) -> QuerySet[NewsItem]:
    return queryset.select_related("lead_image").prefetch_related(
        "categories",
        "tags",
        Prefetch("gallery_entries", queryset=GalleryImage.objects.select_related("image")),
    )


def news_gallery(*, item: NewsItem) -> list[Any]:
    return [entry.image for entry in item.gallery_entries.all()]


def news_latest(*, limit: int = 3) -> list[NewsItem]:
    return list(news_public()[:limit])


def home_section(request: HttpRequest) -> dict[str, Any] | None:
    """Entry points for each audience ("Für Ehrenamtliche", …) and the latest news."""
    return {
        "template": "news/_home_section.html",
        "context": {"items": news_latest(limit=3), "audience_pages": list(audience_pages_public())},
        "order": 40,
    }


# Same block for every visitor: core caches its HTML per language (docs/architecture.md).
home_section.cache_seconds = 60  # type: ignore[attr-defined]  # a function attribute core reads

# --- other apps, asked only through their selectors -------------------------------------
# Imported directly: a renamed selector fails at start-up and in the tests, not as an empty
# block on a public page.


def related_offers(*, item: NewsItem) -> list[Offer]:
    if not item.related_offer_ids:
        return []
    return directory_selectors.offers_by_ids(ids=item.related_offer_ids)


def related_events(*, item: NewsItem) -> list[Event]:
    """Linked events, but only those the events app shows the public, in the linked order."""
    ids = item.related_event_ids
    if not ids:
        return []
    by_id = events_selectors.events_public().filter(pk__in=ids).in_bulk()
    return [by_id[pk] for pk in ids if pk in by_id]


def offer_choices() -> list[tuple[int, str]]:
    return [(offer.pk, str(offer)) for offer in directory_selectors.offers_public()]


def event_choices() -> list[tuple[int, str]]:
    return [(event.pk, str(event)) for event in events_selectors.events_upcoming()]


def choices_matching(
    choices: list[tuple[int, str]], *, query: str, limit: int = 20
) -> list[tuple[int, str]]:
    """Entries whose name contains every word of `query` (or whose number is `query`)."""
    words = query.casefold().split()
    if not words:
        return []
    matches = [
        (pk, label)
        for pk, label in choices
        if str(pk) == query.strip() or all(word in label.casefold() for word in words)
    ]
    return matches[:limit]


def _url(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


# Guide entry points per audience: (label, URL name, query). The guide's start page takes
# `?status=` to open the questions for one residence status directly; employers get the
# guide's own employer view (`guide:employer`, "Ich möchte jemanden einstellen oder ausbilden").
GUIDE_ENTRY_POINTS: dict[str, list[tuple[Any, str, dict[str, str]]]] = {
    AudiencePage.Audience.VOLUNTEERS: [
        (gettext_lazy("Wege in Arbeit: Was darf die Person, die ich begleite?"), "guide:start", {}),
        (
            gettext_lazy("… mit Aufenthaltsgestattung (Asylverfahren läuft)"),
            "guide:start",
            {"status": "gestattung"},
        ),
        (gettext_lazy("… mit Duldung"), "guide:start", {"status": "duldung"}),
        (gettext_lazy("… mit Anerkennung als Flüchtling"), "guide:start", {"status": "recognised"}),
    ],
    AudiencePage.Audience.EMPLOYERS: [
        (
            gettext_lazy("Darf ich diese Person beschäftigen oder ausbilden?"),
            "guide:employer",
            {},
        ),
        (
            gettext_lazy("Ausbildungsduldung (§ 60c AufenthG)"),
            "guide:start",
            {"status": "ausbildungsduldung"},
        ),
        (
            gettext_lazy("Beschäftigungsduldung (§ 60d AufenthG)"),
            "guide:start",
            {"status": "beschaeftigungsduldung"},
        ),
    ],
    AudiencePage.Audience.COUNSELLING: [
        (gettext_lazy("Wege in Arbeit für Ihre Ratsuchenden prüfen"), "guide:start", {}),
        (gettext_lazy("… mit Duldung"), "guide:start", {"status": "duldung"}),
        (
            gettext_lazy("… mit vorübergehendem Schutz (§ 24 AufenthG)"),
            "guide:start",
            {"status": "temporary_protection"},
        ),
    ],
    AudiencePage.Audience.ASSOCIATIONS: [
        (gettext_lazy("Wege in Arbeit: Was darf die Person, die ich begleite?"), "guide:start", {}),
    ],
}

# Offers, FAQ entries and events are tagged with the same shared audience codes as the pages
# (beko.core.vocabulary.Audience): a page asks every app with its own code.


def _faq_for(*, audience: str, limit: int) -> list[Any]:
    if audience not in Audience.values:
        return []
    return faq_selectors.faq_entries_for(audience=audience, limit=limit)


def _offers_for(*, audience: str, limit: int) -> list[Offer]:
    return directory_selectors.offers_for_audience(audience=audience, limit=limit)


def _with_query(url: str | None, **params: str) -> str | None:
    return f"{url}?{urlencode(params)}" if url else None


def about_numbers(*, year: int | None = None) -> dict[str, int | None]:
    """ "BeKo in Zahlen": public offers, their organisations, events this year.

    Asked from the other apps' selectors.
    """
    year = year or timezone.localdate().year
    numbers: dict[str, int | None] = {"offers": None, "organisations": None, "events": None}
    numbers.update(directory_selectors.directory_numbers())
    numbers["events"] = events_selectors.events_in_year_count(year=year)
    return numbers


def audience_page_public(*, slug: str) -> AudiencePage | None:
    return AudiencePage.objects.select_related("lead_image").filter(slug=slug).first()


def audience_pages_public() -> QuerySet[AudiencePage]:
    return AudiencePage.objects.all()


def audience_bundle(*, page: AudiencePage) -> dict[str, Any]:
    """Offers, guide entry points, FAQ entries and upcoming events for one audience."""
    audience = page.audience
    guide = []
    for label, url_name, query in GUIDE_ENTRY_POINTS.get(audience, []):
        url = _url(url_name)
        if url:
            guide.append({"label": label, "url": f"{url}?{urlencode(query)}" if query else url})
    return {
        "offers": _offers_for(audience=audience, limit=6),
        "offers_url": _with_query(_url("directory:offer_list"), target_group=audience)
        if audience in Audience.values
        else _url("directory:offer_list"),
        "guide": guide,
        "faq": _faq_for(audience=audience, limit=6),
        "faq_url": _url("faq:list"),
        "events": events_selectors.upcoming_events_for(audience=audience, limit=3),
        "events_url": _with_query(_url("events:event_list"), audience=audience),
    }
