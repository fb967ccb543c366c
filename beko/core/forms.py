from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, cast

import filetype
from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .lib.content_i18n import translated_field_names
from .models import LegalDetails, Page, SignLanguageVideo
from .widgets import RichTextarea


class VocabularyFilterField(forms.ChoiceField):
    """A filter over a shared vocabulary (`beko.core.vocabulary`) that also accepts the former
    codes in `aliases` (links and bookmarks from before the vocabularies were unified). The
    value stays as sent; the selector expands it (`vocabulary.expand_code`)."""

    def __init__(self, *, aliases: Mapping[str, object], **kwargs: Any) -> None:
        self.aliases = aliases
        super().__init__(**kwargs)

    def valid_value(self, value: Any) -> bool:
        return value in self.aliases or super().valid_value(value)


class VocabularyChoiceField(forms.ChoiceField):
    """A choice of a shared vocabulary that is stored: a former code that stands for exactly
    one of today's codes (a form page opened before the vocabularies were unified) is taken
    as that code."""

    def __init__(self, *, aliases: Mapping[str, tuple[str, ...]], **kwargs: Any) -> None:
        self.aliases = aliases
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        code = super().to_python(value)
        targets = self.aliases.get(code, ())
        return str(targets[0]) if len(targets) == 1 else code


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
        self.fields["language"].choices = languages  # type: ignore[attr-defined]  # self.fields is typed as plain Field
        self.fields["subject"].choices = subjects  # type: ignore[attr-defined]  # self.fields is typed as plain Field

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


LEGAL_SECTIONS = (
    (_("Impressum (§ 5 DDG)"), ("provider_name", "legal_form", "street", "postcode_city",
     "representative", "email", "phone", "supervisory_authority", "vat_id",
     "content_responsible")),
    (_("Datenschutzerklärung (Art. 13 DSGVO)"), ("dpo_contact", "purposes", "rights",
     "complaint_authority")),
    (_("Erklärung zur Barrierefreiheit (BITV 2.0)"), ("conformity", "evaluation",
     "non_accessible_parts", "feedback_contact", "enforcement")),
)  # fmt: skip


class LegalDetailsForm(forms.ModelForm):
    """The facts behind Impressum, Datenschutz and Barrierefreiheit, grouped by page."""

    class Meta:
        model = LegalDetails
        fields = [name for _title, names in LEGAL_SECTIONS for name in names]
        widgets = {
            name: forms.Textarea(attrs={"rows": rows})
            for name, rows in (("supervisory_authority", 3), ("dpo_contact", 3), ("purposes", 14),
                               ("rights", 4), ("complaint_authority", 3),
                               ("non_accessible_parts", 5), ("enforcement", 6))
        }  # fmt: skip

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(title), [self[name] for name in names]) for title, names in LEGAL_SECTIONS]


# Browsers play these everywhere; the captions must be WebVTT (the <track> format).
VIDEO_TYPES = {"video/mp4": ".mp4", "video/webm": ".webm"}


class SignLanguageVideoForm(forms.ModelForm):
    class Meta:
        model = SignLanguageVideo
        fields = ["title", "video", "captions", "transcript", "position"]
        widgets = {
            "video": forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
            "captions": forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
            "transcript": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_video(self) -> Any:
        upload = self.cleaned_data["video"]
        if upload.size > settings.BEKO_SIGN_VIDEO_MAX_BYTES:
            raise forms.ValidationError(
                _("Das Video ist zu groß (höchstens %(size)s).")
                % {"size": filesizeformat(settings.BEKO_SIGN_VIDEO_MAX_BYTES)}
            )
        head = upload.read(2048)
        upload.seek(0)
        kind = filetype.guess(head)
        if kind is None or kind.mime not in VIDEO_TYPES:
            raise forms.ValidationError(_("Bitte ein Video im Format MP4 oder WebM hochladen."))
        upload.name = f"video{VIDEO_TYPES[kind.mime]}"
        return upload

    def clean_captions(self) -> Any:
        upload = self.cleaned_data["captions"]
        if upload.size > 512 * 1024:
            raise forms.ValidationError(_("Die Untertitel-Datei ist zu groß (höchstens 512 KB)."))
        raw = upload.read()
        upload.seek(0)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = ""
        if not text.startswith("WEBVTT"):
            raise forms.ValidationError(
                _(
                    "Bitte Untertitel im Format WebVTT (.vtt, UTF-8, beginnt mit „WEBVTT“) hochladen."
                )
            )
        upload.name = "captions.vtt"
        return upload


class _Shown:
    """The current file as the widget shows it: its name, linked to the view serving it."""

    def __init__(self, *, name: str, url: str) -> None:
        self.name = name
        self.url = url

    def __str__(self) -> str:
        return self.name.rsplit("/", 1)[-1]


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for a file in private storage (no URL of its own under MEDIA_URL):
    "currently" links to `url`, the app view that decides who may see the file."""

    def __init__(self, *args: Any, url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.url = url

    def is_initial(self, value: Any) -> bool:
        return bool(value and getattr(value, "name", "") and self.url)

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = _Shown(name=value.name, url=self.url)
        return context
