"""Back office: events (staff and partner editors), participants, check-in, network contacts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beko.accounts import permissions
from beko.accounts.permissions import AuthenticatedRequest, backoffice_required, staff_required

from . import exports, selectors, services
from .forms import (
    CancelEventForm,
    CheckInForm,
    ContactDeleteForm,
    EventForm,
    NetworkContactForm,
    ParticipantMailForm,
    PhotoFormSet,
    ProgrammeFormSet,
    ReviewForm,
    StandFormSet,
)
from .models import District, Event, NetworkContact, Registration
from .views import is_htmx


def _get_event_for(request: AuthenticatedRequest, pk: int) -> Event:
    """The event if this user may manage it, else 404 (partners only see their own)."""
    return get_object_or_404(selectors.events_for_backoffice(user=request.user), pk=pk)


def _may_edit(user: object, event: Event) -> bool:
    # Partners edit proposals; once published, changes go through the BeKo team.
    return permissions.is_staff_member(user) or event.status in {
        Event.Status.DRAFT, Event.Status.PROPOSED, Event.Status.REJECTED,
    }  # fmt: skip


@backoffice_required
def event_list(request: AuthenticatedRequest) -> HttpResponse:
    events = selectors.with_attendance(
        selectors.events_for_backoffice(user=request.user).order_by("-starts_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status in Event.Status.values:
        events = events.filter(status=status)
    page = Paginator(events, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "events/staff/event_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": Event.Status.choices,
            "query": f"status={status}" if status else "",
            "proposals": selectors.events_for_backoffice(user=request.user)
            .filter(status=Event.Status.PROPOSED)
            .count(),
        },
    )


@backoffice_required
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    event = _get_event_for(request, pk) if pk else None
    if event and not _may_edit(request.user, event):
        messages.error(
            request,
            _("Veröffentlichte Veranstaltungen ändert das BeKo-Team. Bitte schreiben Sie uns."),
        )
        return redirect("events_staff:event_list")
    can_publish = permissions.is_staff_member(request.user)
    instance = event or Event()
    form = EventForm(
        request.POST or None,
        can_publish=can_publish,
        initial=EventForm.initial_for(event) if event else {},
    )
    formsets: dict[str, Any] = {
        "programme": ProgrammeFormSet(request.POST or None, instance=instance, prefix="programme"),
        "stands": StandFormSet(request.POST or None, instance=instance, prefix="stands"),
        "photos": PhotoFormSet(
            request.POST or None, request.FILES or None, instance=instance, prefix="photos"
        ),
    }
    if request.method == "POST":
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            data = dict(form.cleaned_data)
            asked = request.GET.get("organisation", "")
            if event is None and asked.isdigit():
                # The partner home links here per organisation; the service checks it is theirs.
                data["organisation_id"] = int(asked)
            with transaction.atomic():
                saved = services.event_save(event=event, data=data, by=request.user)
                for formset in formsets.values():
                    formset.instance = saved
                    formset.save()
            services.session_capacity_changed(event=saved)
            if saved.status == Event.Status.PROPOSED:
                messages.success(
                    request, _("Gespeichert. Das BeKo-Team prüft den Vorschlag und gibt ihn frei.")
                )
            else:
                messages.success(request, _("Die Veranstaltung wurde gespeichert."))
            return redirect("events_staff:event_edit", pk=saved.pk)
        messages.error(request, _("Bitte prüfen Sie die markierten Felder."))
    return render(
        request,
        "events/staff/event_edit.html",
        {"event": event, "form": form, "formsets": formsets, "can_publish": can_publish},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def event_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        services.event_review(
            event=event, approve=approve, note=form.cleaned_data["note"], by=request.user
        )
        messages.success(
            request,
            _("Die Veranstaltung ist freigegeben.")
            if approve
            else _("Der Vorschlag wurde abgelehnt."),
        )
        return redirect("events_staff:event_list")
    return render(request, "events/staff/event_review.html", {"event": event, "form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.event_cancel(
            event=event, message=form.cleaned_data["message"], by=request.user
        )
        messages.success(
            request,
            _("Die Veranstaltung ist abgesagt; %(n)s Nachrichten wurden versandt.") % {"n": count},
        )
        return redirect("events_staff:participants", pk=event.pk)
    return render(request, "events/staff/event_cancel.html", {"event": event, "form": form})


@staff_required
@require_POST
def event_unpublish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    services.event_unpublish(event=event, by=request.user)
    messages.success(request, _("Die Veranstaltung ist nicht mehr öffentlich."))
    return redirect("events_staff:event_edit", pk=event.pk)


# --- participants ---------------------------------------------------------------------------


@staff_required
def participants(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    status = request.GET.get("status", "")
    status = status if status in Registration.Status.values else ""
    try:
        session_id = int(request.GET.get("session") or 0) or None
    except ValueError:
        session_id = None
    registrations = selectors.registrations_for_event(
        event=event, status=status, session_id=session_id, q=request.GET.get("q", "")[:100]
    )
    page = Paginator(registrations, 50).get_page(request.GET.get("page"))
    occupancy = selectors.event_occupancy(event=event)
    services.log_staff_action(event, "events.participants_viewed", by=request.user)
    return render(
        request,
        "events/staff/participants.html",
        {
            "event": event,
            "page_obj": page,
            "occupancy": occupancy,
            "sessions": selectors.sessions_with_occupancy(event=event, occupancy=occupancy),
            "status": status,
            "session_id": session_id,
            "statuses": Registration.Status.choices,
            "q": request.GET.get("q", "")[:100],
        },
    )


@staff_required
def participants_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    registrations = selectors.registrations_for_event(event=event)
    services.log_staff_action(
        event, "events.participants_exported", by=request.user, data={"format": fmt}
    )
    return exports.participants_response(event=event, registrations=registrations, fmt=fmt)


@staff_required
def participants_print(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Door list for when the network fails: print it, tick names by hand."""
    event = get_object_or_404(Event, pk=pk)
    registrations = selectors.registrations_for_event(
        event=event, status=Registration.Status.CONFIRMED
    ).order_by("name", "pk")
    services.log_staff_action(event, "events.participants_printed", by=request.user)
    return render(
        request,
        "events/staff/participants_print.html",
        {"event": event, "registrations": registrations},
    )


@staff_required
@require_POST
def participant_cancel(
    request: AuthenticatedRequest, pk: int, registration_pk: int
) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    promoted = services.registration_cancel(registration=registration, by=request.user)
    messages.success(
        request,
        _("Die Anmeldung ist storniert.")
        + (
            " " + _("%(n)s Person(en) sind von der Warteliste nachgerückt.") % {"n": len(promoted)}
            if promoted
            else ""
        ),
    )
    return redirect("events_staff:participants", pk=event.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def participants_mail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = ParticipantMailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.participants_mail(event=event, by=request.user, **form.cleaned_data)
        messages.success(
            request, _("Die Nachricht wurde an %(n)s Personen verschickt.") % {"n": count}
        )
        return redirect("events_staff:participants", pk=event.pk)
    return render(
        request,
        "events/staff/participants_mail.html",
        {"event": event, "form": form, "occupancy": selectors.event_occupancy(event=event)},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def check_in(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Door page for phones: search by name, type or scan the ticket code, tick people in."""
    event = get_object_or_404(Event, pk=pk)
    result: dict[str, object] = {}
    form = CheckInForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action", "check_in")
        registration = None
        if request.POST.get("registration"):
            try:
                registration = Registration.objects.filter(
                    event=event, pk=int(request.POST["registration"])
                ).first()
            except ValueError:
                registration = None
        elif form.is_valid():
            registration = Registration.objects.filter(
                event=event, ticket_code=form.cleaned_data["code"]
            ).first()
        if registration is None:
            result = {
                "level": "error",
                "text": _("Kein Ticket mit diesem Code für diese Veranstaltung."),
            }
        elif action == "undo":
            services.registration_undo_check_in(registration=registration, by=request.user)
            result = {
                "level": "info",
                "text": _("Einlass für %(name)s zurückgenommen.") % {"name": registration.name},
            }
        else:
            try:
                fresh = services.registration_check_in(registration=registration, by=request.user)
            except services.RegistrationError as exc:
                result = {"level": "error", "text": f"{registration.name}: {exc.message}"}
            else:
                text = (
                    _("Willkommen, %(name)s – eingecheckt.")
                    if fresh
                    else _("%(name)s ist bereits eingecheckt.")
                ) % {"name": registration.name}
                if registration.session is not None:
                    text += " " + _("Sitzung: %(session)s") % {
                        "session": registration.session.title
                    }
                result = {"level": "success" if fresh else "warning", "text": text}
        form = CheckInForm()
    q = request.GET.get("q", "").strip()[:100]
    matches = (
        selectors.registrations_for_event(event=event, q=q).exclude(
            status=Registration.Status.CANCELLED
        )[:30]
        if q
        else []
    )
    context = {
        "event": event,
        "form": form,
        "q": q,
        "matches": matches,
        "result": result,
        "occupancy": selectors.event_occupancy(event=event),
    }
    template = (
        "events/staff/_check_in_panel.html" if is_htmx(request) else "events/staff/check_in.html"
    )
    return render(request, template, context)


# --- network contacts -----------------------------------------------------------------------


@staff_required
def contact_list(request: AuthenticatedRequest) -> HttpResponse:
    district = request.GET.get("district", "")
    district = district if district in District.values else ""
    filters = {
        "district": district,
        "topic": request.GET.get("topic", "")[:100],
        "q": request.GET.get("q", "")[:100],
    }
    contacts = selectors.contacts_filtered(
        district=filters["district"], topic=filters["topic"], q=filters["q"]
    )
    page = Paginator(contacts, 30).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(
        request,
        "events/staff/contact_list.html",
        {"page_obj": page, "filters": filters, "districts": District.choices, "query": query},
    )


@staff_required
def contact_export(request: AuthenticatedRequest) -> HttpResponse:
    district = request.GET.get("district", "")
    contacts = selectors.contacts_for_invitation(
        district=district if district in District.values else "",
        topic=request.GET.get("topic", "")[:100],
    )
    exported = list(contacts)
    for contact in exported:
        services.log_staff_action(contact, "events.contact_exported", by=request.user)
    return exports.contacts_response(contacts=exported)


@staff_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    contact = get_object_or_404(NetworkContact, pk=pk) if pk else None
    initial = {}
    if contact is None and request.GET.get("organisation"):
        initial["organisation"] = request.GET["organisation"]
    form = NetworkContactForm(request.POST or None, instance=contact, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.network_contact_save(
            contact=contact, data=form.cleaned_data, by=request.user
        )
        messages.success(request, _("Der Kontakt wurde gespeichert."))
        return redirect("events_staff:organisation_network", organisation_pk=saved.organisation_id)
    return render(
        request, "events/staff/contact_edit.html", {"contact": contact, "form": form},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


@staff_required
@require_http_methods(["GET", "POST"])
def contact_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(NetworkContact, pk=pk)
    form = ContactDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation_pk = contact.organisation_id
        services.network_contact_delete(
            contact=contact, reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(request, _("Der Kontakt wurde endgültig gelöscht."))
        return redirect("events_staff:organisation_network", organisation_pk=organisation_pk)
    return render(request, "events/staff/contact_delete.html", {"contact": contact, "form": form})


@staff_required
def organisation_network(request: AuthenticatedRequest, organisation_pk: int) -> HttpResponse:
    organisation = get_object_or_404(selectors.organisations(), pk=organisation_pk)
    return render(
        request,
        "events/staff/organisation_network.html",
        {"network": selectors.organisation_network(organisation=organisation)},
    )
