"""The step form. It only collects and shows fields; the engine's parser validates them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from beko.core.lib.fallback_marks import german

from .countries import COUNTRIES
from .engine import MAX_AGE, MAX_MONTHS, GermanLevel, InvalidInput, Status, parse_input
from .labels import STATUS_LABELS

YES_NO = [("true", _("Ja")), ("false", _("Nein"))]

# Which questions the answer depends on, per status (§ 61 AsylG waiting periods, safe
# countries, identity for § 60a Abs. 6 / § 60b, ...). Everything else is not asked.
STATUS_QUESTIONS: dict[str, tuple[str, ...]] = {
    Status.GESTATTUNG: (
        "months_in_germany",
        "reception_centre",
        "country",
        "asylum_rejected_manifestly_unfounded",
    ),
    Status.DULDUNG: ("months_in_germany", "country", "identity_clarified"),
    Status.DULDUNG_UNCLEAR_IDENTITY: ("months_in_germany", "country"),
    Status.AUSBILDUNGSDULDUNG: ("months_in_germany", "country"),
    Status.BESCHAEFTIGUNGSDULDUNG: ("months_in_germany", "country"),
    Status.TEMPORARY_PROTECTION: ("months_in_germany",),
    Status.RESIDENCE_25_5: ("months_in_germany",),
}
# Questions about work and language; they shape routes and next steps for every status.
GENERAL_QUESTIONS: tuple[str, ...] = ("age", "german_level", "has_job_offer", "has_training_offer")


def questions_for(status: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(situation questions, general questions) to ask for ``status``."""
    if status is None or status == Status.UNKNOWN or status not in STATUS_LABELS:
        return (), ()
    return STATUS_QUESTIONS.get(status, ()), GENERAL_QUESTIONS


def _country_choices() -> list[tuple[str, Any]]:
    in_german = (get_language() or "de") != "en"
    names = {code: (de if in_german else en) for code, (en, de) in COUNTRIES.items()}
    ordered = sorted(names.items(), key=lambda item: item[1].casefold())
    if in_german:  # German names in a page in another language are marked lang="de"
        ordered = [(code, german(name)) for code, name in ordered]  # type: ignore[misc]
    return [("", _("– unbekannt oder andere –")), *ordered]


class GuideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Welches Aufenthaltspapier hat die Person?"),
        choices=list(STATUS_LABELS.items()),
        widget=forms.RadioSelect,
    )
    months_in_germany = forms.IntegerField(
        label=_("Seit wie vielen Monaten ist die Person in Deutschland?"),
        help_text=_("Bei Asylsuchenden: Monate seit dem Asylantrag. Ganze Monate."),
        min_value=0,
        max_value=MAX_MONTHS,
        required=False,
    )
    reception_centre = forms.ChoiceField(
        label=_("Wohnt die Person in einer Aufnahmeeinrichtung des Landes?"),
        choices=YES_NO,
        initial="false",
        widget=forms.RadioSelect,
        required=False,
    )
    country = forms.ChoiceField(
        label=_("Staatsangehörigkeit"),
        help_text=_("Wichtig für die Regeln zu „sicheren Herkunftsstaaten“."),
        required=False,
    )
    asylum_rejected_manifestly_unfounded = forms.ChoiceField(
        label=_("Wurde der Asylantrag als „offensichtlich unbegründet“ abgelehnt?"),
        choices=YES_NO,
        initial="false",
        widget=forms.RadioSelect,
        required=False,
    )
    identity_clarified = forms.ChoiceField(
        label=_("Ist die Identität geklärt, zum Beispiel durch einen Pass?"),
        choices=YES_NO,
        initial="true",
        widget=forms.RadioSelect,
        required=False,
    )
    age = forms.IntegerField(
        label=_("Alter (freiwillig)"), min_value=0, max_value=MAX_AGE, required=False
    )
    german_level = forms.ChoiceField(
        label=_("Deutschkenntnisse"),
        choices=[(GermanLevel.NONE.value, _("keine oder unbekannt"))]
        + [(level.value, level.value) for level in GermanLevel if level is not GermanLevel.NONE],
        required=False,
    )
    has_job_offer = forms.BooleanField(label=_("Es gibt ein konkretes Jobangebot."), required=False)
    has_training_offer = forms.BooleanField(
        label=_("Es gibt einen Ausbildungsplatz oder einen Ausbildungsvertrag."), required=False
    )
    as_of = forms.DateField(
        label=_("Stichtag"),
        help_text=_("Leer lassen für heute. Nur nötig, um frühere Rechtslagen zu prüfen."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)  # noqa: S101 - narrows the type for mypy
        country.choices = _country_choices()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            self.guide_input = parse_input(self.data, strict=False)
        except InvalidInput as exc:
            name = exc.field if exc.field in self.fields else None
            self.add_error(name, exc.message)
        return cleaned
