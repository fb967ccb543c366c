"""The step forms. They only collect and show fields; the engine's parser validates them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .countries import COUNTRIES, country_name
from .engine import (
    GENERAL_QUESTIONS,
    MAX_AGE,
    MAX_MONTHS,
    STATUS_QUESTIONS,
    GermanLevel,
    InvalidInput,
    Status,
    parse_input,
)
from .labels import STATUS_LABELS

# Yes / no / "I do not know": an unanswered question is never assumed to be yes or no.
YES_NO_UNKNOWN = [("true", _("Ja")), ("false", _("Nein")), ("unknown", _("Weiß ich nicht"))]
UNKNOWN = "unknown"


def questions_for(status: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(situation questions, general questions) to ask for ``status``."""
    if status is None or status == Status.UNKNOWN or status not in STATUS_LABELS:
        return (), ()
    return STATUS_QUESTIONS.get(status, ()), GENERAL_QUESTIONS


def _country_choices() -> list[tuple[str, str | Promise]]:
    language = get_language() or "de"
    names = {code: country_name(code, language) for code in COUNTRIES}
    ordered = sorted(names.items(), key=lambda item: item[1].casefold())
    return [("", _("– weiß ich nicht –")), *ordered]


def _tri_state(label: Any, help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO_UNKNOWN,
        initial=UNKNOWN,
        widget=forms.RadioSelect,
        required=False,
    )


class GuideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Welches Aufenthaltspapier hat die Person?"),
        choices=list(STATUS_LABELS.items()),
        widget=forms.RadioSelect,
    )
    months_in_germany = forms.IntegerField(
        label=_("Seit wie vielen Monaten ist die Person in Deutschland?"),
        help_text=_(
            "Bei Asylsuchenden: Monate seit dem Asylantrag. Ganze Monate. Leer lassen, wenn Sie "
            "es nicht wissen."
        ),
        min_value=0,
        max_value=MAX_MONTHS,
        required=False,
    )
    months_with_duldung = forms.IntegerField(
        label=_("Seit wie vielen Monaten hat die Person eine Duldung?"),
        help_text=_("Ganze Monate seit der ersten Duldung. Leer lassen, wenn Sie es nicht wissen."),
        min_value=0,
        max_value=MAX_MONTHS,
        required=False,
    )
    first_permit_on = forms.DateField(
        label=_("Wann wurde die erste Aufenthaltserlaubnis ausgestellt?"),
        help_text=_(
            "Das Datum steht auf der ersten Karte oder im Bescheid. Bei Geflüchteten aus der "
            "Ukraine: die erste Aufenthaltserlaubnis nach § 24 oder Fiktionsbescheinigung. "
            "Leer lassen, wenn Sie es nicht wissen."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reception_centre = _tri_state(
        _("Muss die Person in einer Aufnahmeeinrichtung des Landes wohnen?"),
        _("Die Wohnpflicht steht meist im Papier („Wohnsitzauflage“, Name der Einrichtung)."),
    )
    country = forms.ChoiceField(
        label=_("Staatsangehörigkeit"),
        help_text=_("Wichtig für die Regeln zu „sicheren Herkunftsstaaten“."),
        required=False,
    )
    asylum_rejected_manifestly_unfounded = _tri_state(
        _("Wurde der Asylantrag als „offensichtlich unbegründet“ abgelehnt?"),
    )
    identity_clarified = _tri_state(
        _("Ist die Identität geklärt, zum Beispiel durch einen Pass?"),
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


# What the employer wants to know: a job or a training place. Sets has_job_offer or
# has_training_offer of the same engine input.
PURPOSE_CHOICES = [
    ("job", _("Ich möchte die Person einstellen (Arbeit).")),
    ("training", _("Ich möchte die Person ausbilden (betriebliche Ausbildung).")),
]
# The employer form asks only what the employer can find on the paper or ask the person.
EMPLOYER_QUESTIONS: tuple[str, ...] = (
    "months_in_germany",
    "months_with_duldung",
    "reception_centre",
    "country",
    "identity_clarified",
    "asylum_rejected_manifestly_unfounded",
)


class EmployerForm(GuideForm):
    purpose = forms.ChoiceField(
        label=_("Was möchten Sie?"),
        choices=PURPOSE_CHOICES,
        widget=forms.RadioSelect,
        initial="job",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = forms.Form.clean(self) or {}
        if self.errors:
            return cleaned
        data = {name: self.data.get(name) for name in self.data}
        purpose = cleaned.get("purpose") or "job"
        data["has_job_offer"] = "true" if purpose == "job" else "false"
        data["has_training_offer"] = "true" if purpose == "training" else "false"
        try:
            self.guide_input = parse_input(data, strict=False)
        except InvalidInput as exc:
            name = exc.field if exc.field in self.fields else None
            self.add_error(name, exc.message)
        return cleaned


def employer_questions_for(status: str | None) -> tuple[str, ...]:
    situation, _general = questions_for(status)
    return tuple(name for name in situation if name in EMPLOYER_QUESTIONS)
