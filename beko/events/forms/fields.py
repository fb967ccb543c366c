"""Shared field helpers of the events' forms: text that refuses markup and invisible control
characters, and `datetime-local` inputs."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# Markup that could become a script somewhere downstream (CSV opened in Excel, a mail client
# rendering HTML): refused at the boundary with a clear message instead of stored escaped.
_TAG = re.compile(r"<\s*[a-zA-Z/!?]")
# C0 controls except tab/newline, and bidi overrides that can disguise a name (Trojan Source).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def clean_text(value: str) -> str:
    if _TAG.search(value):
        raise forms.ValidationError(_("Bitte keine HTML-Tags oder Skripte eingeben."))
    if _INVISIBLE.search(value):
        raise forms.ValidationError(_("Der Text enthält unzulässige Steuerzeichen."))
    return value.strip()


class SafeCharField(forms.CharField):
    def clean(self, value: Any) -> str:
        return clean_text(super().clean(value))


class DateTimeLocalField(forms.DateTimeField):
    input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)
        )
        super().__init__(**kwargs)
