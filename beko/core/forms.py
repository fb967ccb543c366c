from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .lib.content_i18n import translated_field_names
from .models import Page
from .widgets import RichTextarea


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
        widget=RichTextarea(attrs={"rows": 16}),
    )
    placement = forms.ChoiceField(label=_("Platzierung"), choices=Page.Placement.choices)
    position = forms.IntegerField(label=_("Reihenfolge"), min_value=0, max_value=1000)


class TranslationForm(forms.Form):
    """One text field per translated field of `obj`, for one target language.

    The fields carry the language (`lang`, and `dir="rtl"` for Arabic and Farsi), so the
    browser writes, spell-checks and aligns them in that language; `sources` holds the German
    text of each field, which the editor shows beside it.
    """

    def __init__(self, *args: Any, obj: models.Model, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        self.sources: dict[str, str] = {}
        for name in translated_field_names(type(obj)):
            # Translated fields are plain columns, never relations.
            model_field = cast(models.Field, obj._meta.get_field(name))
            max_length = getattr(model_field, "max_length", None)
            attrs = {"lang": language, "dir": direction}
            widget = (
                forms.TextInput(attrs=attrs)
                if isinstance(model_field, models.CharField)
                else forms.Textarea(attrs={**attrs, "rows": 8})
            )
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name,
                required=False,
                max_length=max_length or 100_000,
                widget=widget,
            )
            self.sources[name] = getattr(obj, f"{name}_de") or ""

    def rows(self) -> list[tuple[forms.BoundField, str]]:
        """(field, German source) pairs for the editor."""
        return [(self[name], self.sources[name]) for name in self.fields]


class TranslationReviewForm(forms.Form):
    """Who reviewed which language of which part of the site, and when."""

    language = forms.ChoiceField(label=_("Sprache"))
    subject = forms.ChoiceField(label=_("Bereich"))
    reviewer = forms.CharField(
        label=_("Geprüft von"),
        max_length=200,
        help_text=_("Name der Person, deren Muttersprache das ist."),
    )
    reviewed_on = forms.DateField(
        label=_("Geprüft am"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Anmerkung"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Zum Beispiel: was geändert wurde, was noch offen ist."),
    )

    def __init__(
        self,
        *args: Any,
        languages: list[tuple[str, str]],
        subjects: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages  # type: ignore[attr-defined]
        self.fields["subject"].choices = subjects  # type: ignore[attr-defined]

    def clean_reviewer(self) -> str:
        return " ".join(self.cleaned_data["reviewer"].split())

    def clean_reviewed_on(self) -> date:
        reviewed_on: date = self.cleaned_data["reviewed_on"]
        if reviewed_on > timezone.localdate():
            raise forms.ValidationError(_("Das Datum darf nicht in der Zukunft liegen."))
        if reviewed_on.year < 2000:
            raise forms.ValidationError(_("Bitte geben Sie ein gültiges Datum an."))
        return reviewed_on


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
