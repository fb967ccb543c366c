"""Spot personal data in a text that is about to become public (FAQ made from an inquiry).

A heuristic safety net, not a guarantee: it finds e-mail addresses, phone numbers, IBANs and
the known details of the person who asked. Staff still read what they publish.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Six or more digits, optionally separated by spaces, slashes or dashes (0202 123456, +49 …).
PHONE = re.compile(r"(?<![\w§])\+?\d(?:[\s/-]?\d){5,}(?!\w)")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}\b")


def find_personal_data(text: str, *, known: Iterable[str] = ()) -> list[str]:
    """Human-readable reasons why `text` looks like it contains personal data (empty: none)."""
    reasons = []
    if EMAIL.search(text):
        reasons.append(_("eine E-Mail-Adresse"))
    if PHONE.search(text):
        reasons.append(_("eine Telefonnummer"))
    if IBAN.search(text):
        reasons.append(_("eine Kontonummer (IBAN)"))
    lowered = text.lower()
    for value in known:
        value = (value or "").strip()
        if len(value) >= 3 and value.lower() in lowered:
            reasons.append(_("Angaben der anfragenden Person („%(value)s“)") % {"value": value})
    return reasons
