from __future__ import annotations

import re
from typing import Any

import filetype
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.template.defaultfilters import filesizeformat
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from beko.core.forms import VocabularyChoiceField
from beko.core.vocabulary import AUDIENCE_ALIASES, Topic
from beko.faq.forms import FaqEntryForm

from .models import AskerType, Reply, ReplyTemplate, Status
from .services import AUTOMATIC_PLACEHOLDERS, unfilled_message, unfilled_placeholders

# Content types we accept, by what the file *is* (magic bytes), with the extension we store.
ALLOWED_UPLOADS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}

phone_validator = RegexValidator(
    r"^\+?[\d\s()/.-]{6,40}$",
    _("Bitte geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen und + / - ( ) ein."),
)


class InquiryForm(forms.Form):
    """The public inquiry form. E-mail or phone is required (we must be able to answer)."""

    asker_type = VocabularyChoiceField(
        label=_("Ich frage als"),
        choices=AskerType.choices,
        aliases=AUDIENCE_ALIASES,  # a page opened before the shared codes says "volunteer"
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie aus, als wer Sie fragen.")},
    )
    topic = forms.ChoiceField(
        label=_("Thema"),
        choices=[("", _("Bitte wählen")), *Topic.choices],
        error_messages={
            "required": _("Bitte wählen Sie ein Thema."),
            "invalid_choice": _("Bitte wählen Sie ein Thema aus der Liste."),
        },
    )
    question = forms.CharField(
        label=_("Ihre Frage"),
        min_length=10,
        max_length=5000,
        help_text=_(
            "Höchstens 5.000 Zeichen. Bitte nennen Sie nur die Angaben, die für die Antwort nötig sind."
        ),
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "maxlength": 5000,
                # Search as you type (htmx); without JS the "Vorschau" button does the same.
                "hx-get": reverse_lazy("inquiries:suggestions"),
                "hx-trigger": "input changed delay:500ms",
                "hx-target": "#suggestions",
                "hx-include": "[name='topic']",
                "hx-sync": "this:replace",
            }
        ),
        error_messages={
            "required": _("Bitte schreiben Sie Ihre Frage in das Feld."),
            "min_length": _("Bitte beschreiben Sie Ihre Frage mit mindestens 10 Zeichen."),
            "max_length": _(
                "Ihre Frage ist zu lang: höchstens %(limit_value)d Zeichen, Sie haben %(show_value)d."
            ),
        },
    )
    name = forms.CharField(
        label=_("Name (freiwillig)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.")
        },
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=40,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    attachment = forms.FileField(
        label=_("Anhang (freiwillig)"),
        required=False,
        help_text=_("PDF, JPG oder PNG, höchstens 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "Ich habe die Datenschutzhinweise gelesen und bin einverstanden, dass BeKo meine Angaben zur Beantwortung verarbeitet."
        ),
        error_messages={
            "required": _(
                "Bitte bestätigen Sie die Datenschutzhinweise – ohne sie dürfen wir Ihre Anfrage nicht bearbeiten."
            )
        },
    )
    # Honeypot: hidden from people (CSS and aria-hidden), bots fill it in.
    website = forms.CharField(
        required=False, max_length=200, label=_("Bitte dieses Feld leer lassen")
    )

    def clean_attachment(self) -> tuple[UploadedFile, str, str] | None:
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        limit = settings.BEKO_INQUIRY_ATTACHMENT_MAX_BYTES
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        head = upload.read(8192)
        upload.seek(0)
        kind = filetype.guess(head)
        if kind is None or kind.mime not in ALLOWED_UPLOADS:
            raise forms.ValidationError(
                _(
                    "Diese Datei ist kein PDF-, JPG- oder PNG-Dokument. Geprüft wird der Inhalt der Datei, nicht ihre Endung."
                )
            )
        return upload, kind.mime, ALLOWED_UPLOADS[kind.mime]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("email")
            and not data.get("phone")
            and not (self.has_error("email") or self.has_error("phone"))
        ):
            self.add_error(
                "email",
                _(
                    "Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an, damit wir antworten können."
                ),
            )
        return data

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class PhoneInquiryForm(InquiryForm):
    """Staff enter a question taken on the hotline; the privacy notice was given orally."""

    consent = forms.BooleanField(
        label=_("Die Datenschutzhinweise wurden am Telefon gegeben."),
        error_messages={
            "required": _(
                "Bitte bestätigen Sie, dass Sie auf die Datenschutzhinweise hingewiesen haben."
            )
        },
    )
    question = forms.CharField(
        label=_("Frage"), min_length=10, max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["asker_type"].label = _("Wer fragt")


class SuggestionForm(forms.Form):
    question = forms.CharField(max_length=5000, required=False)
    topic = forms.CharField(max_length=20, required=False)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Interne Notiz"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReplyForm(forms.Form):
    via = forms.ChoiceField(
        label=_("Antwort per"), choices=Reply.Via.choices, widget=forms.RadioSelect
    )
    subject = forms.CharField(label=_("Betreff"), max_length=200)
    body = forms.CharField(
        label=_("Antwort"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 14})
    )

    def __init__(self, *args: Any, has_email: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_email:
            self.fields["via"].choices = [(Reply.Via.PHONE, Reply.Via.PHONE.label)]  # type: ignore[attr-defined]  # self.fields is typed as plain Field
            self.fields["via"].help_text = _(
                "Keine E-Mail-Adresse vorhanden: Die telefonische Antwort wird hier dokumentiert."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        missing = list(
            dict.fromkeys(
                unfilled_placeholders(data.get("subject", ""))
                + unfilled_placeholders(data.get("body", ""))
            )
        )
        if missing:
            raise forms.ValidationError(unfilled_message(missing), code="unfilled")
        return data


class AssignForm(forms.Form):
    # The queryset (active team members) is set per form instance.
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Zuständig"), queryset=None, required=False, empty_label=_("– niemand –")
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff  # type: ignore[attr-defined]  # self.fields is typed as plain Field


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("Neuer Status"), choices=Status.choices)


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Referenznummer der Haupt-Anfrage"),
        max_length=20,
        help_text=_("Diese Anfrage wird geschlossen und dort vermerkt."),
    )


class FaqDraftForm(FaqEntryForm):
    """The FAQ entry form, checked against the personal data of the inquiry it comes from."""


class ReplyTemplateForm(forms.ModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["title", "subject", "body", "topic"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "body": _(
                "Automatisch ausgefüllt werden {name}, {referenz}, {thema}, {frage}, "
                "{bearbeiter} und {hotline}. Was Sie bei jeder Antwort selbst schreiben "
                "müssen, setzen Sie in doppelte eckige Klammern, z. B. [[Termin]] oder "
                "[[Ihre Antwort]]. Eine Antwort kann erst gesendet werden, wenn alle "
                "Platzhalter ersetzt sind."
            ),
        }

    def _check_placeholders(self, field: str) -> str:
        text: str = self.cleaned_data.get(field, "")
        unknown = sorted(
            {m for m in re.findall(r"\{(\w+)\}", text) if m not in AUTOMATIC_PLACEHOLDERS}
        )
        if unknown:
            raise forms.ValidationError(
                _(
                    "Unbekannter Platzhalter: %(names)s. Automatische Platzhalter stehen in "
                    "geschweiften Klammern (z. B. {name}), selbst auszufüllende in doppelten "
                    "eckigen Klammern (z. B. [[Termin]])."
                )
                % {"names": ", ".join(f"{{{name}}}" for name in unknown)}
            )
        return text

    def clean_subject(self) -> str:
        return self._check_placeholders("subject")

    def clean_body(self) -> str:
        return self._check_placeholders("body")


class SubjectAccessForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse der Person"), max_length=254, required=False)
    phone = forms.CharField(
        label=_("oder Telefonnummer"), max_length=40, required=False, validators=[phone_validator]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(
                _("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.")
            )
        return data


class MonthForm(forms.Form):
    monat = forms.RegexField(
        label=_("Monat"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
    )
