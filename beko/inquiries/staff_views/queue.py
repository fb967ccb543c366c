"""The inquiry queue (filters, SLA) and entering an inquiry taken on the phone."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from beko.accounts.permissions import AuthenticatedRequest, staff_required
from beko.core.lib.cleaned import cleaned
from beko.core.vocabulary import Topic

from .. import selectors, services
from ..forms import PhoneInquiryForm
from ..models import AskerType, Channel, Status
from ..sla import is_overdue


@staff_required
def queue(request: AuthenticatedRequest) -> HttpResponse:
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


@staff_required
def phone_create(request: AuthenticatedRequest) -> HttpResponse:
    form = PhoneInquiryForm(
        request.POST or None, request.FILES or None, initial={"asker_type": AskerType.VOLUNTEERS}
    )
    if request.method == "POST" and form.is_valid():
        submission = services.inquiry_submit(
            data=cleaned(form, services.InquiryData),
            attachment=form.cleaned_data["attachment"],
            channel=Channel.PHONE,
            by=request.user,
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
