"""Back-office forms: editing an event with its programme, stands and photos, reviewing a
partner's proposal, writing to participants, cancelling, checking in."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from beko.core.forms import PrivateFileInput
from beko.core.images import image_clean_file
from beko.core.widgets import RichTextarea

from .. import recurrence, selectors
from ..models import (
    Audience,
    Event,
    EventLanguage,
    EventPhoto,
    MarketStand,
    ProgrammeItem,
    Registration,
    Venue,
)
from .fields import DateTimeLocalField, SafeCharField, clean_text


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
