"""Art. 15 GDPR: everything stored about one person, as JSON."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from beko.accounts.permissions import AuthenticatedRequest, staff_required

from .. import services
from ..forms import SubjectAccessForm


@staff_required
def subject_access(request: AuthenticatedRequest) -> HttpResponse:
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
