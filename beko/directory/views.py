from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import lazy
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from beko.accounts.permissions import is_staff_member, second_factor_pending
from beko.core.lib.fallback_marks import german, shown_field
from beko.core.lib.json_ld import json_ld_script
from beko.core.lib.params import page_number
from beko.core.lib.response_cache import cache_public_response
from beko.core.storage import private_file_response

from . import selectors, services
from .district_map import DistrictMap, distance_label, offer_distance_km
from .district_map import district_map as districts_map
from .forms import OfferReportForm, OfferSearchForm
from .models import Offer, Organisation
from .tokens import VerifyTokenError, offer_from_verify_token

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

    from .models import PublicOrganisation

FILTER_LABELS = {
    "category": gettext_lazy("Kategorie"),
    "district": gettext_lazy("Stadtbezirk"),
    "language": gettext_lazy("Sprache"),
    "target_group": gettext_lazy("Zielgruppe"),
    "residence_status": gettext_lazy("Aufenthaltsstatus"),
    "free": gettext_lazy("kostenlos"),
    "accessible": gettext_lazy("barrierefrei"),
    "childcare": gettext_lazy("mit Kinderbetreuung"),
    "open_now": gettext_lazy("jetzt geöffnet"),
    "organisation": gettext_lazy("Organisation"),
}


def _query_without(params: QueryDict, *names: str) -> str:
    query = params.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    return query.urlencode()


def _active_filter_links(
    request: HttpRequest, result: selectors.OfferSearchResult
) -> list[dict[str, StrOrPromise]]:
    labels: dict[str, dict[str, str]] = {
        name: {f.value: f.label for f in values} for name, values in result.facets.items()
    }
    links: list[dict[str, StrOrPromise]] = []
    for name, value in result.filters.active().items():
        shown = labels.get(name, {}).get(str(value), "" if isinstance(value, bool) else str(value))
        # Lazy: put together when the page renders, so German fallbacks in it are marked.
        label = format_lazy("{}: {}", FILTER_LABELS[name], shown) if shown else FILTER_LABELS[name]
        query = _query_without(request.GET, name)
        links.append({"label": label, "url": f"{request.path}?{query}" if query else request.path})
    return links


def _district_filter(
    request: HttpRequest, result: selectors.OfferSearchResult
) -> tuple[DistrictMap, str]:
    """The map as the district filter: each tile keeps the other filters and picks its
    district; the counts are the facet's (they respect every other filter)."""
    base = _query_without(request.GET, "district")
    prefix = f"{request.path}?{base}&" if base else f"{request.path}?"
    district_map = districts_map(
        districts=[(f.obj, f.count) for f in result.facets.get("district", [])],
        url_for=lambda slug: prefix + urlencode({"district": slug}),
        selected=result.filters.district,
    )
    return district_map, f"{request.path}?{base}" if base else request.path


def _mark_distances(result: selectors.OfferSearchResult) -> str:
    """With a district picked, each card says how far the offer is from its centre;
    returns the sentence that explains how (empty without a district)."""
    district = next(
        (f.obj for f in result.facets.get("district", []) if f.selected and f.obj), None
    )
    if district is None:
        return ""
    # Lazy: worded when the page renders, so an untranslated sentence is marked as German.
    for offer in result.offers:
        offer.distance_label = lazy(distance_label, str)(  # type: ignore[attr-defined]  # attribute for the template, not a model field
            offer_distance_km(offer, district), district_name=german(district.name)
        )
    return lazy(_distance_note, str)(german(district.name))  # type: ignore[no-any-return]  # lazy() returns a Promise typed as Any


def _distance_note(district: str) -> str:
    return _(
        "Entfernung: Luftlinie vom nächsten Ort des Angebots zur Mitte von %(district)s, "
        "gerundet – kein Fußweg und keine Fahrzeit."
    ) % {"district": district}


def _suggestion_url(request: HttpRequest, suggestion: str) -> str:
    """The same search with the corrected query (filters kept, sort and page reset)."""
    if not suggestion:
        return ""
    query = request.GET.copy()
    for name in ("page", "sort", "sorted_q"):
        query.pop(name, None)
    query["q"] = suggestion
    return f"{request.path}?{query.urlencode()}"


@cache_public_response
@require_GET
def offer_list(request: HttpRequest) -> HttpResponse:
    form = OfferSearchForm(request.GET or None)
    form.is_valid()
    filters = form.filters() if form.is_bound else selectors.OfferFilters()
    result = selectors.offer_search(filters=filters)
    distance_note = _mark_distances(result)
    district_map, district_all_url = _district_filter(request, result)
    context = {
        "form": form,
        "result": result,
        "filter_links": _active_filter_links(request, result),
        "filter_count": len(result.filters.active()),
        "distance_note": distance_note,
        "district_map": district_map,
        "district_all_url": district_all_url,
        "page_query": _query_without(request.GET),
        "district_query": _query_without(request.GET, "district"),
        "category_query": _query_without(request.GET, "category"),
        "suggestion_url": _suggestion_url(request, result.suggestion),
        "crumbs": [(gettext_lazy("Angebote"), "")],
    }
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        response = render(request, "directory/_offer_search_area.html", context)
    else:
        response = render(request, "directory/offer_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _json_ld(request: HttpRequest, offer: Offer) -> SafeString:
    """schema.org Service, escaped so it cannot close the script tag."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": offer.title,
        "description": offer.summary,
        "url": request.build_absolute_uri(offer.get_absolute_url()),
        "provider": {
            "@type": "Organization",
            "name": offer.organisation.name,
            "url": request.build_absolute_uri(offer.organisation.get_absolute_url()),
        },
        "availableLanguage": [lang.code for lang in offer.languages.all()],
        "isAccessibleForFree": offer.is_free,
        "areaServed": {"@type": "City", "name": "Wuppertal"},
        "serviceType": [c.name for c in offer.categories.all()],
    }
    locations = []
    for loc in offer.locations.all():
        place: dict[str, Any] = {
            "@type": "Place",
            "name": loc.name or loc.street,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": loc.street,
                "postalCode": loc.postal_code,
                "addressLocality": loc.city,
                "addressCountry": "DE",
            },
        }
        if loc.latitude is not None and loc.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(loc.latitude),
                "longitude": float(loc.longitude),
            }
        locations.append(place)
    if locations:
        data["availableChannel"] = [
            {"@type": "ServiceChannel", "serviceLocation": place} for place in locations
        ]
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][h.weekday]}",
            "opens": h.opens.strftime("%H:%M"),
            "closes": h.closes.strftime("%H:%M"),
        }
        for h in offer.opening_hours.all()
    ]
    if hours:
        data["hoursAvailable"] = hours
    return json_ld_script(data)


def _detail_context(
    request: HttpRequest, offer: Offer, form: OfferReportForm | None = None
) -> dict[str, Any]:
    return {
        "offer": offer,
        "json_ld": _json_ld(request, offer),
        "report_form": form or OfferReportForm(),
        "freshness": offer.freshness_state(),
        "osm_links": [(loc, loc.osm_url) for loc in offer.locations.all()],
        "crumbs": [
            (gettext_lazy("Angebote"), reverse("directory:offer_list")),
            (shown_field(offer, "title"), ""),
        ],
    }


@cache_public_response
@require_GET
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_public_detail(pk=pk)
    return render(request, "directory/offer_detail.html", _detail_context(request, offer))


@require_GET
def offer_print(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_public_detail(pk=pk)
    return render(request, "directory/offer_print.html", {"offer": offer})


@require_http_methods(["POST"])
def offer_report(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_public_detail(pk=pk)
    form = OfferReportForm(request.POST)
    limited = is_ratelimited(
        request,
        group="directory.report",
        key="ip",
        rate=settings.BEKO_DIRECTORY_REPORT_RATE,
        method="POST",
        increment=True,
    )
    if limited:
        form.add_error(
            None, _("Zu viele Hinweise in kurzer Zeit. Bitte versuchen Sie es später noch einmal.")
        )
        return render(
            request,
            "directory/offer_detail.html",
            _detail_context(request, offer, form),
            status=429,
        )
    if not form.is_valid():
        return render(
            request,
            "directory/offer_detail.html",
            _detail_context(request, offer, form),
            status=400,
        )
    if not form.is_bot():
        services.offer_report_create(
            offer=offer, message=form.cleaned_data["message"], email=form.cleaned_data["email"]
        )
    # Bots see the same thank-you, so they learn nothing from the honeypot.
    messages.success(request, _("Danke! Ihr Hinweis ist beim BeKo-Team angekommen."))
    return redirect(offer.get_absolute_url() + "#hinweis")


@cache_public_response
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    # organisations_public() annotates public_offer_count; the cast says so until its return
    # type does (selectors.py is typed separately).
    public = cast("QuerySet[PublicOrganisation]", selectors.organisations_public())
    organisations = public.filter(public_offer_count__gt=0)
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    crumbs = [
        (gettext_lazy("Angebote"), reverse("directory:offer_list")),
        (gettext_lazy("Organisationen"), ""),
    ]
    return render(request, "directory/organisation_list.html", {"page_obj": page, "crumbs": crumbs})


@cache_public_response
@require_GET
def organisation_logo(request: HttpRequest, slug: str) -> FileResponse:
    """The logo of a public organisation; staff also see those of hidden ones."""
    organisations = Organisation.objects.filter(slug=slug)
    staff = is_staff_member(request.user) and not second_factor_pending(request)
    organisation = (organisations if staff else organisations.filter(is_public=True)).first()
    if organisation is None or not organisation.logo:
        raise Http404
    return private_file_response(
        name=organisation.logo.name or "",
        cache="public, max-age=3600" if organisation.is_public else "private, no-store",
    )


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation: Organisation = get_object_or_404(
        Organisation.objects.filter(is_public=True), slug=slug
    )
    result = selectors.offer_search(
        filters=selectors.OfferFilters(
            organisation=slug, page=page_number(request.GET.get("page"))
        ),
        with_facets=False,
    )
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "result": result,
            "crumbs": [
                (gettext_lazy("Angebote"), reverse("directory:offer_list")),
                (gettext_lazy("Organisationen"), reverse("directory:organisation_list")),
                (shown_field(organisation, "name"), ""),
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def offer_verify_link(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click "still correct" link from the freshness reminder (signed, expiring).

    GET shows the offer and a button; POST confirms. (Mail scanners follow links with GET,
    so GET alone must not count as a confirmation.)
    """
    try:
        offer, user = offer_from_verify_token(token)
    except VerifyTokenError as exc:
        return render(request, "directory/verify_link.html", {"error": str(exc)}, status=400)
    if request.method == "POST":
        services.offer_verify(offer=offer, by=user)
        return render(request, "directory/verify_link.html", {"offer": offer, "done": True})
    return render(request, "directory/verify_link.html", {"offer": offer, "token": token})
