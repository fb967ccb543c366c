"""Loading the search-quality data set and measuring the queries (issue 14).

Used by `test_search_quality.py` (fails below success@5 = 0.95, on SQLite and PostgreSQL)
and by `bench/bench_search_quality.py` (`make bench` reports both figures per database).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.utils import timezone

HERE = Path(__file__).resolve().parent
SUCCESS_AT = 5
NDCG_AT = 10
MIN_SUCCESS = 0.95


def dataset() -> dict[str, Any]:
    return yaml.safe_load((HERE / "dataset.yaml").read_text(encoding="utf-8"))


def queries() -> list[dict[str, Any]]:
    return yaml.safe_load((HERE / "queries.yaml").read_text(encoding="utf-8"))["queries"]


@dataclass
class Loaded:
    refs: dict[tuple[str, int], str] = field(default_factory=dict)  # (kind, pk) -> ref


def load(*, by: Any) -> Loaded:
    """Create the data set through the apps' services where they index (news), else the
    ORM followed by a re-index (offers, FAQ, pages). Returns pk -> reference."""
    from beko.core import search
    from beko.core.models import Page
    from beko.directory.models import Category, District, Language, Location, Offer, Organisation
    from beko.directory.services import offers_reindex
    from beko.faq.models import FaqEntry
    from beko.news import services as news_services

    data = dataset()
    loaded = Loaded()
    organisations = {
        item["slug"]: Organisation.objects.create(name=item["name"], slug=item["slug"])
        for item in data["organisations"]
    }
    districts = {d.slug: d for d in District.objects.all()}
    now = timezone.now()
    for key, item in data["offers"].items():
        organisation = organisations[item["organisation"]]
        translated = {
            name: value
            for name, value in item.items()
            if name.split("_")[0] in ("title", "summary", "description") and "_" in name
        }
        offer = Offer.objects.create(
            title=item["title"],
            summary=item["summary"],
            description=item.get("description", ""),
            organisation=organisation,
            status=Offer.Status.PUBLISHED,
            last_verified_at=now,
            **translated,
        )
        location = Location.objects.create(
            organisation=organisation,
            street=f"Beispielstraße {offer.pk}",
            postal_code="42103",
            district=districts[item["district"]],
        )
        offer.locations.add(location)
        offer.categories.set(Category.objects.filter(slug__in=item.get("categories", [])))
        offer.languages.set(Language.objects.filter(code__in=item.get("languages", ["de"])))
        loaded.refs[("offer", offer.pk)] = key
    offers_reindex()
    for slug, item in data["faq"].items():
        entry = FaqEntry.objects.create(
            slug=slug,
            question=item["question"],
            answer=item["answer"],
            topic=item["topic"],
            status=FaqEntry.Status.PUBLISHED,
            published_at=now,
        )
        loaded.refs[("faq", entry.pk)] = slug
    if FaqEntry in search.registered_models():
        search.reindex(model=FaqEntry)
    for slug, item in data["news"].items():
        news = news_services.news_create(data={**item, "slug": slug}, by=by)
        news_services.news_publish(item=news, by=by, at=now - timezone.timedelta(hours=1))
        loaded.refs[("news", news.pk)] = news.slug
    for slug, item in data["pages"].items():
        # The info pages exist from a data migration: their text is replaced.
        page, _created = Page.objects.update_or_create(slug=slug, defaults=item)
        loaded.refs[("page", page.pk)] = slug
    return loaded


def offer_results(q: str) -> list[str]:
    from beko.directory.models import Offer
    from beko.directory.selectors import OfferFilters, offer_search

    result = offer_search(filters=OfferFilters(q=q, page_size=NDCG_AT), with_facets=False)
    keys = dict(Offer.objects.values_list("pk", "title"))
    return [f"title:{keys[o.pk]}" for o in result.offers]


def site_results(q: str) -> list[str]:
    """The site search's previews in the order shown, as references."""
    from beko.news.search import site_search

    result, _objects = site_search(text=q)
    shown: list[str] = []
    for group in result.groups:
        for hit in group.results:
            shown.append(f"{group.key}:{hit.url}")
    return shown


def _dcg(relevant: list[bool]) -> float:
    return sum(1 / math.log2(i + 2) for i, hit in enumerate(relevant) if hit)


@dataclass
class QueryResult:
    q: str
    kind: str
    found: list[str]
    expect: list[str]
    success: bool
    ndcg: float


@dataclass
class Report:
    results: list[QueryResult]

    @property
    def success_at_5(self) -> float:
        return sum(r.success for r in self.results) / len(self.results)

    @property
    def ndcg_at_10(self) -> float:
        return sum(r.ndcg for r in self.results) / len(self.results)

    def by_kind(self) -> dict[str, dict[str, float]]:
        kinds: dict[str, list[QueryResult]] = {}
        for result in self.results:
            kinds.setdefault(result.kind, []).append(result)
        return {
            kind: {
                "queries": len(items),
                "success_at_5": round(sum(r.success for r in items) / len(items), 4),
                "ndcg_at_10": round(sum(r.ndcg for r in items) / len(items), 4),
            }
            for kind, items in sorted(kinds.items())
        }

    def misses(self) -> list[str]:
        return [
            f"{r.q!r}: {r.found[:5]} (expected {r.expect})" for r in self.results if not r.success
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "queries": len(self.results),
            "success_at_5": round(self.success_at_5, 4),
            "ndcg_at_10": round(self.ndcg_at_10, 4),
            "by_kind": self.by_kind(),
            "misses": self.misses(),
        }


def measure(loaded: Loaded) -> Report:
    """Run every query; results become the data set's keys for comparison."""
    from django.urls import reverse

    from beko.core.models import Page
    from beko.directory.models import Offer
    from beko.faq.models import FaqEntry
    from beko.news.models import NewsItem

    by_title = {o.title: loaded.refs[("offer", o.pk)] for o in Offer.objects.all()}
    urls: dict[str, str] = {}
    for offer in Offer.objects.all():
        urls[f"offers:{offer.get_absolute_url()}"] = f"offer:{by_title[offer.title]}"
    for entry in FaqEntry.objects.all():
        urls[f"faq:{entry.get_absolute_url()}"] = f"faq:{entry.slug}"
    for item in NewsItem.objects.all():
        urls[f"news:{item.get_absolute_url()}"] = f"news:{item.slug}"
    for page in Page.objects.all():
        urls[f"pages:{page.get_absolute_url()}"] = f"page:{page.slug}"
    start = reverse("guide:start")
    urls[f"guide:{start}"] = "guide:start"
    results = []
    for query in queries():
        if query.get("scope") == "site":
            found = [urls.get(ref, _guide_ref(ref, start)) for ref in site_results(query["q"])]
        else:
            found = [by_title[ref.removeprefix("title:")] for ref in offer_results(query["q"])]
        expect = [str(e) for e in query["expect"]]
        relevant = [ref in expect for ref in found[:NDCG_AT]]
        ideal = _dcg([True] * min(len(expect), NDCG_AT))
        results.append(
            QueryResult(
                q=query["q"],
                kind=query["kind"],
                found=found,
                expect=expect,
                success=any(ref in expect for ref in found[:SUCCESS_AT]),
                ndcg=_dcg(relevant) / ideal if ideal else 0.0,
            )
        )
    return Report(results)


def _guide_ref(ref: str, start: str) -> str:
    """guide:/wege-in-arbeit/?status=duldung -> guide:status:duldung."""
    kind, _sep, url = ref.partition(":")
    if kind == "guide" and "?status=" in url:
        return f"guide:status:{url.split('?status=', 1)[1]}"
    return ref
