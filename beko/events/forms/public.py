"""Public forms: registering for an event and filtering the calendar."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from beko.core.forms import VocabularyFilterField
from beko.core.vocabulary import AUDIENCE_ALIASES

from ..models import Audience, District, Event, EventLanguage, ProgrammeItem
from ..services import RegistrationInput
from .fields import SafeCharField


class RegistrationForm(forms.Form):
    name = SafeCharField(label=_("Vor- und Nachname"), max_length=120)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        help_text=_("Hierhin schicken wir die Bestätigung mit Ticket und Abmelde-Link."),
    )
    organisation_name = SafeCharField(
        label=_("Organisation (freiwillig)"), max_length=200, required=False
    )
    session = forms.TypedChoiceField(
        label=_("Welche parallele Sitzung möchten Sie besuchen?"),
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
    )
    accessibility_needs = SafeCharField(
        label=_("Brauchen Sie Unterstützung für eine barrierefreie Teilnahme? (freiwillig)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    dietary_wishes = SafeCharField(
        label=_("Essenswünsche (freiwillig)"),
        max_length=300,
        required=False,
        help_text=_("z. B. vegetarisch, vegan, halal, Allergien"),
    )
    questions = SafeCharField(
        label=_("Ihre Fragen vorab (freiwillig)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die Fachleute bereiten sich darauf vor. Bitte keine Namen oder Aktenzeichen."),
    )
    consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass die BeKo meine Angaben zur Organisation dieser "
            "Veranstaltung speichert. Sie werden nach der Veranstaltung gelöscht."
        ),
        error_messages={"required": _("Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.")},
    )
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill every field.
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))

    def __init__(self, *args: Any, event: Event, sessions: list[ProgrammeItem], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.event = event
        if sessions:
            self.fields["session"].required = True
            self.fields["session"].error_messages["required"] = _(
                "Bitte wählen Sie eine der parallelen Sitzungen."
            )
            session_field: forms.ChoiceField = self.fields["session"]  # type: ignore[assignment]  # declared as a ChoiceField on this form
            session_field.choices = [(s.pk, _session_label(s)) for s in sessions]
        else:
            del self.fields["session"]
        if not event.ask_dietary:
            del self.fields["dietary_wishes"]
        if not event.ask_questions:
            del self.fields["questions"]

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Dieses Feld muss leer bleiben."))
        return ""

    def to_input(self) -> RegistrationInput:
        data = self.cleaned_data
        return RegistrationInput(
            name=data["name"],
            email=data["email"],
            organisation_name=data.get("organisation_name", ""),
            session_id=data.get("session") or None,
            accessibility_needs=data.get("accessibility_needs", ""),
            dietary_wishes=data.get("dietary_wishes", ""),
            questions=data.get("questions", ""),
        )


def _session_label(session: ProgrammeItem) -> str:
    label = str(session.title)
    if session.room:
        label += f" ({session.room})"
    free = getattr(session, "free", None)
    if free == 0:
        label += " – " + str(_("ausgebucht, Warteliste"))
    elif free is not None:
        label += " – " + str(_("%(n)s Plätze frei") % {"n": free})
    return label


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=100, required=False)
    district = forms.ChoiceField(
        label=_("Stadtbezirk"), required=False, choices=[("", _("alle")), *District.choices]
    )
    category = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("alle")), *Event.Category.choices]
    )
    audience = VocabularyFilterField(
        label=_("Zielgruppe"), required=False, choices=[("", _("alle")), *Audience.choices],
        aliases=AUDIENCE_ALIASES,
    )  # fmt: skip
    language = forms.ChoiceField(
        label=_("Sprache"), required=False, choices=[("", _("alle")), *EventLanguage.choices]
    )
