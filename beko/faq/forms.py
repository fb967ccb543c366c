from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from beko.core.lib.personal_data import find_personal_data
from beko.core.widgets import RichTextarea

from .choices import AUDIENCE_CHOICES, Topic


class FaqEntryForm(forms.Form):
    """German text of an FAQ entry. `known_personal` are details that must not appear in it."""

    question = forms.CharField(label=_("Frage"), max_length=300)
    answer = forms.CharField(
        label=_("Antwort"),
        max_length=20_000,
        help_text=_(
            "Allgemein formuliert, ohne personenbezogene Daten. Erlaubt sind Absätze, Überschriften, Listen und Links; anderes HTML wird entfernt."
        ),
        widget=RichTextarea(attrs={"rows": 12}),
    )
    topic = forms.ChoiceField(label=_("Thema (Kategorie)"), choices=Topic.choices)
    audiences = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=AUDIENCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    position = forms.IntegerField(label=_("Reihenfolge"), min_value=0, max_value=1000, initial=100)
    publish = forms.BooleanField(label=_("Veröffentlichen"), required=False)

    def __init__(self, *args: Any, known_personal: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.known_personal = known_personal or []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field in ("question", "answer"):
            reasons = find_personal_data(data.get(field, ""), known=self.known_personal)
            if reasons:
                self.add_error(
                    field,
                    _("Bitte entfernen Sie personenbezogene Daten. Gefunden: %(reasons)s.")
                    % {"reasons": ", ".join(reasons)},
                )
        return data


class FaqSearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=200, required=False)
    thema = forms.ChoiceField(
        label=_("Thema"), choices=[("", _("Alle Themen")), *Topic.choices], required=False
    )
