"""Network contacts (people at partner organisations) and their deletion."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..models import District, NetworkContact
from .fields import clean_text


class NetworkContactForm(forms.ModelForm):
    districts = forms.MultipleChoiceField(
        label=_("Stadtbezirke"), choices=District.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = NetworkContact
        fields = ["organisation", "name", "role", "email", "phone", "topics", "districts",
                  "legal_basis", "consent_to_listing", "consent_note"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations()  # type: ignore[attr-defined]  # self.fields is typed as plain Field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("name", "role", "phone", "topics", "consent_note"):
            if data.get(name):
                try:
                    data[name] = clean_text(data[name])
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        if data.get("legal_basis") == NetworkContact.LegalBasis.CONSENT and not data.get(
            "consent_note"
        ):
            self.add_error(
                "consent_note",
                _("Bei Einwilligung bitte festhalten, wie und wann sie erteilt wurde."),
            )
        if data.get("consent_to_listing") and not data.get("consent_note"):
            self.add_error(
                "consent_note", _("Bitte festhalten, wie und wann die Einwilligung erteilt wurde.")
            )
        return data


class ContactDeleteForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Grund"),
        choices=[
            ("request", _("Löschung auf Wunsch der Person (Art. 17 DSGVO)")),
            ("obsolete", _("Kontakt nicht mehr aktuell")),
        ],
        widget=forms.RadioSelect,
    )
