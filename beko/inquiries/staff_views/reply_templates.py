"""Reply templates: list, edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beko.accounts.permissions import AuthenticatedRequest, staff_required
from beko.core.lib.cleaned import cleaned

from .. import selectors, services
from ..forms import ReplyTemplateForm
from ..models import ReplyTemplate


@staff_required
def template_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "inquiries/staff/template_list.html", {"templates": selectors.reply_templates()}
    )


@staff_required
def template_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate, pk=pk) if pk else None
    form = ReplyTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        services.reply_template_save(
            template=template, data=cleaned(form, services.ReplyTemplateData), by=request.user
        )
        messages.success(request, _("Die Vorlage wurde gespeichert."))
        return redirect("inquiries_staff:template_list")
    return render(
        request, "inquiries/staff/template_form.html", {"form": form, "template": template}
    )


@staff_required
@require_POST
def template_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate, pk=pk)
    services.reply_template_delete(template=template, by=request.user)
    messages.success(request, _("Die Vorlage wurde gelöscht."))
    return redirect("inquiries_staff:template_list")
