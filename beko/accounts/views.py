"""Account views beyond Django's own: the second factor and a rate-limited password reset."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import is_ratelimited

from beko.core.lib.client_address import client_ip
from beko.core.selectors import partner_home_sections

from . import permissions, two_factor
from .forms import SecondFactorForm, TotpConfirmForm
from .permissions import is_staff_member, needs_second_factor
from .selectors import partner_organisations

logger = logging.getLogger("beko.security")
RECOVERY_SESSION_KEY = "beko_recovery_codes"


@require_GET
@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    """Where every login lands: staff go on to the back office, partners see their area."""
    if permissions.is_staff_member(request.user):
        return redirect("core:staff_home")
    if not permissions.is_partner_editor(request.user):
        return render(request, "accounts/home.html")
    if permissions.second_factor_pending(request):
        return two_factor.redirect_to_second_factor(request)
    organisations = partner_organisations(user=request.user)
    asked = request.GET.get("organisation", "")
    # Only the editor's own organisations can be chosen; anything else shows the first one.
    organisation = next((o for o in organisations if str(o.pk) == asked), organisations[0])
    return render(
        request,
        "accounts/partner_home.html",
        {
            "organisation": organisation,
            "organisations": organisations,
            "sections": [
                render_to_string(section["template"], section["context"], request=request)
                for section in partner_home_sections(user=request.user, organisation=organisation)
            ],
        },
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _is_verified(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


@never_cache
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show the QR code of a new TOTP device and confirm it with a first code."""
    if user_has_device(request.user) and not _is_verified(request):
        # With the password alone nobody may add a second device: prove the first one.
        return two_factor.redirect_to_second_factor(request)
    device = two_factor.totp_device_pending(user=request.user)
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["token"].split())
        codes = two_factor.totp_device_confirm(request=request, device=device, token=token)
        if codes is not None:
            request.session[RECOVERY_SESSION_KEY] = codes
            messages.success(request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
            return redirect(
                f"{reverse('accounts:two_factor_recovery_codes')}?next={_next_url(request)}"
            )
        form.add_error(
            "token",
            _(
                "Der Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Telefons und versuchen Sie es erneut."
            ),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "manual_key": two_factor.totp_manual_key(device),
            "next": _next_url(request),
            "required": is_staff_member(request.user),
        },
    )


@never_cache
@login_required
@require_GET
def two_factor_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the pending (unconfirmed) device only, as SVG from our own server."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is None:
        return HttpResponse(status=404)
    response = HttpResponse(two_factor.totp_qr_svg(device), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Second step after the password: a code from the app or a recovery code."""
    if not user_has_device(request.user):
        return two_factor.redirect_to_second_factor(request)
    if _is_verified(request):
        return redirect(_next_url(request))
    form = SecondFactorForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        verified, wait = two_factor.second_factor_verify(
            request=request, token=form.cleaned_data["token"]
        )
        if verified:
            request.session.cycle_key()
            return redirect(_next_url(request))
        if wait:
            form.add_error(
                None,
                _(
                    "Zu viele falsche Codes. Bitte warten Sie %(seconds)s Sekunden und versuchen Sie es dann erneut."
                )
                % {"seconds": wait},
            )
            status = 429
        else:
            form.add_error("token", _("Der Code ist ungültig oder abgelaufen."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


@never_cache
@login_required
def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shows freshly generated recovery codes exactly once."""
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:two_factor")
    return render(
        request,
        "accounts/two_factor_recovery_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )


@never_cache
@login_required
def two_factor_manage(request: HttpRequest) -> HttpResponse:
    """Status of the second factor; new recovery codes; switching off where it is optional."""
    user = request.user
    enabled = user_has_device(user)
    if enabled and not _is_verified(request):
        return two_factor.redirect_to_second_factor(request)
    context: dict[str, Any] = {
        "enabled": enabled,
        "required": is_staff_member(user),
        "codes_left": two_factor.recovery_codes_left(user=user) if enabled else 0,
    }
    return render(request, "accounts/two_factor_manage.html", context)


@require_POST
@login_required
def two_factor_new_codes(request: HttpRequest) -> HttpResponse:
    if not (user_has_device(request.user) and _is_verified(request)):
        return two_factor.redirect_to_second_factor(request)
    request.session[RECOVERY_SESSION_KEY] = two_factor.recovery_codes_regenerate(user=request.user)
    return redirect("accounts:two_factor_recovery_codes")


@require_POST
@login_required
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    if needs_second_factor(request.user) and is_staff_member(request.user):
        messages.error(
            request, _("Für das BeKo-Team ist die Zwei-Faktor-Anmeldung vorgeschrieben.")
        )
        return redirect("accounts:two_factor")
    if user_has_device(request.user) and not _is_verified(request):
        return two_factor.redirect_to_second_factor(request)
    two_factor.second_factor_disable(request=request)
    messages.success(request, _("Die Zwei-Faktor-Anmeldung ist ausgeschaltet."))
    return redirect("accounts:two_factor")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, limited per client address and per e-mail address (brute force, spam).

    A limited request gets the same generic answer page text as any other, but HTTP 429 and a
    hint to wait, so a person who typed twice is not left guessing.
    """

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = request.POST.get("email", "").strip().lower()[:254]
        limited = is_ratelimited(
            request,
            group="accounts.password_reset.ip",
            key="ip",
            rate=settings.BEKO_PASSWORD_RESET_RATE_PER_IP,
            method="POST",
            increment=True,
        )
        if email:
            limited = (
                is_ratelimited(
                    request,
                    group="accounts.password_reset.address_day",
                    key=lambda _g, _r: email,
                    rate=settings.BEKO_PASSWORD_RESET_RATE_PER_ADDRESS_DAY,
                    method="POST",
                    increment=True,
                )
                or limited
            )
            limited = (
                is_ratelimited(
                    request,
                    group="accounts.password_reset.address",
                    key=lambda _g, _r: email,
                    rate=settings.BEKO_PASSWORD_RESET_RATE_PER_ADDRESS,
                    method="POST",
                    increment=True,
                )
                or limited
            )
        if limited:
            logger.warning(
                "password reset rate limited",
                extra={"path": request.path, "client": client_ip(request)},
            )
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Zu viele Anfragen zum Zurücksetzen des Passworts. Bitte versuchen Sie es später "
                    "erneut – nach einer Stunde, nach sehr vielen Anfragen erst am nächsten Tag."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
