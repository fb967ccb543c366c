"""Signed, expiring "still correct" links for freshness reminders (no login needed)."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.utils.translation import gettext as _

from .models import Offer

SALT = "beko.directory.verify"
MAX_AGE_DAYS = 30


class VerifyTokenError(Exception):
    pass


def verify_token_for(*, offer: Offer, user: Any) -> str:
    return signing.dumps({"o": offer.pk, "u": user.pk if user else None}, salt=SALT, compress=True)


def offer_from_verify_token(token: str) -> tuple[Offer, Any]:
    from beko.accounts.models import User

    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise VerifyTokenError(
            _(
                "Dieser Link ist abgelaufen. Bitte melden Sie sich an und bestätigen Sie das Angebot im internen Bereich."
            )
        ) from None
    except signing.BadSignature:
        raise VerifyTokenError(_("Dieser Link ist ungültig.")) from None
    offer = Offer.objects.filter(pk=data.get("o")).first()
    if offer is None or offer.status == Offer.Status.ARCHIVED:
        raise VerifyTokenError(_("Dieses Angebot gibt es nicht mehr."))
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    return offer, user
