"""Brute-force protection around the login (django-axes), with back-off and a German page.

After `BEKO_LOGIN_FAILURES_ALLOWED` wrong passwords for one account or from one client address,
the next failure locks logins for `BEKO_LOGIN_COOLOFF_MINUTES`. Every further failure during the lockout doubles the
wait (capped at one day), so guessing stays slow. The message never says whether the account
exists.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .forms import LoginForm

logger = logging.getLogger("beko.security")

MAX_COOLOFF = timedelta(days=1)


def _recorded_failures(request: HttpRequest) -> int:
    from axes.models import AccessAttempt

    username = request.POST.get("username", "") if request.method == "POST" else ""
    address = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")
    match = Q(ip_address=address)
    if username:
        match |= Q(username=username)
    result = AccessAttempt.objects.filter(match).aggregate(most=Max("failures_since_start"))
    return int(result["most"] or 0)


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


def client_ip(request: HttpRequest) -> str:
    """The client's address for rate limits: behind N trusted proxies, the N-th entry from the
    right of X-Forwarded-For (the ones the proxies added; anything left of it is spoofable)."""
    count = settings.BEKO_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return str(request.META.get("REMOTE_ADDR", ""))
