from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from beko.accounts import permissions
from beko.core.lib.json_ld import json_ld_script
from beko.core.lib.response_cache import cache_public_response
from beko.core.storage import private_file_response

from . import ical, recurrence, selectors, services, tickets
from .forms import EventFilterForm, RegistrationForm
from .models import Event, EventPhoto, Registration

PAGE_SIZE = 12


def is_htmx(request: HttpRequest) -> bool:
    """True for htmx requests (django-htmx sets `request.htmx`), which get only the fragment."""
    return bool(getattr(request, "htmx", False))


def _filters(request: HttpRequest) -> tuple[EventFilterForm, selectors.EventFilters, str]:
    form = EventFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.EventFilters(**{k: v or "" for k, v in data.items()})
    query = urlencode({k: v for k, v in data.items() if v})
    return form, filters, query


@cache_public_response
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form, filters, query = _filters(request)
    page = Paginator(selectors.events_upcoming(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form, "page_obj": page, "query": query, "archive": False,
        "crumbs": [(gettext_lazy("Veranstaltungen"), "")],
    }  # fmt: skip
    template = "events/_event_results.html" if is_htmx(request) else "events/event_list.html"
    return render(request, template, context)


@cache_public_response
@require_GET
def event_archive(request: HttpRequest) -> HttpResponse:
    form, filters, query = _filters(request)
    page = Paginator(selectors.events_past(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form, "page_obj": page, "query": query, "archive": True,
        "crumbs": [
            (gettext_lazy("Veranstaltungen"), reverse("events:event_list")),
            (gettext_lazy("Archiv"), ""),
        ],
    }  # fmt: skip
    template = "events/_event_results.html" if is_htmx(request) else "events/event_list.html"
    return render(request, template, context)


def _registration_rate_limited(request: HttpRequest) -> bool:
    rate = settings.EVENTS_REGISTRATION_RATE_PER_IP
    if not rate:
        return False
    return is_ratelimited(
        request,
        group="events.register.ip",
        key="ip",  # beko.core.lib.client_address.client_ip (settings.RATELIMIT_IP_META_KEY)
        rate=rate,
        method="POST",
        increment=True,
    )


def _get_public_event(slug: str) -> Event:
    event = selectors.event_public_detail(slug=slug)
    if event is None:
        raise Http404
    return event


def json_ld(
    event: Event, *, request: HttpRequest, occupancy: selectors.Occupancy | None = None
) -> dict[str, Any]:
    """schema.org Event for search engines (https://schema.org/Event)."""
    url = request.build_absolute_uri(event.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(event.title),
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.status == Event.Status.CANCELLED
        else "https://schema.org/EventScheduled",
        "url": url,
        "description": str(event.summary or "") or strip_tags(str(event.description))[:500],
        "inLanguage": [tag.language for tag in event.languages.all()] or ["de"],
        "isAccessibleForFree": True,
        "organizer": {
            "@type": "Organization",
            "name": event.organisation.name if event.organisation else settings.BEKO_OFFICE["name"],
        },
    }
    if event.venue and event.online_url:
        data["eventAttendanceMode"] = "https://schema.org/MixedEventAttendanceMode"
    elif event.venue:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
    else:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
    if event.venue:
        venue = event.venue
        data["location"] = {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.street,
                "postalCode": venue.postcode,
                "addressLocality": venue.city,
                "addressCountry": "DE",
            },
        }
    else:
        data["location"] = {"@type": "VirtualLocation", "url": event.online_url}
    photos = list(event.photos.all())
    if photos:
        data["image"] = [request.build_absolute_uri(p.url) for p in photos]
    if event.registration_required:
        occupancy = occupancy or selectors.event_occupancy(event=event)
        data["offers"] = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": url,
            "availability": "https://schema.org/SoldOut"
            if occupancy.free == 0
            else "https://schema.org/InStock",
            "validThrough": timezone.localtime(event.effective_deadline).isoformat(),
        }
    return data


def _programme_slots(event: Event) -> list[dict[str, Any]]:
    """Programme grouped by start time; items sharing a slot are parallel."""
    slots: list[dict[str, Any]] = []
    for item in event.programme.all():
        if slots and slots[-1]["starts_at"] == item.starts_at:
            slots[-1]["items"].append(item)
        else:
            slots.append({"starts_at": item.starts_at, "ends_at": item.ends_at, "items": [item]})
    for slot in slots:
        slot["parallel"] = len(slot["items"]) > 1
    return slots


def _detail_context(
    request: HttpRequest, event: Event, form: RegistrationForm | None
) -> dict[str, Any]:
    occupancy = selectors.event_occupancy(event=event)
    sessions = selectors.sessions_with_occupancy(event=event, occupancy=occupancy)
    closed = services.registration_window_error(event)
    if form is None and not closed:
        form = RegistrationForm(event=event, sessions=sessions)
    return {
        "event": event,
        "slots": _programme_slots(event),
        "sessions": sessions,
        "occupancy": occupancy,
        "form": form,
        "registration_closed": closed if event.registration_required else None,
        "next_dates": recurrence.occurrences(event, after=timezone.now(), limit=6)
        if event.recurrence
        else [],
        "json_ld": json_ld_script(json_ld(event, request=request, occupancy=occupancy)),
    }


# The page carries the registration form: the response cache keeps it with placeholders for
# the CSRF token and CSP nonce and fills in each visitor's own (docs/architecture.md,
# "Response cache"), so queries, template and QR code run once per content version.
@cache_public_response
@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    context = _detail_context(request, _get_public_event(slug), None)
    return render(request, "events/event_detail.html", context)


@require_GET
def event_photo(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A photo of a public event; the event's editors also see the photos of a proposal."""
    public = selectors.event_public(slug=slug) is not None
    events: QuerySet[Event]
    if public:
        events = Event.objects.filter(slug=slug)
    elif permissions.second_factor_pending(request):
        raise Http404
    else:
        events = selectors.events_for_backoffice(user=request.user).filter(slug=slug)
    photo = EventPhoto.objects.filter(event__in=events, pk=pk).first()
    if photo is None:
        raise Http404
    return private_file_response(
        name=photo.image.name or "", cache="public, max-age=3600" if public else "private, no-store"
    )


@require_http_methods(["GET", "POST"])
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    # The bare event and its sessions are enough to register (validation needs the session
    # ids, not the seats: the service decides seat or waiting list under the event lock).
    # The full page with the current seats is built only to show errors.
    found = selectors.event_for_registration(slug=slug)
    if found is None:
        raise Http404
    event, sessions = found
    if request.method == "GET":
        return redirect(event.get_absolute_url() + "#anmeldung")
    status = 400
    error: services.RegistrationError | None = None
    if _registration_rate_limited(request):
        messages.error(
            request,
            _("Zu viele Anmeldungen von diesem Anschluss. Bitte versuchen Sie es später erneut."),
        )
        status = 429
    elif closed := services.registration_window_error(event):
        messages.error(request, closed)
    else:
        form = RegistrationForm(request.POST, event=event, sessions=sessions)
        if form.is_valid():
            try:
                registration = services.registration_create(
                    event=event,
                    data=form.to_input(),
                    language=get_language() or "de",
                    sessions=sessions,
                )
            except services.RegistrationError as exc:
                error = exc
            else:
                return redirect(
                    "events:registration_detail", token=services.registration_token(registration)
                )
    page_event = _get_public_event(slug)
    context = _detail_context(request, page_event, None)
    if status == 400 and not context["registration_closed"]:
        # The same input again, now with the seats of each session in the choices.
        form = RegistrationForm(request.POST, event=page_event, sessions=context["sessions"])
        if form.is_valid() and error is not None:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        context["form"] = form
    return render(request, "events/event_detail.html", context, status=status)


@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_public(slug=slug)
    if event is None:
        raise Http404
    response = HttpResponse(ical.event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_GET
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """All public events as one subscribable calendar."""
    content = ical.calendar_for(selectors.events_feed(), name=_("BeKo Veranstaltungen"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="beko-veranstaltungen.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def _registration_for_token(token: str) -> Registration:
    registration = services.registration_from_token(token)
    if registration is None:
        raise Http404
    return registration


@never_cache
@require_GET
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    """Confirmation page: status, ticket with QR code, cancel link. Only the token opens it."""
    registration = _registration_for_token(token)
    return render(
        request,
        "events/registration_detail.html",
        {
            "registration": registration,
            "event": registration.event,
            "token": token,
            "qr": mark_safe(  # noqa: S308 - SVG generated by segno from our own ticket code
                tickets.qr_inline(registration.ticket_code, label=_("QR-Code Ihres Tickets"))
            ),
        },
    )


@never_cache
@require_GET
def registration_ticket_svg(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_for_token(token)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404
    return HttpResponse(tickets.qr_svg(registration.ticket_code), content_type="image/svg+xml")


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_for_token(token)
    if request.method == "POST":
        # Always redirect, also when a parallel click cancelled first: the service re-reads
        # the status under the event lock and promotes nobody twice.
        try:
            services.registration_cancel(registration=registration)
        except services.RegistrationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Sie sind abgemeldet. Danke, dass Sie Bescheid gesagt haben.")
            )
        return redirect("events:registration_detail", token=token)
    return render(
        request,
        "events/registration_cancel.html",
        {"registration": registration, "event": registration.event, "token": token},
    )
