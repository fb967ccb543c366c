from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from beko.core.lib.response_cache import cache_public_response

from . import selectors
from .choices import Topic
from .forms import FaqSearchForm


@cache_public_response
@require_GET
def faq_list(request: HttpRequest) -> HttpResponse:
    """All published entries grouped by topic, with a search; htmx gets only the results."""
    form = FaqSearchForm(request.GET or None)
    query, topic = "", ""
    if form.is_valid():
        query, topic = form.cleaned_data["q"], form.cleaned_data["thema"]
    entries = selectors.faq_search(query=query, topic=topic)
    page_obj = Paginator(entries, 100).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    counts = selectors.faq_topic_counts()
    context = {
        "form": form,
        "query": query,
        "topic": topic,
        "topic_label": dict(Topic.choices).get(topic, ""),
        "groups": selectors.faq_grouped_by_topic(page_obj),
        "page_obj": page_obj,
        "total": page_obj.paginator.count,
        "topics": [
            {"code": code, "label": label, "count": count}
            for code, label in Topic.choices
            if (count := counts.get(code, 0))
        ],
        "params": params.urlencode(),
        "crumbs": [(gettext_lazy("Häufige Fragen"), "")],
    }
    template = "faq/_results.html" if request.htmx else "faq/faq_list.html"  # type: ignore[attr-defined]  # set by django-htmx's middleware
    return render(request, template, context)


@cache_public_response
@require_GET
def faq_detail(request: HttpRequest, slug: str) -> HttpResponse:
    entry = selectors.faq_entry_public(slug=slug)
    if entry is None:
        raise Http404
    related = [e for e in selectors.faq_entries_for(topic=entry.topic, limit=6) if e.pk != entry.pk]
    return render(request, "faq/faq_detail.html", {"entry": entry, "related": related[:5]})
