"""Turning models into the schemas' data, and the JSON answer every endpoint gives.

Every GET answers with CORS, an ETag and Last-Modified, and honours If-None-Match /
If-Modified-Since with 304 (`conditional_json`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from beko.core.lib.json import dumps
from beko.core.lib.problem import ProblemError

from ..models import Location, Offer
from .schemas import PageQuery

if TYPE_CHECKING:
    from ..models import PublicOrganisation


def location_data(loc: Location) -> dict[str, Any]:
    return {
        "id": loc.pk, "organisation_id": loc.organisation_id, "name": loc.name, "street": loc.street,
        "postal_code": loc.postal_code, "city": loc.city, "district": loc.district.slug,
        "latitude": float(loc.latitude) if loc.latitude is not None else None,
        "longitude": float(loc.longitude) if loc.longitude is not None else None,
        "accessibility_notes": loc.accessibility_notes, "transit_hint": loc.transit_hint,
        "openstreetmap_url": loc.osm_url,
    }  # fmt: skip


def offer_data(request: HttpRequest, offer: Offer) -> dict[str, Any]:
    categories = offer.category_items
    parents = {c.pk: c.slug for c in categories}
    return {
        "id": offer.pk, "title": offer.title, "summary": offer.summary, "description": offer.description,
        "url": request.build_absolute_uri(offer.get_absolute_url()),
        "organisation": {"id": offer.organisation_id, "slug": offer.organisation.slug, "name": offer.organisation.name},
        "categories": [{"slug": c.slug, "name": c.name, "parent": parents.get(c.parent_id) if c.parent_id else None} for c in categories],
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
        "locations": [location_data(loc) for loc in offer.location_items],
        "valid_from": offer.valid_from.isoformat() if offer.valid_from else None,
        "valid_until": offer.valid_until.isoformat() if offer.valid_until else None,
        "last_verified_at": offer.last_verified_at.isoformat() if offer.last_verified_at else None,
    }  # fmt: skip


def offer_summary_data(request: HttpRequest, offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.pk, "title": offer.title, "summary": offer.summary,
        "url": request.build_absolute_uri(offer.get_absolute_url()),
        "organisation": {"id": offer.organisation_id, "slug": offer.organisation.slug, "name": offer.organisation.name},
        "categories": [c.slug for c in offer.category_items],
        "districts": sorted({loc.district.slug for loc in offer.location_items}),
        "is_free": offer.is_free, "wheelchair_accessible": offer.wheelchair_accessible,
        "last_verified_at": offer.last_verified_at.isoformat() if offer.last_verified_at else None,
    }  # fmt: skip


def conditional_json(
    request: HttpRequest, data: Any, last_modified: datetime | None
) -> HttpResponse:
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


def check_exists(model: type[Model], field: str, value: str | None, param: str) -> None:
    if value and not model._default_manager.filter(**{field: value}).exists():
        raise ProblemError(400, f"Unbekannter Wert für {param}: {value}", param=param)


def page_links(request: HttpRequest, page: int, num_pages: int) -> tuple[str | None, str | None]:
    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return (link(page + 1) if page < num_pages else None, link(page - 1) if page > 1 else None)


def organisation_data(request: HttpRequest, org: PublicOrganisation) -> dict[str, Any]:
    return {
        "id": org.pk, "slug": org.slug, "name": org.name, "kind": org.kind,
        "short_description": org.short_description, "description": org.description,
        "website": org.website, "email": org.email, "phone": org.phone,
        "offer_count": org.public_offer_count, "url": request.build_absolute_uri(org.get_absolute_url()),
    }  # fmt: skip


_M = TypeVar("_M", bound=Model)


def paged_json(
    request: HttpRequest,
    queryset: QuerySet[_M],
    params: PageQuery,
    render: Callable[[HttpRequest, _M], dict[str, Any]],
) -> HttpResponse:
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
    return conditional_json(request, data, max((s for s in stamps if s), default=None))
