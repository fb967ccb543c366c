"""Directory API at /api/v1/ (top level): offers, organisations, locations, categories, districts.

Same filters and full-text search as the list page. Every GET answers with CORS, an ETag and
Last-Modified, and honours If-None-Match / If-Modified-Since with 304.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, Literal

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view

from beko.core.lib.json import dumps
from beko.core.lib.problem import ProblemError
from beko.core.lib.response_cache import cache_public_response
from beko.core.vocabulary import AUDIENCE_ALIASES, RESIDENCE_STATUS_ALIASES

from . import selectors
from .models import (
    Category,
    District,
    Language,
    Location,
    Offer,
    Organisation,
    ResidenceStatus,
    TargetGroup,
)

router = Router(tags=["Angebote"])
MAX_ID = 2**63 - 1


def _slug() -> Any:
    return Field(default=None, max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


class CategoryOut(Schema):
    slug: str
    name: str
    parent: str | None = None


class DistrictOut(Schema):
    slug: str
    name: str
    latitude: float | None = None
    longitude: float | None = None


class LanguageOut(Schema):
    code: str
    name: str
    native_name: str


class LocationOut(Schema):
    id: int
    organisation_id: int
    name: str
    street: str
    postal_code: str
    city: str
    district: str
    latitude: float | None = None
    longitude: float | None = None
    accessibility_notes: str
    transit_hint: str
    openstreetmap_url: str


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str


class OrganisationOut(OrganisationRef):
    kind: str
    short_description: str
    description: str
    website: str
    email: str
    phone: str
    offer_count: int
    url: str


class OpeningHoursOut(Schema):
    weekday: int = Field(..., description="0 = Montag … 6 = Sonntag")
    opens: str
    closes: str


class OfferOut(Schema):
    id: int
    title: str
    summary: str
    description: str
    url: str
    organisation: OrganisationRef
    categories: list[CategoryOut]
    languages: list[str] = Field(..., description="ISO 639 codes")
    target_groups: list[str]
    residence_statuses: list[str] = Field(..., description="empty = open to every residence status")
    is_free: bool
    cost: str
    registration_required: bool
    on_site: bool
    online: bool
    by_phone: bool
    wheelchair_accessible: bool
    hearing_loop: bool
    sign_language: bool
    childcare: bool
    contact_name: str
    contact_email: str
    contact_phone: str
    opening_hours: list[OpeningHoursOut]
    schedule_note: str
    locations: list[LocationOut]
    valid_from: date | None = None
    valid_until: date | None = None
    last_verified_at: datetime | None = None


class OfferSummaryOut(Schema):
    """The compact list item (`view=summary`): enough for a result list or a map."""

    id: int
    title: str
    summary: str
    url: str
    organisation: OrganisationRef
    categories: list[str] = Field(..., description="category slugs")
    districts: list[str] = Field(..., description="Stadtbezirke of the offer's locations")
    is_free: bool
    wheelchair_accessible: bool
    last_verified_at: datetime | None = None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class FacetsOut(Schema):
    category: list[FacetValueOut]
    district: list[FacetValueOut]
    language: list[FacetValueOut]
    target_group: list[FacetValueOut]
    residence_status: list[FacetValueOut]
    free: int
    accessible: int
    childcare: int
    open_now: int


class OfferPageOut(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    next: str | None = None
    previous: str | None = None
    corrections: dict[str, str] = Field(
        default_factory=dict, description="typed word → corrected index term"
    )
    suggestion: str = Field(
        default="", description="the query with typos corrected („Meinten Sie …?“), else empty"
    )
    searched: list[str] = Field(
        default_factory=list,
        description="German words searched for when the query was in another language",
    )
    relaxed: bool = Field(
        default=False,
        description="nothing matched every word; results match most of the words",
    )
    facets: FacetsOut | None = None
    results: list[OfferOut] | list[OfferSummaryOut] = Field(
        ..., description="full items, or compact ones with `view=summary`"
    )


class OfferQuery(Schema):
    q: str | None = Field(
        default=None,
        max_length=200,
        description="Volltextsuche: deutsch, mit Tippfehlern und Komposita; Fragen auf en, ar, fa, uk, tr, ru werden über das Begriffswörterbuch ins Deutsche übertragen",
    )
    category: str | None = _slug()
    district: str | None = _slug()
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    # The shared codes (beko.core.vocabulary); the former `professionals` and `para24` are
    # still understood (they mean `counselling` and `temporary_protection`).
    target_group: Literal[(*TargetGroup.values, *AUDIENCE_ALIASES)] | None = None  # type: ignore[valid-type]
    residence_status: Literal[(*ResidenceStatus.values, *RESIDENCE_STATUS_ALIASES)] | None = None  # type: ignore[valid-type]
    organisation: str | None = _slug()
    free: bool = False
    accessible: bool = False
    childcare: bool = False
    open_now: bool = False
    sort: Literal["relevance", "name", "verified"] | None = None
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=20, ge=1, le=100)
    facets: bool = Field(default=False, description="facet counts in the response")
    view: Literal["full", "summary"] = Field(
        default="full",
        description="summary: compact items (id, title, summary, url, organisation, category "
        "and district slugs, free, wheelchair access, verification date), a fifth of the bytes",
    )


class PageQuery(Schema):
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=50, ge=1, le=100)


def _location(loc: Location) -> dict[str, Any]:
    return {
        "id": loc.pk, "organisation_id": loc.organisation_id, "name": loc.name, "street": loc.street,
        "postal_code": loc.postal_code, "city": loc.city, "district": loc.district.slug,
        "latitude": float(loc.latitude) if loc.latitude is not None else None,
        "longitude": float(loc.longitude) if loc.longitude is not None else None,
        "accessibility_notes": loc.accessibility_notes, "transit_hint": loc.transit_hint,
        "openstreetmap_url": loc.osm_url,
    }  # fmt: skip


def _offer(request: HttpRequest, offer: Offer) -> dict[str, Any]:
    categories = offer.category_items
    parents = {c.pk: c.slug for c in categories}
    return {
        "id": offer.pk, "title": offer.title, "summary": offer.summary, "description": offer.description,
        "url": request.build_absolute_uri(offer.get_absolute_url()),
        "organisation": {"id": offer.organisation_id, "slug": offer.organisation.slug, "name": offer.organisation.name},
        "categories": [{"slug": c.slug, "name": c.name, "parent": parents.get(c.parent_id)} for c in categories],
        "languages": [lang.code for lang in offer.language_items],
        "target_groups": offer.target_group_list(), "residence_statuses": offer.residence_status_list(),
        "is_free": offer.is_free, "cost": offer.cost, "registration_required": offer.registration_required,
        "on_site": offer.on_site, "online": offer.online, "by_phone": offer.by_phone,
        "wheelchair_accessible": offer.wheelchair_accessible, "hearing_loop": offer.hearing_loop,
        "sign_language": offer.sign_language, "childcare": offer.childcare,
        "contact_name": offer.contact_name,
        "contact_email": offer.contact_email, "contact_phone": offer.contact_phone,
        "opening_hours": [
            {"weekday": h.weekday, "opens": h.opens.strftime("%H:%M"), "closes": h.closes.strftime("%H:%M")}
            for h in offer.opening_hour_items
        ],
        "schedule_note": offer.schedule_note,
        "locations": [_location(loc) for loc in offer.location_items],
        "valid_from": offer.valid_from.isoformat() if offer.valid_from else None,
        "valid_until": offer.valid_until.isoformat() if offer.valid_until else None,
        "last_verified_at": offer.last_verified_at.isoformat() if offer.last_verified_at else None,
    }  # fmt: skip


def _offer_summary(request: HttpRequest, offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.pk, "title": offer.title, "summary": offer.summary,
        "url": request.build_absolute_uri(offer.get_absolute_url()),
        "organisation": {"id": offer.organisation_id, "slug": offer.organisation.slug, "name": offer.organisation.name},
        "categories": [c.slug for c in offer.category_items],
        "districts": sorted({loc.district.slug for loc in offer.location_items}),
        "is_free": offer.is_free, "wheelchair_accessible": offer.wheelchair_accessible,
        "last_verified_at": offer.last_verified_at.isoformat() if offer.last_verified_at else None,
    }  # fmt: skip


def _conditional(request: HttpRequest, data: Any, last_modified: datetime | None) -> HttpResponse:
    """JSON with ETag/Last-Modified; 304 when the client's copy is current."""
    body = dumps(data)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {
        "ETag": etag,
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "ETag, Last-Modified",
        "Cache-Control": "public, max-age=60",
        "Vary": "Accept-Language",
    }
    if last_modified:
        headers["Last-Modified"] = http_date(last_modified.timestamp())
    response = HttpResponse(body, content_type="application/json")
    for key, value in headers.items():
        response[key] = value
    # Django's conditional GET (as in its `condition` decorator): If-None-Match before
    # If-Modified-Since, weak comparison, "*"; 304 for GET/HEAD, 412 for a failed If-Match.
    conditional = (
        get_conditional_response(
            request,
            etag=etag,
            last_modified=int(last_modified.timestamp()) if last_modified else None,
            response=response,
        )
        or response  # None only when no response is passed in
    )
    if conditional is not response:
        for key, value in headers.items():  # a 304 keeps the CORS headers
            conditional[key] = value
    return conditional


def _check_exists(model: Any, field: str, value: str | None, param: str) -> None:
    if value and not model.objects.filter(**{field: value}).exists():
        raise ProblemError(400, f"Unbekannter Wert für {param}: {value}", param=param)


def _page_links(request: HttpRequest, page: int, num_pages: int) -> tuple[str | None, str | None]:
    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return (link(page + 1) if page < num_pages else None, link(page - 1) if page > 1 else None)


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
        _check_exists(Category, "slug", params.category, "category")
        _check_exists(District, "slug", params.district, "district")
        _check_exists(Language, "code", params.language, "language")
        _check_exists(Organisation, "slug", params.organisation, "organisation")
    if result.page != params.page and result.total:
        raise ProblemError(
            400, f"Seite {params.page} gibt es nicht (höchstens {result.num_pages}).", param="page"
        )
    next_link, previous_link = _page_links(request, result.page, result.num_pages)
    data: dict[str, Any] = {
        "count": result.total, "page": params.page, "page_size": params.page_size,
        "num_pages": result.num_pages, "next": next_link, "previous": previous_link,
        "corrections": result.corrections, "suggestion": result.suggestion,
        "searched": result.searched, "relaxed": result.relaxed, "facets": None,
        "results": [(_offer_summary if summary else _offer)(request, offer) for offer in result.offers],
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
    return _conditional(request, data, modified)


@router.get(
    "offers/{offer_id}",
    response={200: OfferOut, 304: None, 400: ProblemOut, 404: ProblemOut},
    summary="Ein Angebot",
)
@decorate_view(cache_public_response)
def offer_detail(request: HttpRequest, offer_id: int = Path(..., ge=1, le=MAX_ID)) -> HttpResponse:
    offer = selectors.offer_public_detail(pk=offer_id)
    return _conditional(request, _offer(request, offer), offer.updated_at)


def _organisations() -> QuerySet[Organisation]:
    return selectors.organisations_public().filter(public_offer_count__gt=0).order_by("name", "pk")


def _organisation(request: HttpRequest, org: Organisation) -> dict[str, Any]:
    return {
        "id": org.pk, "slug": org.slug, "name": org.name, "kind": org.kind,
        "short_description": org.short_description, "description": org.description,
        "website": org.website, "email": org.email, "phone": org.phone,
        "offer_count": org.public_offer_count, "url": request.build_absolute_uri(org.get_absolute_url()),
    }  # fmt: skip


class OrganisationPageOut(Schema):
    count: int
    page: int
    num_pages: int
    results: list[OrganisationOut]


def _paged(request: HttpRequest, queryset: Any, params: PageQuery, render: Any) -> HttpResponse:
    paginator = Paginator(queryset, params.page_size)
    if params.page > max(paginator.num_pages, 1):
        raise ProblemError(
            400,
            f"Seite {params.page} gibt es nicht (höchstens {paginator.num_pages}).",
            param="page",
        )
    page = paginator.page(params.page)
    items = list(page.object_list)
    data = {"count": paginator.count, "page": params.page, "num_pages": paginator.num_pages,
            "results": [render(request, item) for item in items]}  # fmt: skip
    stamps = [getattr(item, "updated_at", None) for item in items]
    return _conditional(request, data, max((s for s in stamps if s), default=None))


@router.get(
    "organisations",
    response={200: OrganisationPageOut, 304: None, 400: ProblemOut},
    summary="Organisationen mit öffentlichen Angeboten",
)
@decorate_view(cache_public_response)
def organisations(request: HttpRequest, params: Query[PageQuery]) -> HttpResponse:
    return _paged(request, _organisations(), params, _organisation)


@router.get(
    "organisations/{organisation_id}",
    response={200: OrganisationOut, 304: None, 400: ProblemOut, 404: ProblemOut},
    summary="Eine Organisation",
)
@decorate_view(cache_public_response)
def organisation_detail(
    request: HttpRequest, organisation_id: int = Path(..., ge=1, le=MAX_ID)
) -> HttpResponse:
    from django.shortcuts import get_object_or_404

    org = get_object_or_404(selectors.organisations_public(), pk=organisation_id)
    return _conditional(request, _organisation(request, org), org.updated_at)


class LocationQuery(PageQuery):
    district: str | None = _slug()


class LocationPageOut(Schema):
    count: int
    page: int
    num_pages: int
    results: list[LocationOut]


@router.get(
    "locations",
    response={200: LocationPageOut, 304: None, 400: ProblemOut},
    summary="Orte öffentlicher Angebote",
)
@decorate_view(cache_public_response)
def locations(request: HttpRequest, params: Query[LocationQuery]) -> HttpResponse:
    district = params.district
    _check_exists(District, "slug", district, "district")
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
    return _paged(request, queryset, params, lambda _request, loc: _location(loc))


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
    return _conditional(request, data, None)


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
    return _conditional(request, data, None)


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
    return _conditional(request, data, None)
