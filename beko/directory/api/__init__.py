"""Directory API at /api/v1/ (top level): offers, organisations, locations, categories, districts.

Same filters and full-text search as the list page. Every GET answers with CORS, an ETag and
Last-Modified, and honours If-None-Match / If-Modified-Since with 304.

The endpoints are here (their OpenAPI operation ids are made from this module's name, so they
stay `beko_directory_api_<name>`); `schemas` holds the input and output schemas, `responses`
turns models into their data and answers with JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router
from ninja.decorators import decorate_view

from beko.core.lib.problem import ProblemError
from beko.core.lib.response_cache import cache_public_response

from .. import selectors
from ..models import Category, District, Language, Location, Offer, Organisation
from .responses import (
    check_exists,
    conditional_json,
    location_data,
    offer_data,
    offer_summary_data,
    organisation_data,
    page_links,
    paged_json,
)
from .schemas import (
    CategoryOut,
    DistrictOut,
    LanguageOut,
    LocationPageOut,
    LocationQuery,
    OfferOut,
    OfferPageOut,
    OfferQuery,
    OrganisationOut,
    OrganisationPageOut,
    PageQuery,
    ProblemOut,
)

if TYPE_CHECKING:
    from ..models import PublicOrganisation

router = Router(tags=["Angebote"])
MAX_ID = 2**63 - 1


def _organisations() -> QuerySet[PublicOrganisation]:
    # organisations_public() annotates public_offer_count; the cast says so until its return
    # type does (selectors.py is typed separately).
    public = cast("QuerySet[PublicOrganisation]", selectors.organisations_public())
    return public.filter(public_offer_count__gt=0).order_by("name", "pk")


@router.get(
    "offers",
    response={200: OfferPageOut, 304: None, 400: ProblemOut},
    summary="Angebote suchen und filtern",
)
@decorate_view(cache_public_response)
def offers(request: HttpRequest, params: Query[OfferQuery]) -> HttpResponse:
    filters = selectors.OfferFilters(
        q=params.q or "", category=params.category or "", district=params.district or "",
        language=params.language or "", target_group=params.target_group or "",
        residence_status=params.residence_status or "", organisation=params.organisation or "",
        free=params.free, accessible=params.accessible, childcare=params.childcare,
        open_now=params.open_now,
        sort=params.sort or "", page=params.page, page_size=params.page_size,
    )  # fmt: skip
    summary = params.view == "summary"
    result = selectors.offer_search(
        filters=filters, with_facets=params.facets, with_hours=not summary
    )
    if not result.total:
        # Only an empty result can come from an unknown value: check then, not on every call.
        check_exists(Category, "slug", params.category, "category")
        check_exists(District, "slug", params.district, "district")
        check_exists(Language, "code", params.language, "language")
        check_exists(Organisation, "slug", params.organisation, "organisation")
    if result.page != params.page and result.total:
        raise ProblemError(
            400, f"Seite {params.page} gibt es nicht (höchstens {result.num_pages}).", param="page"
        )
    next_link, previous_link = page_links(request, result.page, result.num_pages)
    data: dict[str, Any] = {
        "count": result.total, "page": params.page, "page_size": params.page_size,
        "num_pages": result.num_pages, "next": next_link, "previous": previous_link,
        "corrections": result.corrections, "suggestion": result.suggestion,
        "searched": result.searched, "relaxed": result.relaxed, "facets": None,
        "results": [(offer_summary_data if summary else offer_data)(request, offer) for offer in result.offers],
    }  # fmt: skip
    if params.facets:
        data["facets"] = {
            **{
                name: [{"value": f.value, "label": str(f.label), "count": f.count} for f in values]
                for name, values in result.facets.items()
            },
            **result.flags,
        }
    modified = max((offer.updated_at for offer in result.offers), default=None)
    return conditional_json(request, data, modified)


@router.get(
    "offers/{offer_id}",
    response={200: OfferOut, 304: None, 400: ProblemOut, 404: ProblemOut},
    summary="Ein Angebot",
)
@decorate_view(cache_public_response)
def offer_detail(request: HttpRequest, offer_id: int = Path(..., ge=1, le=MAX_ID)) -> HttpResponse:
    offer = selectors.offer_public_detail(pk=offer_id)
    return conditional_json(request, offer_data(request, offer), offer.updated_at)


@router.get(
    "organisations",
    response={200: OrganisationPageOut, 304: None, 400: ProblemOut},
    summary="Organisationen mit öffentlichen Angeboten",
)
@decorate_view(cache_public_response)
def organisations(request: HttpRequest, params: Query[PageQuery]) -> HttpResponse:
    return paged_json(request, _organisations(), params, organisation_data)


@router.get(
    "organisations/{organisation_id}",
    response={200: OrganisationOut, 304: None, 400: ProblemOut, 404: ProblemOut},
    summary="Eine Organisation",
)
@decorate_view(cache_public_response)
def organisation_detail(
    request: HttpRequest, organisation_id: int = Path(..., ge=1, le=MAX_ID)
) -> HttpResponse:
    public = cast("QuerySet[PublicOrganisation]", selectors.organisations_public())  # as above
    org = get_object_or_404(public, pk=organisation_id)
    return conditional_json(request, organisation_data(request, org), org.updated_at)


@router.get(
    "locations",
    response={200: LocationPageOut, 304: None, 400: ProblemOut},
    summary="Orte öffentlicher Angebote",
)
@decorate_view(cache_public_response)
def locations(request: HttpRequest, params: Query[LocationQuery]) -> HttpResponse:
    district = params.district
    check_exists(District, "slug", district, "district")
    through = Offer.locations.through
    queryset = (
        Location.objects.filter(
            pk__in=through.objects.filter(offer__in=selectors.offers_public().values("pk")).values(
                "location_id"
            )
        )
        .select_related("district")
        .order_by("pk")
    )
    if district:
        queryset = queryset.filter(district__slug=district)
    return paged_json(request, queryset, params, lambda _request, loc: location_data(loc))


@router.get(
    "categories",
    response={200: list[CategoryOut], 304: None, 400: ProblemOut},
    summary="Kategorien (Taxonomie)",
)
@decorate_view(cache_public_response)
def categories(request: HttpRequest) -> HttpResponse:
    items = Category.objects.select_related("parent")
    data = [
        {"slug": c.slug, "name": c.name, "parent": c.parent.slug if c.parent else None}
        for c in items
    ]
    return conditional_json(request, data, None)


@router.get(
    "districts",
    response={200: list[DistrictOut], 304: None, 400: ProblemOut},
    summary="Stadtbezirke",
)
@decorate_view(cache_public_response)
def districts(request: HttpRequest) -> HttpResponse:
    data = [
        {"slug": d.slug, "name": d.name, "latitude": float(d.latitude) if d.latitude is not None else None,
         "longitude": float(d.longitude) if d.longitude is not None else None}
        for d in District.objects.all()
    ]  # fmt: skip
    return conditional_json(request, data, None)


@router.get(
    "languages",
    response={200: list[LanguageOut], 304: None, 400: ProblemOut},
    summary="Sprachen (ISO 639)",
)
@decorate_view(cache_public_response)
def languages(request: HttpRequest) -> HttpResponse:
    data = [
        {"code": lang.code, "name": lang.name, "native_name": lang.native_name}
        for lang in Language.objects.all()
    ]
    return conditional_json(request, data, None)
