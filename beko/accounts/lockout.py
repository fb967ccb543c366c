"""Brute-force protection around the login (django-axes), with back-off and a German page.

After `BEKO_LOGIN_FAILURES_ALLOWED` wrong passwords from one client address (whatever accounts it
tries), the next failure locks logins from that address for `BEKO_LOGIN_COOLOFF_MINUTES`. Every further failure during the lockout doubles the
wait (capped at one day), so guessing stays slow. The message never says whether the account
exists.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from beko.core.lib.client_address import client_ip

from .forms import LoginForm

logger = logging.getLogger("beko.security")

MAX_COOLOFF = timedelta(days=1)


def _recorded_failures(request: HttpRequest) -> int:
    from axes.models import AccessAttempt

    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    result = AccessAttempt.objects.filter(ip_address=address).aggregate(
        total=Sum("failures_since_start")
    )
    return int(result["total"] or 0)


def cooloff(request: HttpRequest | None = None) -> timedelta:
    """Lockout duration: the base time, doubled for every failure beyond the limit."""
    base = timedelta(minutes=settings.BEKO_LOGIN_COOLOFF_MINUTES)
    if request is None:
        return base
    extra = max(0, _recorded_failures(request) - settings.AXES_FAILURE_LIMIT)
    return min(base * (2 ** min(extra, 10)), MAX_COOLOFF)


def lockout_message() -> str:
    return _(
        "Zu viele fehlgeschlagene Anmeldeversuche. Die Anmeldung ist vorübergehend gesperrt. "
        "Bitte versuchen Sie es später erneut oder setzen Sie Ihr Passwort zurück."
    )


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The login page again, with one generic message and HTTP 429."""
    logger.warning(
        "login locked out",
        extra={
            "path": request.path,
            "client": client_ip(request),
            "cooloff_minutes": int(cooloff(request).total_seconds() // 60),
        },
    )
    form = LoginForm(request)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "lockout_message": lockout_message(), "next": request.GET.get("next", "")},
        status=429,
    )


@receiver(user_logged_in, dispatch_uid="beko.accounts.lockout.forget_own_failures")
def forget_own_failures(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """After a successful login, forget this account's earlier typos from this address.

    Only this account's: django-axes' own reset (AXES_RESET_ON_SUCCESS, off) would clear the
    whole address, so an attacker with any valid account could guess another account's
    password, log into their own account, and guess on without ever being locked.
    """
    from axes.models import AccessAttempt

    if request is None:
        return
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    names = {user.get_username(), *([user.email] if getattr(user, "email", "") else [])}
    AccessAttempt.objects.filter(ip_address=address, username__in=names).delete()
