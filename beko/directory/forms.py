from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from beko.core.forms import PrivateFileInput, VocabularyFilterField
from beko.core.images import image_clean_file
from beko.core.search import MAX_QUERY_LENGTH
from beko.core.vocabulary import AUDIENCE_ALIASES, RESIDENCE_STATUS_ALIASES

from .models import (
    Category,
    Language,
    Location,
    OfferReport,
    Organisation,
    ResidenceStatus,
    TargetGroup,
)
from .selectors import SORTS, OfferFilters

SORT_LABELS = {
    "relevance": _("Relevanz"),
    "name": _("Name (A–Z)"),
    "verified": _("zuletzt geprüft"),
}


class OfferSearchForm(forms.Form):
    """The list page's GET parameters. Invalid values are dropped with a visible error,
    the rest of the search still works (a shared link with a stale filter stays useful)."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}
        ),
    )
    # Facet values are rendered from the facet counts (no extra queries); an unknown slug
    # simply matches nothing.
    category = forms.SlugField(label=_("Kategorie"), required=False, max_length=100)
    district = forms.SlugField(label=_("Stadtbezirk"), required=False, max_length=100)
    language = forms.RegexField(label=_("Sprache"), required=False, regex=r"^[a-z]{2,3}$")
    # Former codes (`professionals`, `para24`) in old links are still understood.
    target_group = VocabularyFilterField(
        label=_("Zielgruppe"), required=False, choices=[("", _("alle")), *TargetGroup.choices],
        aliases=AUDIENCE_ALIASES,
    )  # fmt: skip
    residence_status = VocabularyFilterField(
        label=_("Aufenthaltsstatus"),
        required=False,
        choices=[("", _("alle")), *ResidenceStatus.choices],
        aliases=RESIDENCE_STATUS_ALIASES,
    )
    free = forms.BooleanField(label=_("kostenlos"), required=False)
    accessible = forms.BooleanField(label=_("barrierefrei"), required=False)
    childcare = forms.BooleanField(label=_("mit Kinderbetreuung"), required=False)
    open_now = forms.BooleanField(label=_("jetzt geöffnet"), required=False)
    organisation = forms.SlugField(required=False, widget=forms.HiddenInput)
    sort = forms.ChoiceField(
        label=_("Sortierung"),
        required=False,
        choices=[("", _("automatisch"))] + [(s, SORT_LABELS[s]) for s in SORTS],
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput
    )
    # The query the shown sort order was chosen for. The form always sends its sort
    # select; a new query must rank by relevance unless the order was picked with it.
    sorted_q = forms.CharField(
        required=False, max_length=MAX_QUERY_LENGTH, widget=forms.HiddenInput
    )

    def filters(self) -> OfferFilters:
        """Valid values only; call after is_valid()."""
        data = {}
        for name in self.fields:
            if name in self.errors or name == "sorted_q":
                continue
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                data[name] = value
        if "sort" in data and self._sort_is_stale(data.get("q", "")):
            del data["sort"]
        data.setdefault("page", 1)
        return OfferFilters(**data)

    def _sort_is_stale(self, q: str) -> bool:
        """The sort came with the form of another query (links and the API carry no
        `sorted_q`: their sort is always meant)."""
        if "sorted_q" not in self.data:
            return False
        if "sorted_q" in self.errors:
            return True  # longer than any query: it cannot belong to this one
        return " ".join(self.cleaned_data.get("sorted_q", "").split()) != " ".join(q.split())


class OfferReportForm(forms.ModelForm):
    """ "Information outdated?" – no account needed; a honeypot field catches simple bots."""

    website = forms.CharField(
        label=_("Bitte leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = OfferReport
        fields = ["message", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise forms.ValidationError(_("Bitte beschreiben Sie kurz, was nicht stimmt."))
        return message

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


WEEKDAY_ABBREVIATIONS = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6}


def parse_opening_hours(text: str) -> list[tuple[int, str, str]]:
    """ "Mo 09:00-12:00" per line -> [(0, "09:00", "12:00")]; raises ValidationError per line."""
    import re
    from datetime import time

    result = []
    errors = []
    pattern = re.compile(
        r"^(mo|di|mi|do|fr|sa|so)\w*\.?\s+(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$"
    )
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip().lower()
        if not line:
            continue
        match = pattern.match(line)
        if not match:
            errors.append(_("Zeile %(n)s: bitte so angeben: „Mo 09:00-12:00“.") % {"n": number})
            continue
        day, h1, m1, h2, m2 = match.groups()
        try:
            opens, closes = time(int(h1), int(m1)), time(int(h2), int(m2))
        except ValueError:
            errors.append(_("Zeile %(n)s: ungültige Uhrzeit.") % {"n": number})
            continue
        if closes <= opens:
            errors.append(_("Zeile %(n)s: das Ende muss nach dem Beginn liegen.") % {"n": number})
            continue
        result.append(
            (WEEKDAY_ABBREVIATIONS[day], opens.strftime("%H:%M"), closes.strftime("%H:%M"))
        )
    if errors:
        raise forms.ValidationError(errors)
    return sorted(result)


def format_opening_hours(rows: list[list[Any]] | list[tuple[int, str, str]]) -> str:
    names = {v: k.capitalize() for k, v in WEEKDAY_ABBREVIATIONS.items()}
    return "\n".join(f"{names[d]} {o}-{c}" for d, o, c in rows)


class OfferForm(forms.Form):
    """Staff and partner editing of an offer (German source texts)."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Kurzbeschreibung"), max_length=400, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    categories: forms.ModelMultipleChoiceField[Category] = forms.ModelMultipleChoiceField(
        label=_("Kategorien"), queryset=None, widget=forms.CheckboxSelectMultiple
    )  # queryset set in __init__ (per request)
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    residence_statuses = forms.MultipleChoiceField(
        label=_("Aufenthaltsstatus"),
        choices=ResidenceStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nichts angekreuzt bedeutet: für alle."),
    )
    languages: forms.ModelMultipleChoiceField[Language] = forms.ModelMultipleChoiceField(
        label=_("Sprachen"), queryset=None, widget=forms.CheckboxSelectMultiple
    )  # queryset set in __init__ (per request)
    locations: forms.ModelMultipleChoiceField[Location] = forms.ModelMultipleChoiceField(
        label=_("Orte"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )  # queryset set in __init__ (per request)
    is_free = forms.BooleanField(label=_("kostenlos"), required=False)
    cost = forms.CharField(label=_("Kosten (Freitext)"), max_length=200, required=False)
    registration_required = forms.BooleanField(label=_("Anmeldung nötig"), required=False)
    on_site = forms.BooleanField(label=_("vor Ort"), required=False)
    online = forms.BooleanField(label=_("online"), required=False)
    by_phone = forms.BooleanField(label=_("telefonisch"), required=False)
    wheelchair_accessible = forms.BooleanField(label=_("rollstuhlgerecht"), required=False)
    hearing_loop = forms.BooleanField(label=_("Induktionsschleife"), required=False)
    sign_language = forms.BooleanField(label=_("Gebärdensprache"), required=False)
    childcare = forms.BooleanField(label=_("mit Kinderbetreuung"), required=False)
    opening_hours = forms.CharField(
        label=_("Öffnungszeiten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Zeile je Zeitraum, z. B. „Mo 09:00-12:00“."),
    )
    schedule_note = forms.CharField(label=_("Zeiten (Freitext)"), max_length=500, required=False)
    contact_name = forms.CharField(label=_("Ansprechperson"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-Mail"), required=False)
    contact_phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    valid_from = forms.DateField(
        label=_("gültig ab"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("gültig bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own arguments, passed through
        for name, queryset in (
            ("categories", Category.objects.all()),
            ("languages", Language.objects.all()),
            (
                "locations",
                Location.objects.filter(organisation=organisation).select_related("district"),
            ),
        ):
            field = self.fields[name]  # typed as a plain Field; always the one declared above
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.queryset = queryset

    def clean_opening_hours(self) -> list[tuple[int, str, str]]:
        return parse_opening_hours(self.cleaned_data.get("opening_hours") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("valid_from")
            and data.get("valid_until")
            and data["valid_until"] < data["valid_from"]
        ):
            self.add_error("valid_until", _("Das Ende darf nicht vor dem Beginn liegen."))
        if not (data.get("on_site") or data.get("online") or data.get("by_phone")):
            self.add_error(
                "on_site", _("Bitte mindestens eine Form wählen: vor Ort, online oder telefonisch.")
            )
        return data

    @classmethod
    def initial_from(cls, snapshot: dict[str, Any]) -> dict[str, Any]:
        initial = dict(snapshot)
        initial["opening_hours"] = format_opening_hours(snapshot.get("opening_hours", []))
        return initial


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = [
            "name",
            "street",
            "postal_code",
            "city",
            "district",
            "latitude",
            "longitude",
            "accessibility_notes",
            "transit_hint",
        ]

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip()
        if not value.isdigit() or len(value) != 5:
            raise forms.ValidationError(_("Bitte eine fünfstellige Postleitzahl angeben."))
        return value


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "kind",
            "short_description",
            "description",
            "website",
            "email",
            "phone",
            "logo",
            "logo_credit",
            "is_public",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.instance.logo_url if self.instance.pk else ""
        self.fields["logo"].widget = PrivateFileInput(attrs={"accept": "image/*"}, url=url)

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            # Logos are small: 16 px is enough, the other checks are those of every image.
            return image_clean_file(upload=logo, min_edge=16)
        return logo

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("logo") and not (data.get("logo_credit") or "").strip():
            self.add_error("logo_credit", _("Bitte den Bildnachweis für das Logo angeben."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV-Datei (UTF-8, Trennzeichen Semikolon oder Komma)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("Die Datei ist zu groß (höchstens 20 MB)."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Bitte eine CSV-Datei hochladen."))
        return upload


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Begründung für die Partnerin/den Partner"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
