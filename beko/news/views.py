from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from beko.accounts.permissions import is_staff_member, second_factor_pending
from beko.accounts.two_factor import redirect_to_second_factor
from beko.core.lib.fallback_marks import shown_field
from beko.core.lib.json_ld import json_ld_script
from beko.core.lib.response_cache import cache_public_response

from . import selectors
from .forms import NewsFilterForm, SiteSearchForm
from .models import AudiencePage, NewsItem


@cache_public_response
@require_GET
def news_list(request: HttpRequest) -> HttpResponse:
    form = NewsFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.news_filter(
        queryset=selectors.news_public(),
        year=filters.get("year"),
        category=filters.get("category") or "",
        tag=filters.get("tag") or "",
        kind=filters.get("kind") or "",
    )
    text = filters.get("q") or ""
    if text:
        items = selectors.news_search(queryset=items, text=text)  # type: ignore[assignment]  # the ranked search gives a list; Paginator takes both
    page_obj = Paginator(items, settings.BEKO_NEWS_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in filters.items() if value})
    context = {
        "form": form,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "query": query,
        "filtered": bool(query),
        "text": text,
        "tag": selectors.tags_in_use().filter(slug=filters.get("tag") or "").first(),
        "crumbs": [(gettext_lazy("Aktuelles"), "")],
    }
    htmx = getattr(request, "htmx", None)  # set by django-htmx's middleware
    template = "news/_news_results.html" if htmx else "news/news_list.html"
    return render(request, template, context)


def _news_for(request: HttpRequest, slug: str) -> NewsItem:
    """Live or archived items for everyone; drafts and scheduled ones only for staff who
    have passed the second factor (a preview is back-office content)."""
    user = None if second_factor_pending(request) else request.user
    queryset = selectors.news_detail_prefetched(queryset=selectors.news_reachable(user=user))
    return get_object_or_404(queryset, slug=slug)


@cache_public_response
@require_GET
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if (
        second_factor_pending(request)
        and not selectors.news_reachable(user=None).filter(slug=slug).exists()
    ):
        return redirect_to_second_factor(request)
    item = _news_for(request, slug)
    live = selectors.news_is_live(item=item)
    context = {
        "item": item,
        "live": live,
        "preview": not live and item.status != NewsItem.Status.ARCHIVED,
        "gallery": selectors.news_gallery(item=item),
        "related_offers": selectors.related_offers(item=item),
        "related_events": selectors.related_events(item=item),
        "share_title": item.title,
        "crumbs": [
            (gettext_lazy("Aktuelles"), reverse("news:news_list")),
            (shown_field(item, "title"), ""),
        ],
        "meta": {
            "title": item.title,
            "description": item.teaser,
            "image": item.lead_image,
            "type": "article",
            "published_time": item.publish_at,
            "modified_time": item.updated_at,
            "noindex": not live,
        },
    }
    context["json_ld"] = _article_json_ld(item)
    response = render(request, "news/news_detail.html", context)
    if not live and is_staff_member(request.user):
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _article_json_ld(item: NewsItem) -> SafeString:
    """schema.org NewsArticle from our own data, embedded with the CSP nonce."""
    from beko.core.images import image_largest_url

    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title[:110],
        "description": item.teaser,
        "datePublished": item.publish_at.isoformat() if item.publish_at else None,
        "dateModified": item.updated_at.isoformat(),
        "mainEntityOfPage": settings.SITE_URL + item.get_absolute_url(),
        "author": {"@type": "Organization", "name": item.author_unit},
        "publisher": {"@type": "Organization", "name": settings.BEKO_OFFICE["name"]},
    }
    if item.lead_image:
        data["image"] = [settings.SITE_URL + image_largest_url(image=item.lead_image)]
        data["creditText"] = item.lead_image.credit
    return json_ld_script(data)


def _audience_page(request: HttpRequest, page: AudiencePage | None) -> HttpResponse:
    if page is None:
        raise Http404
    context = {
        "page": page,
        "bundle": selectors.audience_bundle(page=page),
        "share_title": page.title,
        "crumbs": [(shown_field(page, "title"), "")],
        "meta": {"title": page.title, "description": page.intro, "image": page.lead_image},
    }
    return render(request, "news/audience_page.html", context)


# Addresses that moved (migration 0003 split the joint page): old links keep working.
LEGACY_AUDIENCE_SLUGS = {"fuer-beratungsstellen-und-vereine": "fuer-beratungsstellen"}


@cache_public_response
@require_GET
def audience_page(request: HttpRequest, slug: str) -> HttpResponse:
    if slug in LEGACY_AUDIENCE_SLUGS:
        return redirect("pages:audience", slug=LEGACY_AUDIENCE_SLUGS[slug], permanent=True)
    page = selectors.audience_page_public(slug=slug)
    if page is not None and page.audience == AudiencePage.Audience.ABOUT:
        raise Http404
    return _audience_page(request, page)


@cache_public_response
@require_GET
def about(request: HttpRequest) -> HttpResponse:
    page = AudiencePage.objects.filter(audience=AudiencePage.Audience.ABOUT).first()
    if page is None:
        raise Http404
    context = {
        "page": page,
        "numbers": selectors.about_numbers(),
        "year": timezone.localdate().year,
        "audience_pages": selectors.audience_pages_public().exclude(pk=page.pk),
        "share_title": page.title,
        "crumbs": [(shown_field(page, "title"), "")],
        "meta": {"title": page.title, "description": page.intro, "image": page.lead_image},
    }
    return render(request, "news/about.html", context)


@cache_public_response
@require_GET
def site_search(request: HttpRequest) -> HttpResponse:
    """`/suche/?q=…`: grouped hits; `&bereich=news` lists every hit of one group, paginated."""
    try:
        from .search import GROUP_KEYS, present
        from .search import site_search as run_search
    except ImportError:  # the shared search (beko.core.search) is not installed yet
        return render(request, "news/search.html", {"unavailable": True, "form": SiteSearchForm()})

    form = SiteSearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    only = form.cleaned_data.get("bereich", "") if form.is_valid() else ""
    if only not in GROUP_KEYS:
        only = ""
    result, objects = run_search(text=text, only=only) if text else (None, [])
    page_obj = None
    results = []
    if only and result is not None:
        page_obj = Paginator(objects, 20).get_page(request.GET.get("page"))
        results = [present(key=only, obj=obj) for obj in page_obj.object_list]
    context = {
        "form": form,
        "text": text,
        "result": result,
        "only": only,
        "only_group": result.groups[0] if only and result and result.groups else None,
        "page_obj": page_obj,
        "results": results,
        "query": urlencode({"q": text, "bereich": only}),
        "suggestion_url": (
            f"{request.path}?{urlencode({'q': result.suggestion})}"
            if result is not None and result.suggestion
            else ""
        ),
        "crumbs": [(gettext_lazy("Suche"), "")],
        "meta": {"title": _("Suche"), "noindex": bool(text)},
    }
    return render(request, "news/search.html", context)
