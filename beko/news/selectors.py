"""Reads of the news app: what the public may see, filters, and bundles from other apps."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from importlib import import_module
from typing import Any
from urllib.parse import urlencode

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from beko.accounts.permissions import is_staff_member

from .models import AudiencePage, Category, GalleryImage, NewsItem, Tag

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
home_section.cache_seconds = 60  # type: ignore[attr-defined]

# --- other apps, asked only through their selectors -------------------------------------
# The apps are built in parallel; a selector that is not there (yet) gives an empty bundle
# and the page shows its empty state instead of failing.


def _selector(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(import_module(module), name, None)
    except ImportError:
        return None


def _safe_list(module: str, name: str, **kwargs: Any) -> list[Any]:
    function = _selector(module, name)
    if function is None:
        return []
    try:
        return list(function(**kwargs))
    except TypeError:
        logger.exception("selector %s.%s rejected its arguments", module, name)
        return []


def _public_by_ids(module: str, name: str, ids: list[int]) -> list[Any]:
    """Objects of another app by id, but only those its public selector lets through."""
    function = _selector(module, name)
    if function is None or not ids:
        return []
    queryset = function()
    by_id = queryset.filter(pk__in=ids).in_bulk() if isinstance(queryset, QuerySet) else {}
    return [by_id[pk] for pk in ids if pk in by_id]


def related_offers(*, item: NewsItem) -> list[Any]:
    if not item.related_offer_ids:
        return []
    if _selector("beko.directory.selectors", "offers_by_ids") is not None:
        return _safe_list("beko.directory.selectors", "offers_by_ids", ids=item.related_offer_ids)
    return _public_by_ids("beko.directory.selectors", "offers_public", item.related_offer_ids)


def related_events(*, item: NewsItem) -> list[Any]:
    return _public_by_ids("beko.events.selectors", "events_public", item.related_event_ids)


def offer_choices() -> list[tuple[int, str]]:
    return [
        (offer.pk, str(offer)) for offer in _safe_list("beko.directory.selectors", "offers_public")
    ]


def event_choices() -> list[tuple[int, str]]:
    return [
        (event.pk, str(event)) for event in _safe_list("beko.events.selectors", "events_upcoming")
    ]


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

# The FAQ's audience codes per page.
FAQ_AUDIENCES = {
    AudiencePage.Audience.VOLUNTEERS: ["volunteer"],
    AudiencePage.Audience.EMPLOYERS: ["employer"],
    AudiencePage.Audience.COUNSELLING: ["counselling"],
    AudiencePage.Audience.ASSOCIATIONS: ["association"],
}

# The events app has one audience for counselling services and associations.
EVENT_AUDIENCES = {
    AudiencePage.Audience.VOLUNTEERS: "volunteers",
    AudiencePage.Audience.EMPLOYERS: "employers",
    AudiencePage.Audience.COUNSELLING: "organisations",
    AudiencePage.Audience.ASSOCIATIONS: "organisations",
}


def _faq_for(*, audience: str, limit: int) -> list[Any]:
    entries: list[Any] = []
    for code in FAQ_AUDIENCES.get(audience, []):
        for entry in _safe_list(
            "beko.faq.selectors", "faq_entries_for", audience=code, limit=limit
        ):
            if entry not in entries:
                entries.append(entry)
    return entries[:limit]


# The directory names its target groups a little differently.
OFFER_TARGET_GROUPS = {
    AudiencePage.Audience.VOLUNTEERS: "volunteers",
    AudiencePage.Audience.EMPLOYERS: "employers",
    AudiencePage.Audience.COUNSELLING: "professionals",
    AudiencePage.Audience.ASSOCIATIONS: "associations",
}


def _offers_for(*, audience: str, limit: int) -> list[Any]:
    """The directory's audience selector; its general `offers_for` as a fallback."""
    if _selector("beko.directory.selectors", "offers_for_audience") is not None:
        return _safe_list(
            "beko.directory.selectors", "offers_for_audience", audience=audience, limit=limit
        )
    target_group = OFFER_TARGET_GROUPS.get(audience)
    if not target_group:
        return []
    return _safe_list(
        "beko.directory.selectors", "offers_for", target_group=target_group, limit=limit
    )


def _with_query(url: str | None, **params: str) -> str | None:
    return f"{url}?{urlencode(params)}" if url else None


def about_numbers(*, year: int | None = None) -> dict[str, int | None]:
    """ "BeKo in Zahlen": public offers, their organisations, events this year.

    Asked from the other apps' selectors; a missing one gives None (the block leaves it out).
    """
    year = year or timezone.localdate().year
    numbers: dict[str, int | None] = {"offers": None, "organisations": None, "events": None}
    directory = _selector("beko.directory.selectors", "directory_numbers")
    if directory is not None:
        numbers.update(directory())
    events = _selector("beko.events.selectors", "events_in_year_count")
    if events is not None:
        numbers["events"] = events(year=year)
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
        "offers_url": _with_query(
            _url("directory:offer_list"), target_group=OFFER_TARGET_GROUPS.get(audience, "")
        )
        if audience in OFFER_TARGET_GROUPS
        else _url("directory:offer_list"),
        "guide": guide,
        "faq": _faq_for(audience=audience, limit=6),
        "faq_url": _url("faq:list"),
        "events": _safe_list(
            "beko.events.selectors",
            "upcoming_events_for",
            audience=EVENT_AUDIENCES.get(audience, audience),
            limit=3,
        ),
        "events_url": _with_query(
            _url("events:event_list"), audience=EVENT_AUDIENCES.get(audience, audience)
        ),
    }
