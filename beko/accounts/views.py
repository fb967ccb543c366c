from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from beko.core.selectors import staff_menu

from . import permissions


@require_GET
@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    """Where every login lands: staff go on to the back office, partners see their area."""
    if permissions.is_staff_member(request.user):
        return redirect("core:staff_home")
    return render(
        request,
        "accounts/home.html",
        {
            "menu": staff_menu(user=request.user),
            "is_partner_editor": permissions.is_partner_editor(request.user),
        },
    )
