"""Open Referral HSDS 3.0: read API (/api/hsds/…) and a full export as a zip of JSON files.

Identifiers are stable UUIDs derived from our primary keys (uuid5), as HSDS requires UUIDs.
Only public offers are exported. Mounted by beko/urls.py when this module exists.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from beko.core.lib.problem import problem_response

from .models import Category, Location, Offer, Organisation, ResidenceStatus, TargetGroup
from .selectors import offers_public, organisations_public

if TYPE_CHECKING:
    from .models import PublicOrganisation

NAMESPACE = uuid.UUID("7c1f2d8e-3b0a-5f4e-9a61-0beb0d1a2c3e")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
MAX_PER_PAGE = 100


# Entities looked up by id get reversible UUIDs: kind in the first group, primary key in the last.
KINDS = {"offer": 1, "organisation": 2, "location": 3, "category": 4}


def hsds_id(kind: str, pk: int | str) -> str:
    if kind in KINDS and isinstance(pk, int) and 0 <= pk < 2**48:
        return f"{0xBE0C0000 + KINDS[kind]:08x}-0000-4000-8000-{pk:012x}"
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def pk_from_hsds_id(kind: str, value: str) -> int | None:
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return None
    if parsed.fields[0] != 0xBE0C0000 + KINDS[kind]:
        return None
    return parsed.fields[5]


def _absolute(url: str) -> str:
    return settings.SITE_URL + url


def taxonomy_term(category: Category) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": hsds_id("category", category.pk),
        "code": category.slug,
        "name": category.name,
        "description": category.description or category.name,
        "taxonomy": "BeKo-Kategorien",
        "language": "de",
    }
    if category.parent_id:
        data["parent_id"] = hsds_id("category", category.parent_id)
    return data


def organization(org: Organisation, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": hsds_id("organisation", org.pk),
        "name": org.name,
        "description": org.description or org.short_description or org.name,
        "uri": _absolute(org.get_absolute_url()),
    }
    if org.email:
        data["email"] = org.email
    if org.website:
        data["website"] = org.website
    if full:
        data["phones"] = (
            [
                {
                    "id": hsds_id("org-phone", org.pk),
                    "organization_id": data["id"],
                    "number": org.phone,
                }
            ]
            if org.phone
            else []
        )
        data["services"] = []
    return data


def location(loc: Location) -> dict[str, Any]:
    location_id = hsds_id("location", loc.pk)
    data: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": hsds_id("organisation", loc.organisation_id),
        "name": loc.name or loc.street,
        "description": f"Stadtbezirk {loc.district.name}",
        "addresses": [
            {
                "id": hsds_id("address", loc.pk),
                "location_id": location_id,
                "address_1": loc.street,
                "city": loc.city,
                "region": loc.district.name,
                "state_province": "Nordrhein-Westfalen",
                "postal_code": loc.postal_code,
                "country": "DE",
                "address_type": "physical",
            }
        ],
    }
    if loc.transit_hint:
        data["transportation"] = loc.transit_hint
    if loc.latitude is not None and loc.longitude is not None:
        data["latitude"] = float(loc.latitude)
        data["longitude"] = float(loc.longitude)
    if loc.accessibility_notes:
        data["accessibility"] = [
            {
                "id": hsds_id("accessibility", loc.pk),
                "location_id": location_id,
                "description": loc.accessibility_notes,
            }
        ]
    return data


def _eligibility(offer: Offer) -> str:
    groups = ", ".join(offer.target_group_labels()) or "alle"
    statuses = ", ".join(offer.residence_status_labels()) or "unabhängig vom Aufenthaltsstatus"
    return f"Zielgruppen: {groups}. Aufenthaltsstatus: {statuses}."


def service(offer: Offer, *, full: bool = True) -> dict[str, Any]:
    service_id = hsds_id("offer", offer.pk)
    data: dict[str, Any] = {
        "id": service_id,
        "organization_id": hsds_id("organisation", offer.organisation_id),
        "name": offer.title,
        "description": "\n\n".join(part for part in (offer.summary, offer.description) if part),
        "url": _absolute(offer.get_absolute_url()),
        "status": "active",
        "fees_description": offer.cost or ("kostenlos" if offer.is_free else "kostenpflichtig"),
        "application_process": "Anmeldung nötig"
        if offer.registration_required
        else "ohne Anmeldung",
        "eligibility_description": _eligibility(offer),
        "last_modified": offer.updated_at.isoformat(),
        "organization": organization(offer.organisation),
    }
    if offer.contact_email:
        data["email"] = offer.contact_email
    if offer.last_verified_at:
        data["assured_date"] = offer.last_verified_at.date().isoformat()
    if not full:
        return data
    data["phones"] = (
        [
            {
                "id": hsds_id("phone", offer.pk),
                "service_id": service_id,
                "number": offer.contact_phone,
            }
        ]
        if offer.contact_phone
        else []
    )
    data["contacts"] = (
        [
            {
                "id": hsds_id("contact", offer.pk),
                "service_id": service_id,
                **({"name": offer.contact_name} if offer.contact_name else {}),
                **({"email": offer.contact_email} if offer.contact_email else {}),
            }
        ]
        if offer.contact_name or offer.contact_email
        else []
    )
    data["schedules"] = [
        {
            "id": hsds_id("schedule", h.pk),
            "service_id": service_id,
            "freq": "WEEKLY",
            "byday": WEEKDAYS[h.weekday],
            "opens_at": h.opens.strftime("%H:%M"),
            "closes_at": h.closes.strftime("%H:%M"),
            **({"description": offer.schedule_note} if offer.schedule_note else {}),
        }
        for h in offer.opening_hours.all()
    ]
    data["languages"] = [
        {
            "id": hsds_id(f"language-{offer.pk}", lang.code),
            "service_id": service_id,
            "name": lang.name,
            "code": lang.code,
        }
        for lang in offer.languages.all()
    ]
    data["service_at_locations"] = [
        {
            "id": hsds_id(f"sal-{offer.pk}", loc.pk),
            "service_id": service_id,
            "location_id": hsds_id("location", loc.pk),
            "location": location(loc),
        }
        for loc in offer.locations.all()
    ]
    data["attributes"] = [
        {
            "id": hsds_id(f"attribute-{offer.pk}", c.pk),
            "link_id": service_id,
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": hsds_id("category", c.pk),
            "taxonomy_term": taxonomy_term(c),
        }
        for c in offer.categories.all()
    ]
    target_labels, status_labels = dict(TargetGroup.choices), dict(ResidenceStatus.choices)
    data["attributes"] += [
        {"id": hsds_id(f"target-{offer.pk}", v), "link_id": service_id, "link_type": "target_group",
         "link_entity": "service", "value": str(target_labels.get(v, v))}
        for v in offer.target_group_list()
    ] + [
        {"id": hsds_id(f"status-{offer.pk}", v), "link_id": service_id, "link_type": "residence_status",
         "link_entity": "service", "value": str(status_labels.get(v, v))}
        for v in offer.residence_status_list()
    ]  # fmt: skip
    return data


def _services_queryset() -> QuerySet[Offer]:
    return (
        offers_public()
        .select_related("organisation")
        .prefetch_related(
            "categories",
            "languages",
            "opening_hours",
            Prefetch("locations", queryset=Location.objects.select_related("district")),
        )
        .order_by("pk")
    )


def _page(request: HttpRequest, queryset: Any, render: Any) -> HttpResponse:
    try:
        number = int(request.GET.get("page", "1"))
        per_page = int(request.GET.get("per_page", "50"))
    except ValueError:
        return problem_response(
            request, status=400, detail="page und per_page müssen ganze Zahlen sein."
        )
    if number < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        return problem_response(
            request, status=400, detail=f"page ≥ 1 und 1 ≤ per_page ≤ {MAX_PER_PAGE}."
        )
    paginator = Paginator(queryset, per_page)
    if number > max(paginator.num_pages, 1):
        return problem_response(request, status=404, detail="Diese Seite gibt es nicht.")
    page = paginator.page(number)
    contents = [render(item) for item in page.object_list]
    response = JsonResponse(
        {
            "total_items": paginator.count,
            "total_pages": paginator.num_pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number >= paginator.num_pages,
            "empty": paginator.count == 0,
            "contents": contents,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data: Any) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _by_uuid(queryset: QuerySet[Any], kind: str, value: str) -> Any:
    pk = pk_from_hsds_id(kind, value)
    return None if pk is None else queryset.filter(pk=pk).first()


@require_GET
def index(request: HttpRequest) -> JsonResponse:
    return _json(
        {
            "version": "3.0",
            "profile": "https://openreferral.org",
            "openapi_url": _absolute(reverse("hsds:index")),
            "publisher": settings.BEKO_OFFICE["name"],
            "export": _absolute(reverse("hsds:export")),
        }
    )


@require_GET
def services(request: HttpRequest) -> HttpResponse:
    queryset = _services_queryset()
    search = request.GET.get("search", "").strip()
    if len(search) > 200:
        return problem_response(
            request, status=400, detail="search ist zu lang (höchstens 200 Zeichen)."
        )
    if search:
        from beko.core.search import Search

        queryset = Search(search).filter(queryset)
    return _page(request, queryset, lambda offer: service(offer, full=False))


@require_GET
def service_detail(request: HttpRequest, service_id: str) -> HttpResponse:
    offer = _by_uuid(_services_queryset(), "offer", service_id)
    if offer is None:
        return problem_response(request, status=404, detail="Nicht gefunden.")
    return _json(service(offer))


@require_GET
def organizations(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        # organisations_public() annotates public_offer_count; the cast says so until its
        # return type does (selectors.py is typed separately).
        cast("QuerySet[PublicOrganisation]", organisations_public())
        .filter(public_offer_count__gt=0)
        .order_by("pk"),
        organization,
    )


@require_GET
def organization_detail(request: HttpRequest, organization_id: str) -> HttpResponse:
    org = _by_uuid(Organisation.objects.filter(is_public=True), "organisation", organization_id)
    if org is None:
        return problem_response(request, status=404, detail="Nicht gefunden.")
    data = organization(org, full=True)
    data["services"] = [
        service(o, full=False) for o in _services_queryset().filter(organisation=org)
    ]
    return _json(data)


@require_GET
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    return _page(request, Category.objects.order_by("pk"), taxonomy_term)


def export_files() -> dict[str, list[dict[str, Any]]]:
    offers = list(_services_queryset())
    locations = {loc.pk: loc for offer in offers for loc in offer.locations.all()}
    orgs = {offer.organisation_id: offer.organisation for offer in offers}
    return {
        "services.json": [service(o) for o in offers],
        "organizations.json": [organization(org, full=False) for org in orgs.values()],
        "locations.json": [location(loc) for loc in locations.values()],
        "taxonomy_terms.json": [taxonomy_term(c) for c in Category.objects.order_by("pk")],
    }


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in export_files().items():
            archive.writestr(name, json.dumps(rows, ensure_ascii=False, indent=1))
        archive.writestr(
            "README.txt",
            "Open Referral HSDS 3.0 export of the BeKo offer directory (public offers only).\n",
        )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="beko-hsds.zip"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


app_name = "hsds"
urlpatterns = [
    path("", index, name="index"),
    path("services", services, name="services"),
    path("services/<str:service_id>", service_detail, name="service_detail"),
    path("organizations", organizations, name="organizations"),
    path("organizations/<str:organization_id>", organization_detail, name="organization_detail"),
    path("taxonomy_terms", taxonomy_terms, name="taxonomy_terms"),
    path("export.zip", export, name="export"),
]
