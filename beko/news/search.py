"""Site-wide search: grouped results from offers, news, pages, FAQ and events.

All matching and ranking is done by the shared machinery in `beko.core.search` (the
directory's German full-text search); this module only decides which groups exist, which
objects the public may see (each group's queryset comes from its app's public selector, so
drafts, scheduled news before their time and expired offers never show), and how a hit looks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Model, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from beko.core import search
from beko.core.lib.fallback_marks import shown_field
from beko.core.models import Page
from beko.core.search.highlight import Highlighter
from beko.core.selectors import pages_public
from beko.directory import selectors as directory_selectors
from beko.events import selectors as events_selectors
from beko.faq import selectors as faq_selectors
from beko.guide import selectors as guide_selectors

from . import selectors
from .models import AudiencePage, NewsItem

logger = logging.getLogger(__name__)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
PREVIEW_PER_GROUP = 5
PER_PAGE = 20


def _all_languages(obj: Any, name: str) -> str:
    values = [getattr(obj, f"{name}_{code}", "") or "" for code in LANGUAGE_CODES]
    return " ".join(dict.fromkeys(v for v in values if v))


def _strip_tags(html: str) -> str:
    """Text of sanitised HTML; a space per tag keeps "Arbeit</li><li>Ausbildung" two words."""
    from html import unescape

    from django.utils.html import strip_tags

    return " ".join(unescape(strip_tags(html.replace(">", "> "))).split())


def news_document(item: NewsItem) -> search.Document | None:
    """Scheduled items are indexed too: whether they show is decided at query time by
    `news_public()` (publish_at <= now), so they appear in search the minute they go live."""
    if item.status not in (NewsItem.Status.SCHEDULED, NewsItem.Status.PUBLISHED):
        return None
    return search.Document(
        title=_all_languages(item, "title"),
        summary=_all_languages(item, "teaser"),
        body=" ".join(
            [
                _strip_tags(_all_languages(item, "body")),
                " ".join(_all_languages(c, "name") for c in item.categories.all()),
                " ".join(t.name for t in item.tags.all()),
            ]
        ),
    )


def page_document(page: Page | AudiencePage) -> search.Document:
    return search.Document(
        title=_all_languages(page, "title"),
        summary=_all_languages(page, "intro"),
        body=_strip_tags(_all_languages(page, "body")),
    )


def _first_text(obj: Any, names: tuple[str, ...]) -> str:
    for name in names:
        if hasattr(obj, name):
            text = _all_languages(obj, name) or str(getattr(obj, name, "") or "")
            if text:
                return _strip_tags(text)
    return ""


def generic_document(obj: Any) -> search.Document:
    """Text of a public object of another app that does not register itself (FAQ entries,
    events, core pages). Visibility is not decided here: every query is restricted to the
    owning app's public selector."""
    return search.Document(
        title=_first_text(obj, ("title", "question", "name")),
        summary=_first_text(obj, ("summary", "teaser", "intro", "short_description")),
        body=_first_text(obj, ("description", "answer", "body")),
    )


# Models this module registered itself; their documents are refreshed lazily (see _fresh).
_LAZY: set[type[Model]] = set()


def register() -> None:
    """Called from NewsConfig.ready(): our own models, plus core pages (core must not know
    about the site search)."""
    search.register(NewsItem, document=news_document)
    search.register(AudiencePage, document=page_document)
    search.register(Page, document=page_document)
    _LAZY.add(Page)


def _adopt(model: type[Model]) -> None:
    """Make another app's model searchable if that app did not register it itself."""
    if model not in search.registered_models():
        search.register(model, document=generic_document)
        _LAZY.add(model)


def _fresh(model: type[Model]) -> None:
    """Rebuild the documents of a lazily indexed model when its rows changed.

    Those apps do not call `search.index_update`; the table fingerprint (row count and
    latest `updated_at`) tells when to rebuild. The tables are small (pages, FAQ, events).
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db.models import Count, Max

    from beko.core.search.models import SearchDocument

    if model not in _LAZY:
        return
    fields = {f.name for f in model._meta.get_fields()}
    latest = Max("updated_at") if "updated_at" in fields else Max("pk")
    aggregate = model._default_manager.aggregate(n=Count("pk"), latest=latest)
    marker = f"{aggregate['n']}:{aggregate['latest']}"
    key = f"news:search-fingerprint:{model._meta.label_lower}"
    documents = SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(model)
    ).count()
    # Every row has a document (generic_document never refuses), so a count mismatch means
    # rows or documents appeared or vanished behind our back.
    if cache.get(key) != marker or documents != aggregate["n"]:
        try:
            search.reindex(model=model)
        except DatabaseError:
            # Another request rebuilt the same documents at the same moment (unique
            # constraint); its result is as good as ours.
            logger.warning("search documents of %s rebuilt concurrently", model._meta.label)
            return
        cache.set(key, marker, timeout=None)


def index_all() -> int:
    """Documents for every news item and page (demo data, after a deploy)."""
    return sum(search.reindex(model=model) for model in (NewsItem, AudiencePage, Page))


@dataclass(frozen=True)
class Result:
    # Lazy strings (see _present): translated and marked when the page renders.
    title: Any
    url: str
    summary: Any = ""
    meta: Any = ""


@dataclass
class Group:
    key: str
    label: Any
    results: list[Result] = field(default_factory=list)
    total: int = 0
    more_url: str | None = None
    leads: bool = False  # its best hit names the query in its title: shown first


@dataclass(frozen=True)
class GroupSource:
    """One group: the querysets the public may see, how a hit looks, where "more" goes."""

    key: str
    label: Any
    querysets: Callable[[], list[QuerySet[Any]]]
    present: Callable[[Any], Result]
    more: tuple[str, str] | None = None  # (URL name, query parameter)


def _summary(obj: Any) -> str:
    for name in ("teaser", "summary", "intro", "short_description", "answer", "description"):
        value = getattr(obj, name, "") or ""
        if value:
            return _strip_tags(str(value))[:240]
    return ""


# Hits are put together lazily: read while the page renders, a title or summary that falls
# back to German is marked lang="de" (beko.core.lib.fallback_marks).
def _call(function: Callable[[Any], str], obj: Any) -> str:
    return function(obj)


_later = lazy(_call, str)


def _present(obj: Any) -> Result:
    return Result(title=_later(str, obj), url=obj.get_absolute_url(), summary=_later(_summary, obj))


def _local(value: Any, fmt: str) -> str:
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), fmt)


def _news_meta(item: NewsItem) -> str:
    if not item.publish_at:
        return ""
    return f"{item.get_kind_display()} · {_local(item.publish_at, 'SHORT_DATE_FORMAT')}"


def _present_news(item: NewsItem) -> Result:
    return Result(
        title=shown_field(item, "title"),
        url=item.get_absolute_url(),
        summary=shown_field(item, "teaser"),
        meta=_later(_news_meta, item),
    )


def _present_event(event: Any) -> Result:
    start = getattr(event, "starts_at", None) or getattr(event, "start", None)
    meta = _local(start, "SHORT_DATETIME_FORMAT") if start else ""
    return Result(
        title=_later(str, event),
        url=event.get_absolute_url(),
        summary=_later(_summary, event),
        meta=meta,
    )


GROUPS = [
    GroupSource(
        "offers", _("Angebote"), lambda: [directory_selectors.offers_public()], _present,
        ("directory:offer_list", "q"),
    ),
    GroupSource(
        "news", _("Aktuelles"), lambda: [selectors.news_public()], _present_news,
        ("news:news_list", "q"),
    ),
    GroupSource(
        "pages", _("Seiten"), lambda: [selectors.audience_pages_public(), pages_public()], _present,
    ),
    GroupSource(
        "faq", _("Häufige Fragen"), lambda: [faq_selectors.faq_entries_published()],
        _present, ("faq:list", "q"),
    ),
    GroupSource(
        "events", _("Veranstaltungen"), lambda: [events_selectors.events_public()],
        _present_event, ("events:event_list", "q"),
    ),
]  # fmt: skip
GUIDE_KEY = "guide"
GUIDE_LABEL = _("Wege in Arbeit")
# Groups whose best hit names the query in its title come first; among them, and among the
# rest, in this order. The guide leads for status words ("Duldung", "Arbeitserlaubnis").
PRIORITY = [GUIDE_KEY, "offers", "faq", "news", "events", "pages"]
GROUP_KEYS = [group.key for group in GROUPS] + [GUIDE_KEY]


def _guide_hits(query: search.Search) -> list[tuple[Any, float]]:
    """The guide's pages (start page, status explanations, papers page, glossary terms)
    from `beko.guide.selectors.search_documents`, matched in Python with
    the same linguistics as the index: they are few and live outside the database."""
    scored = []
    for document in guide_selectors.search_documents():
        score = query.score_texts(
            [
                (document.title, 10.0),
                (getattr(document, "keywords", ""), 6.0),
                (document.summary, 4.0),
                (document.body, 1.0),
            ]
        )
        if score:
            scored.append((document, score * getattr(document, "weight", 1.0)))
    scored.sort(key=lambda item: -item[1])
    return scored


def _present_guide(document: Any) -> Result:
    # The guide's documents are cached per language: the texts they show are lazy, resolved
    # (and marked where they fall back to German) while the page renders.
    title = getattr(document, "shown_title", None) or document.title
    summary = getattr(document, "shown_summary", None)
    return Result(title=title, url=document.url, summary=summary or document.summary[:240])


def _ranked(query: search.Search, querysets: list[QuerySet[Any]]) -> list[Model]:
    """Visible matching objects, best first. Several querysets (pages) are merged by score."""
    if len(querysets) == 1:
        queryset = querysets[0]
        ids = query.ranked_ids(queryset)
        by_id = queryset.model._default_manager.filter(pk__in=ids).in_bulk()
        return [by_id[pk] for pk in ids if pk in by_id]
    models = [qs.model for qs in querysets]
    visible = {qs.model: set(qs.values_list("pk", flat=True)) for qs in querysets}
    hits = [h for h in query.hits(models, limit=500) if h.object_id in visible[h.model]]
    objects: list[Model] = []
    for model in models:
        wanted = [h.object_id for h in hits if h.model is model]
        by_id = model._default_manager.in_bulk(wanted)
        objects.extend(by_id[pk] for pk in wanted if pk in by_id)
    order = {(h.model, h.object_id): i for i, h in enumerate(hits)}
    objects.sort(key=lambda o: order[(type(o), o.pk)])
    return objects


def _more_url(source: GroupSource, text: str) -> str | None:
    if source.more is None:
        return None
    name, parameter = source.more
    try:
        return f"{reverse(name)}?{parameter}={text}"
    except NoReverseMatch:
        return None


@dataclass
class SiteSearchResult:
    text: str
    groups: list[Group]
    corrections: dict[str, str]
    suggestion: str = ""  # "Meinten Sie …?"
    searched: list[str] = field(default_factory=list)  # German words of a translated query
    relaxed: bool = False  # nothing had every word: hits for most of the words
    highlighter: Highlighter | None = None

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def _groups(query: search.Search, text: str, only: str) -> tuple[list[Group], list[Any]]:
    from urllib.parse import quote

    groups: list[Group] = []
    full: list[Any] = []
    for source in GROUPS:
        if only and source.key != only:
            continue
        querysets = source.querysets()
        if not querysets:
            continue
        for queryset in querysets:
            _adopt(queryset.model)
            _fresh(queryset.model)
        objects = _ranked(query, querysets)
        groups.append(
            Group(
                key=source.key,
                label=source.label,
                total=len(objects),
                results=[source.present(obj) for obj in objects[:PREVIEW_PER_GROUP]],
                more_url=_more_url(source, quote(text)),
            )
        )
        if only:
            full = objects
    guide_best: Any = None
    if not only or only == GUIDE_KEY:
        documents = [document for document, _score in _guide_hits(query)]
        guide_best = documents[0] if documents else None
        groups.append(
            Group(
                key=GUIDE_KEY,
                label=GUIDE_LABEL,
                total=len(documents),
                results=[_present_guide(d) for d in documents[:PREVIEW_PER_GROUP]],
            )
        )
        if only:
            full = documents
    for group in groups:
        if group.key == GUIDE_KEY and guide_best is not None:
            # The guide's pages carry their search words apart from the title.
            title = f"{guide_best.title} {getattr(guide_best, 'keywords', '')}"
        else:
            title = group.results[0].title if group.results else ""
        group.leads = bool(title) and query.names_in_title(title)
    groups.sort(key=lambda g: (not g.leads, PRIORITY.index(g.key) if g.key in PRIORITY else 99))
    return groups, full


def site_search(*, text: str, only: str = "") -> tuple[SiteSearchResult, list[Any]]:
    """Grouped hits for `text`; with `only`, every visible hit of that one group (for paging).

    Returns the result and, for `only`, the full ordered object list of that group. When
    nothing has every word, the hits for most of the words are shown (`relaxed`).
    """
    query = search.Search(text)
    if query.is_empty:
        return SiteSearchResult(text=text, groups=[], corrections={}), []
    groups, full = _groups(query, text, only)
    used = query
    relaxed = False
    while not any(g.total for g in groups):
        wider = used.relaxed()
        if wider is None:
            break
        used, relaxed = wider, True
        groups, full = _groups(wider, text, only)
    return (
        SiteSearchResult(
            text=text,
            groups=groups,
            corrections=query.corrections,
            suggestion=query.suggestion(),
            searched=query.searched,
            relaxed=relaxed and any(g.total for g in groups),
            highlighter=Highlighter.for_query(used.parsed),
        ),
        full,
    )


def present(*, key: str, obj: Any) -> Result:
    if key == GUIDE_KEY:
        return _present_guide(obj)
    source = next(s for s in GROUPS if s.key == key)
    return source.present(obj)
