"""Two-factor authentication with django-otp: a TOTP app plus one-time recovery codes.

Writes (set up, confirm, new recovery codes, switch off) live here next to the one redirect
helper the guards use. The QR code is rendered as SVG by segno on our own server; the secret
never leaves it except inside that image and the manual-entry key shown to its owner.
"""

from __future__ import annotations

import base64
import logging
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from beko.core.audit import log_action

logger = logging.getLogger("beko.security")

TOTP_NAME = "Authenticator-App"
RECOVERY_NAME = "Wiederherstellungscodes"


def redirect_to_second_factor(request: HttpRequest) -> HttpResponseRedirect:
    """Send a password-only session to the code prompt (or to the setup if there is no app)."""
    name = (
        "accounts:two_factor_verify"
        if user_has_device(request.user)
        else "accounts:two_factor_setup"
    )
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def totp_device_pending(*, user: Any) -> TOTPDevice:
    """The not yet confirmed TOTP device of `user`, created on first call (same QR on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_manual_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for apps that cannot scan."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def totp_qr_svg(device: TOTPDevice) -> bytes:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=5, border=2, title="QR-Code", xmldecl=True
    )
    return buffer.getvalue()


@transaction.atomic
def totp_device_confirm(
    *, request: HttpRequest, device: TOTPDevice, token: str
) -> list[str] | None:
    """Confirm the pending device with a first code; returns fresh recovery codes or None."""
    if not device.verify_token(token):
        return None
    user = request.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    codes = recovery_codes_regenerate(user=user)
    log_action(cast(Any, user), "accounts.two_factor_enabled", by=user)
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user: Any) -> list[str]:
    """Replace all recovery codes of `user` with new ones; each works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.BEKO_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    log_action(user, "accounts.recovery_codes_generated", by=user)
    return codes


def recovery_codes_left(*, user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def second_factor_verify(*, request: HttpRequest, token: str) -> tuple[bool, int]:
    """Check a code against the user's devices; returns (verified, seconds to wait)."""
    user = request.user
    token = "".join(token.split())
    wait = 0
    for device in devices_for_user(user, for_verify=True):
        allowed, details = device.verify_is_allowed()
        if not allowed:
            # django-otp's throttling: the wait doubles with every failed code.
            locked_until = (details or {}).get("locked_until")
            if locked_until is not None:
                from django.utils import timezone

                wait = max(wait, int((locked_until - timezone.now()).total_seconds()) + 1)
            continue
        if device.verify_token(token):
            otp_login(request, device)
            used = "recovery_code" if isinstance(device, StaticDevice) else "totp"
            log_action(
                cast(Any, user), "accounts.second_factor_passed", by=user, data={"method": used}
            )
            return True, 0
    logger.warning("second factor failed", extra={"user_id": user.pk})
    return False, wait


@transaction.atomic
def second_factor_disable(*, request: HttpRequest) -> None:
    """Remove every device (only where two factors are optional, i.e. partner editors)."""
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    log_action(cast(Any, user), "accounts.two_factor_disabled", by=user)
