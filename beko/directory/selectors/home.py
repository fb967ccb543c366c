"""The directory's blocks on the home page (topic tiles with counts, the district map)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse

from ..district_map import district_map as districts_map
from ..models import (
    Category,
    District,
    Offer,
    Organisation,
)
from .public import offers_public


def home_section(request: HttpRequest) -> list[dict[str, Any]]:
    """Two blocks on the home page: topic tiles with counts (first, right under the
    search) and the district map (after the guide's entry)."""
    base = offers_public()
    # A top-level category counts the offers filed under it or its children, each once
    # (like the list page's category filter).
    per_topic = dict(
        Offer.categories.through.objects.filter(offer__in=base.values("pk"))  # type: ignore[misc]  # values_list over an annotation: django-stubs only knows model fields
        .annotate(topic=Coalesce("category__parent_id", "category_id"))
        .values_list("topic")
        .annotate(n=Count("offer_id", distinct=True))
    )
    tiles = [
        {"category": c, "count": per_topic.get(c.pk, 0)}
        for c in Category.objects.filter(parent__isnull=True)
    ]
    districts = dict(
        Offer.locations.through.objects.filter(offer__in=base.values("pk"))
        .values_list("location__district_id")
        .annotate(n=Count("offer_id", distinct=True))
    )
    list_url = reverse("directory:offer_list")
    district_map = districts_map(
        districts=[(d, districts.get(d.pk, 0)) for d in District.objects.all()],
        url_for=lambda slug: f"{list_url}?{urlencode({'district': slug})}",
    )
    return [
        {
            "template": "directory/_home_section.html",
            "order": 10,
            "context": {
                "offer_count": base.count(),
                "organisation_count": Organisation.objects.filter(is_public=True, offers__in=base)
                .distinct()
                .count(),
                "tiles": tiles,
            },
        },
        {
            "template": "directory/_home_districts.html",
            "order": 25,
            "context": {"district_map": district_map},
        },
    ]


# Same blocks for every visitor: core caches their HTML per language (docs/architecture.md).
home_section.cache_seconds = 60  # type: ignore[attr-defined]  # a function attribute core reads
