"""Back office: staff (everything) and partner editors (their organisation's offers)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beko.accounts.permissions import (
    AuthenticatedRequest,
    backoffice_required,
    can_edit_organisation,
    is_staff_member,
    needs_approval,
    partner_organisation_ids,
    staff_required,
)
from beko.core.lib.cleaned import cleaned

from . import csv_io, selectors, services
from .forms import ImportForm, LocationForm, OfferForm, OrganisationForm, RejectForm
from .models import (
    ImportJob,
    Location,
    LocationChange,
    Offer,
    OfferChange,
    OfferReport,
    Organisation,
)
from .tasks import import_run

FIELD_LABELS = {
    name: getattr(Offer._meta.get_field(name), "verbose_name", name)
    for name in (
        *services.SCALAR_FIELDS,
        "target_groups",
        "residence_statuses",
        "categories",
        "languages",
        "locations",
    )
}
FIELD_LABELS["opening_hours"] = gettext_lazy("Öffnungszeiten")


def _get_offer_for(request: AuthenticatedRequest, pk: int) -> Offer:
    """Strangers (other organisations' partners) get a 404, not a hint that it exists."""
    return get_object_or_404(
        selectors.offers_visible_to(user=request.user).select_related("organisation"), pk=pk
    )


def _get_location_for(request: AuthenticatedRequest, pk: int) -> Location:
    queryset = Location.objects.all()
    if not is_staff_member(request.user):
        queryset = queryset.filter(organisation_id__in=partner_organisation_ids(request.user))
    return get_object_or_404(queryset, pk=pk)


def _partner_organisation(request: AuthenticatedRequest) -> Organisation:
    """The organisation a partner editor works for: the one asked for, if it is theirs."""
    ids = partner_organisation_ids(request.user)
    asked = request.GET.get("organisation") or request.POST.get("organisation") or ""
    pk = int(asked) if asked.isdigit() and int(asked) in ids else request.user.organisation_id
    return get_object_or_404(Organisation, pk=pk)


@staff_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "directory/staff/dashboard.html", selectors.freshness_overview())


@backoffice_required
def offer_list(request: AuthenticatedRequest) -> HttpResponse:
    queryset = selectors.offers_visible_to(user=request.user).select_related("organisation")
    q = request.GET.get("q", "").strip()[:200]
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(organisation__name__icontains=q))
    status = request.GET.get("status", "")
    if status in Offer.Status.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset.order_by("title", "pk"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/staff/offer_list.html",
        {
            "page_obj": page,
            "q": q,
            "status": status,
            "statuses": Offer.Status.choices,
            "query": query.urlencode(),
        },
    )


def _organisation_for_new_offer(request: AuthenticatedRequest) -> Organisation:
    if is_staff_member(request.user):
        org_id = request.GET.get("organisation") or request.POST.get("organisation")
        if not org_id or not str(org_id).isdigit():
            raise Http404
        return get_object_or_404(Organisation, pk=org_id)
    return _partner_organisation(request)


@backoffice_required
@require_http_methods(["GET", "POST"])
def offer_create(request: AuthenticatedRequest) -> HttpResponse:
    if is_staff_member(request.user) and not (
        request.GET.get("organisation") or request.POST.get("organisation")
    ):
        organisations = Organisation.objects.order_by("name")
        return render(
            request, "directory/staff/choose_organisation.html", {"organisations": organisations}
        )
    organisation = _organisation_for_new_offer(request)
    form = OfferForm(
        request.POST or None, organisation=organisation, initial={"on_site": True, "is_free": True}
    )
    if request.method == "POST" and form.is_valid():
        result = services.offer_create(
            organisation=organisation, data=cleaned(form, services.OfferData), by=request.user
        )
        if isinstance(result, OfferChange):
            messages.success(
                request, _("Danke! Das neue Angebot wartet auf die Freigabe durch das BeKo-Team.")
            )
            # Back to the partner home, where the proposal is listed as waiting for review.
            return redirect(f"{reverse('accounts:home')}?organisation={organisation.pk}")
        messages.success(
            request, _("Angebot angelegt (als Entwurf; veröffentlichen Sie es unten).")
        )
        return redirect("directory_staff:offer_edit", pk=result.pk)
    return render(
        request,
        "directory/staff/offer_form.html",
        {
            "form": form,
            "organisation": organisation,
            "offer": None,
            "needs_approval": needs_approval(request.user),
        },
    )


@backoffice_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = _get_offer_for(request, pk)
    snapshot = services.offer_snapshot(offer)
    pending = offer.changes.filter(state=OfferChange.State.PENDING).first()
    initial = OfferForm.initial_from(
        pending.data if pending and needs_approval(request.user) else snapshot
    )
    form = OfferForm(request.POST or None, organisation=offer.organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = services.offer_update(
            offer=offer, data=cleaned(form, services.OfferData), by=request.user
        )
        if isinstance(result, OfferChange):
            messages.success(
                request, _("Danke! Ihre Änderung wartet auf die Freigabe durch das BeKo-Team.")
            )
        else:
            messages.success(request, _("Änderungen gespeichert."))
        return redirect("directory_staff:offer_edit", pk=offer.pk)
    return render(
        request,
        "directory/staff/offer_form.html",
        {
            "form": form,
            "offer": offer,
            "organisation": offer.organisation,
            "pending": pending,
            "revisions": offer.revisions.select_related("by")[:30],
            "needs_approval": needs_approval(request.user),
            "statuses": Offer.Status.choices,
            "field_labels": FIELD_LABELS,
        },
    )


@backoffice_required
@require_GET
def offer_preview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The public page of an offer as it is saved now, also while it is a draft or hidden."""
    from .views import _detail_context

    offer = _get_offer_for(request, pk)
    messages.info(
        request, _("Vorschau: So sieht die öffentliche Seite mit den freigegebenen Angaben aus.")
    )
    response = render(request, "directory/offer_detail.html", _detail_context(request, offer))
    response["X-Robots-Tag"] = "noindex"
    return response


@backoffice_required
@require_POST
def offer_verify(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = _get_offer_for(request, pk)
    services.offer_verify(offer=offer, by=request.user)
    messages.success(request, _("Danke! Die Angaben sind als aktuell bestätigt."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("directory_staff:offer_edit", pk=offer.pk)


@staff_required
@require_POST
def offer_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = _get_offer_for(request, pk)
    status = request.POST.get("status", "")
    if status not in Offer.Status.values:
        messages.error(request, _("Unbekannter Status."))
    else:
        services.offer_set_status(offer=offer, status=status, by=request.user)
        messages.success(request, _("Status geändert."))
    return redirect("directory_staff:offer_edit", pk=offer.pk)


@staff_required
def review_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "directory/staff/review_list.html",
        {
            "changes": selectors.pending_changes(user=request.user),
            "location_changes": selectors.pending_location_changes(),
        },
    )


def _diff_rows(change: OfferChange) -> list[dict[str, Any]]:
    from .models import Category, Language

    names = {
        "categories": dict(Category.objects.values_list("pk", "name")),
        "languages": dict(Language.objects.values_list("pk", "name")),
        "locations": {
            loc.pk: str(loc) for loc in Location.objects.filter(organisation=change.organisation)
        },
    }

    def show(field: str, value: Any) -> str:
        if value in (None, "", []):
            return "–"
        if field in names:
            return ", ".join(str(names[field].get(v, v)) for v in value)
        if field == "opening_hours":
            from .forms import format_opening_hours

            return format_opening_hours(value).replace("\n", "; ")
        if isinstance(value, bool):
            return _("ja") if value else _("nein")
        if isinstance(value, list):
            return ", ".join(map(str, value))
        return str(value)

    return [
        {"field": FIELD_LABELS.get(field, field), "old": show(field, old), "new": show(field, new)}
        for field, (old, new) in services.change_diff(change).items()
    ]


@staff_required
@require_http_methods(["GET", "POST"])
def review_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(
        OfferChange.objects.select_related("offer", "organisation", "proposed_by"), pk=pk
    )
    form = RejectForm(request.POST or None)
    if request.method == "POST" and change.state == OfferChange.State.PENDING:
        if request.POST.get("decision") == "approve":
            offer = services.offer_change_approve(change=change, by=request.user)
            messages.success(request, _("Freigegeben."))
            return redirect("directory_staff:offer_edit", pk=offer.pk)
        if request.POST.get("decision") == "reject" and form.is_valid():
            services.offer_change_reject(
                change=change, by=request.user, note=form.cleaned_data["note"]
            )
            messages.success(request, _("Abgelehnt."))
            return redirect("directory_staff:review_list")
    return render(
        request,
        "directory/staff/review_detail.html",
        {
            "change": change,
            "organisation": change.organisation,
            "rows": _diff_rows(change),
            "form": form,
        },
    )


@staff_required
@require_POST
def report_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(OfferReport, pk=pk)
    services.offer_report_close(report=report, by=request.user)
    messages.success(request, _("Hinweis als erledigt markiert."))
    return redirect("directory_staff:dashboard")


@backoffice_required
def location_list(request: AuthenticatedRequest) -> HttpResponse:
    queryset = Location.objects.select_related("district", "organisation")
    if not is_staff_member(request.user):
        queryset = queryset.filter(organisation_id__in=partner_organisation_ids(request.user))
    page = Paginator(queryset.order_by("organisation__name", "street"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "directory/staff/location_list.html", {"page_obj": page})


@backoffice_required
@require_http_methods(["GET", "POST"])
def location_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    location = _get_location_for(request, pk) if pk else None
    if location is None:
        if is_staff_member(request.user):
            org_id = request.GET.get("organisation", "")
            organisation = get_object_or_404(Organisation, pk=org_id) if org_id.isdigit() else None
            if organisation is None:
                return render(
                    request,
                    "directory/staff/choose_organisation.html",
                    {"organisations": Organisation.objects.order_by("name"), "target": "location"},
                )
        else:
            organisation = _partner_organisation(request)
        location = Location(organisation=organisation)
    if not can_edit_organisation(request.user, location.organisation_id):
        raise Http404
    # The form must not write into `location`: a partner's edit is only a proposal.
    form = LocationForm(
        request.POST or None,
        instance=Location(organisation=location.organisation) if location.pk else location,
        initial=services.location_snapshot(location) if location.pk else None,
    )
    if request.method == "POST" and form.is_valid():
        result = services.location_save(
            location=location, data=cleaned(form, services.LocationData), by=request.user
        )
        if isinstance(result, LocationChange):
            messages.success(
                request,
                _("Danke! Ihre Änderung wartet auf die Freigabe durch das BeKo-Team."),
            )
        else:
            messages.success(request, _("Ort gespeichert."))
        return redirect("directory_staff:location_list")
    return render(
        request,
        "directory/staff/simple_form.html",
        {"form": form, "title": _("Ort bearbeiten") if pk else _("Neuer Ort")},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def location_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(
        LocationChange.objects.select_related("location__organisation", "proposed_by"), pk=pk
    )
    form = RejectForm(request.POST or None)
    decision = request.POST.get("decision")
    pending = change.state == LocationChange.State.PENDING
    if (
        request.method == "POST"
        and pending
        and (decision == "approve" or (decision == "reject" and form.is_valid()))
    ):
        services.location_change_decide(
            change=change,
            approve=decision == "approve",
            by=request.user,
            note=form.cleaned_data.get("note", "") if decision == "reject" else "",
        )
        messages.success(request, _("Freigegeben.") if decision == "approve" else _("Abgelehnt."))
        return redirect("directory_staff:review_list")
    labels = {name: LocationForm.base_fields[name].label for name in services.LOCATION_FIELDS}
    rows = [
        {"field": labels[field], "old": old if old not in (None, "") else "–", "new": new or "–"}
        for field, (old, new) in services.location_change_diff(change).items()
    ]
    return render(
        request,
        "directory/staff/review_detail.html",
        {
            "change": change,
            "organisation": change.location.organisation,
            "rows": rows,
            "form": form,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            # Name and visibility are part of the offers' search documents.
            services.related_changed(relation="organisation", pk=saved.pk)
        messages.success(request, _("Organisation gespeichert."))
        return redirect("directory_staff:organisation_edit", pk=saved.pk)
    title = _("Organisation bearbeiten") if pk else _("Neue Organisation")
    return render(
        request,
        "directory/staff/simple_form.html",
        {"form": form, "title": title, "multipart": True},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            file=upload, original_name=upload.name[:200], created_by=request.user
        )
        import_run.enqueue(job_id=job.pk)
        return redirect("directory_staff:import_status", pk=job.pk)
    jobs = ImportJob.objects.select_related("created_by")[:10]
    return render(
        request,
        "directory/staff/import.html",
        {"form": form, "jobs": jobs, "columns": csv_io.COLUMNS},
    )


@staff_required
def import_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=pk)
    template = (
        "directory/staff/_import_progress.html"
        if getattr(request, "htmx", None)
        else "directory/staff/import_status.html"
    )
    return render(
        request,
        template,
        {"job": job, "running": job.state in (ImportJob.State.QUEUED, ImportJob.State.RUNNING)},
    )


@staff_required
def export_csv(request: AuthenticatedRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_io.export_rows_csv(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="beko-angebote.csv"'
    return response


@staff_required
def export_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    response = HttpResponse(
        csv_io.export_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="beko-angebote.xlsx"'
    return response
