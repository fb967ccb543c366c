"""One inquiry: the detail page and its actions (claim, assign, status, note, merge, attachment)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beko.accounts.permissions import AuthenticatedRequest, staff_required
from beko.core.audit import audit_entries_for, log_action

from .. import selectors, services
from ..forms import AssignForm, MergeForm, NoteForm, TransitionForm
from ..models import Inquiry
from ..sla import is_overdue
from ._access import inquiry_for


def _detail_context(
    request: AuthenticatedRequest, inquiry: Inquiry, **forms: object
) -> dict[str, object]:
    return {
        "inquiry": inquiry,
        **selectors.inquiry_detail(inquiry=inquiry),
        "audit": list(audit_entries_for(inquiry)[:50]),
        "note_form": forms.get("note_form") or NoteForm(),
        "assign_form": AssignForm(
            initial={"assignee": inquiry.assignee_id}, staff=selectors.staff_members()
        ),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "overdue": is_overdue(
            created_at=inquiry.created_at,
            answered=inquiry.first_answered_at is not None,
            is_open=inquiry.is_open,
            now=timezone.now(),
            days=settings.BEKO_INQUIRY_SLA_WORKING_DAYS,
        ),
    }


@staff_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = inquiry_for(request, pk)
    log_action(inquiry, "inquiries.viewed", by=request.user)
    return render(request, "inquiries/staff/detail.html", _detail_context(request, inquiry))


def _fail(request: AuthenticatedRequest, inquiry: Inquiry, error: Exception) -> HttpResponse:
    messages.error(request, str(error))
    return redirect("inquiries_staff:detail", pk=inquiry.pk)


@staff_required
@require_POST
def claim(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = inquiry_for(request, pk)
    try:
        services.inquiry_claim(inquiry=inquiry, by=request.user)
    except services.TransitionNotAllowed as error:
        return _fail(request, inquiry, error)
    messages.success(request, _("Sie bearbeiten jetzt diese Anfrage."))
    return redirect("inquiries_staff:detail", pk=inquiry.pk)


@staff_required
@require_POST
def assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = inquiry_for(request, pk)
    form = AssignForm(request.POST, staff=selectors.staff_members())
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Person aus dem Team."))
        return redirect("inquiries_staff:detail", pk=inquiry.pk)
    try:
        services.inquiry_assign(
            inquiry=inquiry, assignee=form.cleaned_data["assignee"], by=request.user
        )
    except services.TransitionNotAllowed as error:
        return _fail(request, inquiry, error)
    messages.success(request, _("Die Zuständigkeit wurde gespeichert."))
    return redirect("inquiries_staff:detail", pk=inquiry.pk)


@staff_required
@require_POST
def transition(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = inquiry_for(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unbekannter Status."))
        return redirect("inquiries_staff:detail", pk=inquiry.pk)
    try:
        services.inquiry_transition(
            inquiry=inquiry, to=form.cleaned_data["status"], by=request.user
        )
    except services.TransitionNotAllowed as error:
        messages.error(request, str(error))
        return render(
            request, "inquiries/staff/detail.html", _detail_context(request, inquiry), status=409
        )
    messages.success(request, _("Status: %(status)s.") % {"status": inquiry.get_status_display()})
    return redirect("inquiries_staff:detail", pk=inquiry.pk)


@staff_required
@require_POST
def note_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = inquiry_for(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "inquiries/staff/detail.html",
            _detail_context(request, inquiry, note_form=form),
            status=400,
        )
    try:
        services.inquiry_note_add(inquiry=inquiry, text=form.cleaned_data["text"], by=request.user)
    except services.TransitionNotAllowed as error:
        return _fail(request, inquiry, error)
    messages.success(request, _("Die Notiz wurde gespeichert."))
    return redirect("inquiries_staff:detail", pk=inquiry.pk)


@staff_required
@require_POST
def merge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inquiry = inquiry_for(request, pk)
    form = MergeForm(request.POST)
    if form.is_valid():
        target = (
            selectors.inquiries_visible_to(user=request.user)
            .filter(reference__iexact=form.cleaned_data["into"].strip())
            .first()
        )
        if target is None:
            form.add_error("into", _("Zu dieser Referenznummer gibt es keine Anfrage."))
        else:
            try:
                services.inquiry_merge(duplicate=inquiry, into=target, by=request.user)
            except services.TransitionNotAllowed as error:
                form.add_error("into", str(error))
            else:
                messages.success(
                    request,
                    _("Die Anfrage wurde mit %(reference)s zusammengeführt.")
                    % {"reference": target.reference},
                )
                return redirect("inquiries_staff:detail", pk=target.pk)
    return render(
        request,
        "inquiries/staff/detail.html",
        _detail_context(request, inquiry, merge_form=form),
        status=400,
    )


@staff_required
def attachment_download(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> FileResponse:
    inquiry = inquiry_for(request, pk)
    attachment = get_object_or_404(inquiry.attachments, pk=attachment_pk)
    log_action(
        inquiry,
        "inquiries.attachment_downloaded",
        by=request.user,
        data={"attachment": attachment.pk},
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
