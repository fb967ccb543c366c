from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from beko.accounts.permissions import AuthenticatedRequest, staff_required
from beko.core.lib.cleaned import cleaned

from . import selectors, services
from .choices import Topic
from .forms import FaqEntryForm
from .models import FaqEntry


@staff_required
def entry_list(request: AuthenticatedRequest) -> HttpResponse:
    entries = selectors.faq_entries_staff()
    status = request.GET.get("status", "")
    if status in FaqEntry.Status.values:
        entries = entries.filter(status=status)
    page_obj = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "faq/staff/entry_list.html",
        {
            "page_obj": page_obj,
            "status": status,
            "statuses": FaqEntry.Status.choices,
            "query": f"status={status}" if status else "",
        },
    )


@staff_required
def entry_create(request: AuthenticatedRequest) -> HttpResponse:
    form = FaqEntryForm(request.POST or None, initial={"topic": request.GET.get("thema", "")})
    if request.method == "POST" and form.is_valid():
        data = cleaned(form, services.FaqEntryData)
        entry = services.faq_entry_create(
            question=data["question"],
            answer=data["answer"],
            topic=data["topic"],
            audiences=data["audiences"],
            publish=data["publish"],
            by=request.user,
            position=data["position"],
        )
        messages.success(request, _("Der FAQ-Eintrag wurde angelegt."))
        return redirect("faq_staff:entry_edit", pk=entry.pk)
    return render(request, "faq/staff/entry_form.html", {"form": form, "entry": None})


@staff_required
def entry_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(selectors.faq_entries_staff(), pk=pk)
    initial = {
        "question": entry.question_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        "answer": entry.answer_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        "topic": entry.topic,
        "audiences": entry.audience_list,
        "position": entry.position,
        "publish": entry.is_published,
    }
    form = FaqEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.faq_entry_update(
            entry=entry, data=cleaned(form, services.FaqEntryData), by=request.user
        )
        messages.success(request, _("Der FAQ-Eintrag wurde gespeichert."))
        return redirect("faq_staff:entry_edit", pk=entry.pk)
    return render(
        request,
        "faq/staff/entry_form.html",
        {"form": form, "entry": entry, "topic_label": dict(Topic.choices)[entry.topic]},
    )
