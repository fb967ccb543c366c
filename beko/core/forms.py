from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .lib.content_i18n import translated_field_names
from .models import Page


class PageForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    intro = forms.CharField(
        label=_("Einleitung"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=_("Inhalt (HTML, wird bereinigt)"),
        max_length=100_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    placement = forms.ChoiceField(label=_("Platzierung"), choices=Page.Placement.choices)
    position = forms.IntegerField(label=_("Reihenfolge"), min_value=0, max_value=1000)


class TranslationForm(forms.Form):
    """One text field per translated field of `obj`, for one target language."""

    def __init__(self, *args: Any, obj: models.Model, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in translated_field_names(type(obj)):
            # Translated fields are plain columns, never relations.
            model_field = cast(models.Field, obj._meta.get_field(name))
            max_length = getattr(model_field, "max_length", None)
            widget = (
                forms.TextInput(attrs={"lang": language})
                if isinstance(model_field, models.CharField)
                else forms.Textarea(attrs={"lang": language, "rows": 8})
            )
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name,
                required=False,
                max_length=max_length or 100_000,
                widget=widget,
                help_text=getattr(obj, f"{name}_de") or "",
            )


REPORT_FIRST_YEAR = 2016  # earliest year the year picker offers


class ReportPeriodForm(forms.Form):
    """`?jahr=2026` on the reports page; empty means the last twelve months."""

    jahr = forms.IntegerField(
        label=_("Jahr"),
        required=False,
        min_value=REPORT_FIRST_YEAR,
        error_messages={
            "invalid": _("Bitte ein Jahr als Zahl angeben, z. B. 2026."),
            "min_value": _("Zahlen gibt es erst ab %(limit_value)s."),
            "max_value": _("Für dieses Jahr gibt es noch keine Zahlen."),
        },
    )

    def __init__(self, *args: Any, this_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jahr"].validators.append(MaxValueValidator(this_year))
        self.years = list(range(this_year, REPORT_FIRST_YEAR - 1, -1))
