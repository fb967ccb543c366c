"""Back office for inquiries: queue, detail with actions, phone entry, templates, numbers."""

from __future__ import annotations

import json
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beko.accounts.permissions import staff_required
from beko.core.audit import audit_entries_for, log_action
from beko.core.lib.charts import Chart, Series, chart_svg
from beko.core.lib.spreadsheet import SafeCsvWriter
from beko.core.vocabulary import Topic

from . import selectors, services
from .forms import (
    AssignForm,
    FaqDraftForm,
    MergeForm,
    MonthForm,
    NoteForm,
    PhoneInquiryForm,
    ReplyForm,
    ReplyTemplateForm,
    SubjectAccessForm,
    TransitionForm,
)
from .models import AskerType, Channel, Inquiry, Reply, ReplyTemplate, Status
from .sla import is_overdue


def _get_inquiry_for(request: HttpRequest, pk: int) -> Inquiry:
    """The one access helper: a user-scoped queryset, so strangers get 404."""
    return get_object_or_404(selectors.inquiries_visible_to(user=request.user), pk=pk)


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    get = request.GET
    filters = selectors.QueueFilters(
        status=get.get("status", "offen"),
        topic=get.get("thema", ""),
        asker_type=get.get("wer", ""),
        assignee=get.get("zustaendig", ""),
        age=get.get("alter", ""),
        q=get.get("q", "").strip()[:100],
    )
    now = timezone.now()
    page_obj = Paginator(
        selectors.inquiries_queue(user=request.user, filters=filters, now=now), 50
    ).get_page(get.get("page"))
    days = settings.BEKO_INQUIRY_SLA_WORKING_DAYS
    # Labels resolved once per page instead of once per row (lazy translations are not free).
    labels = {
        field: {code: str(label) for code, label in choices}
        for field, choices in (("topic", Topic.choices), ("asker_type", AskerType.choices),
                               ("channel", Channel.choices), ("status", Status.choices))
    }  # fmt: skip
    rows = [
        {
            "inquiry": inquiry,
            "labels": {field: labels[field].get(getattr(inquiry, field), "") for field in labels},
            "overdue": is_overdue(
                created_at=inquiry.created_at,
                answered=inquiry.first_answered_at is not None,
                is_open=inquiry.is_open,
                now=now,
                days=days,
            ),
        }
        for inquiry in page_obj
    ]
    params = get.copy()
    params.pop("page", None)
    return render(
        request,
        "inquiries/staff/queue.html",
        {
            "rows": rows,
            "page_obj": page_obj,
            "filters": filters,
            "query": params.urlencode(),
            "counts": selectors.queue_counts(user=request.user, now=now),
            "statuses": Status.choices,
            "topics": Topic.choices,
            "asker_types": AskerType.choices,
            "staff": selectors.staff_members(),
            "sla_days": days,
        },
    )


def _detail_context(request: HttpRequest, inquiry: Inquiry, **forms: object) -> dict[str, object]:
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
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _get_inquiry_for(request, pk)
    log_action(inquiry, "inquiries.viewed", by=request.user)
    return render(request, "inquiries/staff/detail.html", _detail_context(request, inquiry))


def _fail(request: HttpRequest, inquiry: Inquiry, error: Exception) -> HttpResponse:
    messages.error(request, str(error))
    return redirect("inquiries_staff:detail", pk=inquiry.pk)


@staff_required
@require_POST
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _get_inquiry_for(request, pk)
    try:
        services.inquiry_claim(inquiry=inquiry, by=request.user)
    except services.TransitionNotAllowed as error:
        return _fail(request, inquiry, error)
    messages.success(request, _("Sie bearbeiten jetzt diese Anfrage."))
    return redirect("inquiries_staff:detail", pk=inquiry.pk)


@staff_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _get_inquiry_for(request, pk)
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
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _get_inquiry_for(request, pk)
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
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _get_inquiry_for(request, pk)
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
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """Write, preview and send a reply. Without JavaScript: "Vorschau" and "Senden" are two
    submit buttons of one form; sending is refused while a placeholder is left."""
    inquiry = _get_inquiry_for(request, pk)
    if inquiry.is_anonymised:
        raise Http404
    # Templates for the inquiry's topic first, then the general ones.
    templates = sorted(
        selectors.reply_templates(), key=lambda t: (t.topic != inquiry.topic, t.title.casefold())
    )
    initial = {
        "via": Reply.Via.EMAIL if inquiry.email else Reply.Via.PHONE,
        "subject": _("Ihre Anfrage zum Thema %(topic)s") % {"topic": inquiry.get_topic_display()},
    }
    chosen = request.GET.get("vorlage", "")
    if chosen.isdigit():
        template = next((t for t in templates if t.pk == int(chosen)), None)
        if template is not None:
            values = services.placeholders_for(inquiry=inquiry, by=request.user)
            initial["subject"] = services.reply_subject_for(
                inquiry=inquiry, template_subject=template.subject, values=values
            )
            initial["body"] = services.template_fill(template.body, values)
    form = ReplyForm(request.POST or None, initial=initial, has_email=bool(inquiry.email))
    status = 200
    preview = None
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif request.POST.get("action") == "preview":
            preview = services.reply_render(inquiry=inquiry, **form.cleaned_data)
        else:
            try:
                services.inquiry_reply(inquiry=inquiry, by=request.user, **form.cleaned_data)
            except services.MailNotSent as error:
                form.add_error(
                    None,
                    _(
                        "Die E-Mail konnte nicht gesendet werden; es wurde nichts gespeichert. Bitte später erneut versuchen. (%(error)s)"
                    )
                    % {"error": error},
                )
                status = 502
            except services.ReplyIncomplete as error:
                form.add_error(None, str(error))
                status = 400
            except services.TransitionNotAllowed as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(
                    request, _("Die Antwort wurde gespeichert und – falls per E-Mail – gesendet.")
                )
                return redirect("inquiries_staff:detail", pk=inquiry.pk)
    log_action(inquiry, "inquiries.viewed", by=request.user, data={"view": "reply"})
    return render(
        request,
        "inquiries/staff/reply.html",
        {
            "inquiry": inquiry,
            "form": form,
            "templates": templates,
            "chosen": chosen,
            "preview": preview,
        },
        status=status,
    )


@staff_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _get_inquiry_for(request, pk)
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
def faq_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a generic FAQ entry from an answered inquiry; personal details are refused."""
    inquiry = _get_inquiry_for(request, pk)
    if inquiry.is_anonymised:
        raise Http404
    last_reply = inquiry.replies.order_by("-created_at").first()
    known = [inquiry.name, inquiry.email, inquiry.phone, *inquiry.name.split()]
    initial = {
        "question": inquiry.question[:300],
        "answer": last_reply.body if last_reply else "",
        "topic": inquiry.topic,
        "audiences": [inquiry.asker_type] if inquiry.asker_type != AskerType.OTHER else [],
        "position": 100,
    }
    form = FaqDraftForm(request.POST or None, initial=initial, known_personal=known)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if "<" not in data["answer"]:
            from django.utils.html import linebreaks

            data["answer"] = linebreaks(data["answer"])
        entry = services.inquiry_faq_entry_create(inquiry=inquiry, data=data, by=request.user)
        messages.success(
            request, _("Der FAQ-Eintrag wurde angelegt. Übersetzungen können Sie jetzt ergänzen.")
        )
        return redirect("faq_staff:entry_edit", pk=entry.pk)
    return render(
        request,
        "inquiries/staff/faq_create.html",
        {"inquiry": inquiry, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required  # type: ignore[type-var]  # a streamed FileResponse, not an HttpResponse
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    inquiry = _get_inquiry_for(request, pk)
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


@staff_required
def phone_create(request: HttpRequest) -> HttpResponse:
    form = PhoneInquiryForm(
        request.POST or None, request.FILES or None, initial={"asker_type": AskerType.VOLUNTEERS}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submission = services.inquiry_submit(
            data=data, attachment=data["attachment"], channel=Channel.PHONE, by=request.user
        )
        messages.success(
            request,
            _("Die telefonische Anfrage %(reference)s wurde erfasst.")
            % {"reference": submission.inquiry.reference},
        )
        return redirect("inquiries_staff:detail", pk=submission.inquiry.pk)
    return render(
        request,
        "inquiries/staff/phone_create.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def template_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "inquiries/staff/template_list.html", {"templates": selectors.reply_templates()}
    )


@staff_required
def template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate, pk=pk) if pk else None
    form = ReplyTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        services.reply_template_save(template=template, data=form.cleaned_data, by=request.user)
        messages.success(request, _("Die Vorlage wurde gespeichert."))
        return redirect("inquiries_staff:template_list")
    return render(
        request, "inquiries/staff/template_form.html", {"form": form, "template": template}
    )


@staff_required
@require_POST
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate, pk=pk)
    services.reply_template_delete(template=template, by=request.user)
    messages.success(request, _("Die Vorlage wurde gelöscht."))
    return redirect("inquiries_staff:template_list")


def _month(request: HttpRequest) -> tuple[MonthForm, int, int]:
    form = MonthForm(request.GET or None)
    today = timezone.localdate()
    year, month = today.year, today.month
    if form.is_valid() and form.cleaned_data["monat"]:
        year, month = (int(part) for part in form.cleaned_data["monat"].split("-"))
    return form, year, month


@staff_required
def stats(request: HttpRequest) -> HttpResponse:
    form, year, month = _month(request)
    numbers = selectors.monthly_stats(year=year, month=month)
    return render(
        request,
        "inquiries/staff/stats.html",
        {
            "form": form,
            "numbers": numbers,
            "month_value": f"{year:04d}-{month:02d}",
            "month_date": date(year, month, 1),
            "chart": chart_svg(
                Chart(
                    slug="themen",
                    title=_("Nach Thema"),
                    description=_("Eingegangene Anfragen im Monat je Thema."),
                    row_header=_("Thema"),
                    rows=tuple(row["label"] for row in numbers["by_topic"]),
                    series=(
                        Series(_("Anzahl"), tuple(row["count"] for row in numbers["by_topic"])),
                    ),
                    kind="bars",
                ),
                rtl=get_language_bidi(),
            ),
        },
    )


@staff_required
def stats_csv(request: HttpRequest) -> HttpResponse:
    _form, year, month = _month(request)
    numbers = selectors.monthly_stats(year=year, month=month)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anfragen-{year:04d}-{month:02d}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = SafeCsvWriter(response, delimiter=";")  # the one formula guard of every export
    writer.writerow([_("Bereich"), _("Wert"), _("Anzahl")])
    for section, key in (
        (_("Thema"), "by_topic"),
        (_("Wer fragt"), "by_asker_type"),
        (_("Eingang"), "by_channel"),
    ):
        for row in numbers[key]:
            writer.writerow([section, row["label"], row["count"]])
    writer.writerow([_("Gesamt"), "", numbers["total"]])
    writer.writerow(
        [
            _("Median bis zur ersten Antwort (Stunden)"),
            "",
            numbers["median_hours"] if numbers["median_hours"] is not None else "",
        ]
    )
    return response


@staff_required
def subject_access(request: HttpRequest) -> HttpResponse:
    """Art. 15 GDPR: find every inquiry of one person and download it as JSON."""
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        payload = services.subject_access_export(
            email=form.cleaned_data["email"], phone=form.cleaned_data["phone"], by=request.user
        )
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="auskunft-art15-{stamp}.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(
        request,
        "inquiries/staff/subject_access.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
