from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from beko.core.forms import PrivateFileInput, VocabularyFilterField
from beko.core.images import image_clean_file
from beko.core.vocabulary import AUDIENCE_ALIASES
from beko.core.widgets import RichTextarea

from . import recurrence, selectors
from .models import (
    Audience,
    District,
    Event,
    EventLanguage,
    EventPhoto,
    MarketStand,
    NetworkContact,
    ProgrammeItem,
    Registration,
    Venue,
)
from .services import RegistrationInput

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


# --- back office ----------------------------------------------------------------------------


class EventForm(forms.Form):
    title = SafeCharField(label=_("Titel"), max_length=200)
    summary = SafeCharField(label=_("Kurzbeschreibung"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Beschreibung (HTML, wird bereinigt)"),
        max_length=20_000,
        required=False,
        widget=RichTextarea(attrs={"rows": 8}),
    )
    category = forms.ChoiceField(label=_("Format"), choices=Event.Category.choices)
    organisation = forms.ModelChoiceField(
        label=_("Veranstaltende Organisation"),
        queryset=selectors.organisations().none(),
        required=False,
        help_text=_("Leer lassen, wenn die BeKo selbst einlädt."),
    )
    venue: forms.ModelChoiceField[Venue] = forms.ModelChoiceField(
        label=_("Ort"), queryset=Venue.objects.all(), required=False
    )
    online_url = forms.URLField(
        label=_("Online-Teilnahme (Link)"), required=False, max_length=200, assume_scheme="https"
    )
    starts_at = DateTimeLocalField(label=_("Beginn"))
    ends_at = DateTimeLocalField(label=_("Ende"))
    recurrence = forms.CharField(
        label=_("Wiederholung (RRULE, optional)"),
        max_length=200,
        required=False,
        help_text=_("z. B. FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231T235959Z"),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Zielgruppen"), choices=Audience.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Sprachen"), choices=EventLanguage.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    registration_required = forms.BooleanField(label=_("Anmeldung erforderlich"), required=False)
    capacity = forms.IntegerField(
        label=_("Plätze"), min_value=1, max_value=100_000, required=False,
        help_text=_("Leer = unbegrenzt. Wer keinen Platz bekommt, kommt auf die Warteliste."),
    )  # fmt: skip
    registration_deadline = DateTimeLocalField(
        label=_("Anmeldeschluss"), required=False, help_text=_("Leer = bis zum Beginn.")
    )
    ask_dietary = forms.BooleanField(label=_("Essenswünsche abfragen"), required=False)
    ask_questions = forms.BooleanField(label=_("Fragen vorab ermöglichen"), required=False)
    contact_email = forms.EmailField(label=_("Kontakt-E-Mail"), required=False)
    publish = forms.BooleanField(label=_("Veröffentlichen"), required=False)

    def __init__(self, *args: Any, can_publish: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if can_publish:
            self.fields["organisation"].queryset = selectors.organisations()  # type: ignore[attr-defined]  # self.fields is typed as plain Field
        else:
            # Partner editors always propose for their own organisation.
            del self.fields["organisation"]
            del self.fields["publish"]

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        return {
            "title": event.title_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
            "summary": event.summary_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
            "description": event.description_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
            **{field: getattr(event, field) for field in (
                "category", "organisation", "venue", "online_url", "starts_at", "ends_at",
                "recurrence", "registration_required", "capacity", "registration_deadline",
                "ask_dietary", "ask_questions", "contact_email",
            )},
            "audiences": [a.audience for a in event.audiences.all()],
            "languages": [lang.language for lang in event.languages.all()],
            "publish": event.status == Event.Status.PUBLISHED,
        }  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        deadline = data.get("registration_deadline")
        if starts and deadline and deadline > starts:
            self.add_error(
                "registration_deadline", _("Der Anmeldeschluss muss vor dem Beginn liegen.")
            )
        rule = (data.get("recurrence") or "").strip().upper()
        data["recurrence"] = rule
        if rule and starts:
            try:
                recurrence.parse(rule, starts_at=starts)
            except recurrence.RecurrenceError as exc:
                self.add_error("recurrence", str(exc))
            if data.get("registration_required"):
                self.add_error(
                    "registration_required",
                    _(
                        "Wiederkehrende Termine haben keine Anmeldung; legen Sie dafür einzelne Termine an."
                    ),
                )
        if not data.get("venue") and not data.get("online_url"):
            self.add_error(
                "venue", _("Bitte einen Ort oder einen Link zur Online-Teilnahme angeben.")
            )
        return data


class ProgrammeItemForm(forms.ModelForm):
    starts_at = DateTimeLocalField(label=_("Beginn"))
    ends_at = DateTimeLocalField(label=_("Ende"))

    class Meta:
        model = ProgrammeItem
        fields = ["kind", "starts_at", "ends_at", "title_de", "speakers", "room", "capacity",
                  "description_de"]  # fmt: skip
        labels = {"title_de": _("Titel"), "description_de": _("Beschreibung")}
        widgets = {"description_de": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("title_de", "speakers", "room", "description_de"):
            if data.get(name):
                try:
                    data[name] = clean_text(data[name])
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        if data.get("capacity") and data.get("kind") != ProgrammeItem.Kind.SESSION:
            self.add_error("capacity", _("Plätze gibt es nur bei parallelen Sitzungen."))
        return data


class BaseProgrammeFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        for form in self.deleted_forms:
            item = form.instance
            if (
                item.pk
                and item.registrations.filter(
                    status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
                ).exists()
            ):
                raise forms.ValidationError(
                    _("„%(title)s“ hat Anmeldungen und kann nicht gelöscht werden.")
                    % {"title": item.title_de}
                )


ProgrammeFormSet = inlineformset_factory(
    Event, ProgrammeItem, form=ProgrammeItemForm, formset=BaseProgrammeFormSet,
    extra=2, can_delete=True,
)  # fmt: skip


class MarketStandForm(forms.ModelForm):
    class Meta:
        model = MarketStand
        fields = ["number", "organisation", "exhibitor_name", "topic_de"]
        labels = {"topic_de": _("Thema")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations()  # type: ignore[attr-defined]  # self.fields is typed as plain Field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("number", "exhibitor_name", "topic_de"):
            if data.get(name):
                try:
                    data[name] = clean_text(data[name])
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        if not data.get("organisation") and not data.get("exhibitor_name") and not self.errors:
            self.add_error(
                "exhibitor_name", _("Bitte eine Organisation wählen oder einen Namen eintragen.")
            )
        return data


StandFormSet = inlineformset_factory(
    Event, MarketStand, form=MarketStandForm, extra=2, can_delete=True
)


MAX_PHOTO_BYTES = 5 * 1024 * 1024


class EventPhotoForm(forms.ModelForm):
    class Meta:
        model = EventPhoto
        fields = ["image", "alt_text", "caption", "credit", "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.instance.url if self.instance.pk else ""
        self.fields["image"].widget = PrivateFileInput(attrs={"accept": "image/*"}, url=url)

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image and getattr(image, "size", 0) > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("Das Bild ist größer als 5 MB."))
        if isinstance(image, UploadedFile):
            return image_clean_file(upload=image)
        return image

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("alt_text", "caption", "credit"):
            if data.get(name):
                try:
                    data[name] = clean_text(data[name])
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return data


PhotoFormSet = inlineformset_factory(
    Event, EventPhoto, form=EventPhotoForm, extra=1, can_delete=True
)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[("approve", _("Freigeben")), ("reject", _("Ablehnen"))],
        widget=forms.RadioSelect,
    )
    note = SafeCharField(
        label=_("Hinweis an die Partner-Redaktion"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class ParticipantMailForm(forms.Form):
    subject = SafeCharField(label=_("Betreff"), max_length=150)
    body = SafeCharField(
        label=_("Nachricht"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    include_waiting = forms.BooleanField(label=_("Auch an die Warteliste senden"), required=False)


class CancelEventForm(forms.Form):
    message = SafeCharField(
        label=_("Nachricht an alle Angemeldeten"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )  # fmt: skip


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Ticket-Code"), max_length=32)

    def clean_code(self) -> str:
        return re.sub(r"[^A-Z0-9]", "", self.cleaned_data["code"].upper())


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
