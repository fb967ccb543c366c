from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .permissions import can_use_django_admin, second_factor_pending

_LANGUAGES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
# The whole staff area, in every language: /intern/…, /admin/…, /en/intern/…
STAFF_AREA = re.compile(rf"^/(?:(?:{_LANGUAGES})/)?(?P<area>intern|admin)/")
# Account pages that change the account itself: a stolen password alone must not be enough
# to replace the password (and so lock the owner out).
ACCOUNT_CHANGES = re.compile(rf"^/(?:(?:{_LANGUAGES})/)?konto/passwort-aendern/")


class TwoFactorMiddleware:
    """Enforces the second factor in the whole staff area and on the password change (needs
    django-otp's OTPMiddleware).

    Views outside the staff area are protected by the decorators in `permissions` as well; this
    middleware also covers the Django admin, which has no decorators of ours. The Django admin's
    own login page is replaced by ours, so every login gets the same lockout and messages.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if ACCOUNT_CHANGES.match(request.path_info) and second_factor_pending(request):
            from .two_factor import redirect_to_second_factor

            return redirect_to_second_factor(request)
        match = STAFF_AREA.match(request.path_info)
        if match is not None:
            in_admin = match.group("area") == "admin"
            user = request.user
            if (
                in_admin
                and not user.is_authenticated
                and request.path_info.endswith("/admin/login/")
            ):
                target = request.GET.get("next") or reverse("admin:index")
                return redirect(f"{reverse('accounts:login')}?next={target}")
            # Who may not use the admin at all gets its 403 first, not a detour via 2FA.
            if in_admin and not can_use_django_admin(user):
                return self.get_response(request)
            if second_factor_pending(request):
                from .two_factor import redirect_to_second_factor

                return redirect_to_second_factor(request)
        return self.get_response(request)
