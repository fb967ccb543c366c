from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beko.core.lib.fallback_marks import shown_field
from beko.core.models import Image
from beko.core.widgets import IdListField, RichTextarea

from . import selectors
from .models import Category, NewsItem


class NewsFilterForm(forms.Form):
    """Public list filters; invalid values are ignored rather than failing the page."""

    year = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("Kategorie"), required=False)
    kind = forms.ChoiceField(
        label=_("Art"),
        required=False,
        choices=[("", _("Alle")), *NewsItem.Kind.choices],
    )
    tag = forms.SlugField(required=False, widget=forms.HiddenInput)
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # ChoiceFields: the base type `Field` of `self.fields` does not know `choices`.
        self.fields["year"].choices = [  # type: ignore[attr-defined]  # see above("", _("Alle Jahre"))] + [
            (year, str(year)) for year in selectors.news_years()
        ]
        self.fields["category"].choices = [("", _("Alle Kategorien"))] + [  # type: ignore[attr-defined]  # see above
            # Read when the form renders, so an untranslated name is marked as German.
            (category.slug, shown_field(category, "name"))
            for category in selectors.categories_in_use()
        ]


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    teaser = forms.CharField(
        label=_("Anreißer"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ein bis zwei Sätze für Liste, Feed und Vorschau beim Teilen."),
    )
    body = forms.CharField(
        label=_("Text (HTML, wird bereinigt)"),
        max_length=100_000,
        required=False,
        widget=RichTextarea(attrs={"rows": 16}),
        help_text=_("Erlaubt sind Absätze, Überschriften, Listen, Links, Tabellen und Zitate."),
    )
    kind = forms.ChoiceField(label=_("Art"), choices=NewsItem.Kind.choices)
    author_unit = forms.CharField(label=_("Herausgegeben von"), max_length=120, initial="BeKo-Team")
    categories: forms.ModelMultipleChoiceField[Category] = forms.ModelMultipleChoiceField(
        label=_("Kategorien"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Schlagwörter"),
        max_length=400,
        required=False,
        help_text=_("Durch Kommas getrennt, z. B. „Meet & Eat, Stadtgespräche“."),
    )
    lead_image: forms.ModelChoiceField[Image] = forms.ModelChoiceField(
        label=_("Aufmacherbild aus der Bildersammlung"),
        queryset=Image.objects.all(),
        required=False,
    )
    related_offer_ids = IdListField(
        label=_("Passende Angebote"),
        required=False,
        search_url=reverse_lazy("news_staff:pick_offers"),
        help_text=_("Nummern der Angebote, durch Kommas getrennt."),
    )
    related_event_ids = IdListField(
        label=_("Passende Veranstaltungen"),
        required=False,
        search_url=reverse_lazy("news_staff:pick_events"),
        help_text=_("Nummern der Veranstaltungen, durch Kommas getrennt."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # `self.fields` is typed as plain `Field`, which knows neither `choices` nor labels.
        self.fields["related_offer_ids"].choices = selectors.offer_choices()  # type: ignore[attr-defined]  # see above
        self.fields["related_event_ids"].choices = selectors.event_choices()  # type: ignore[attr-defined]  # see above
        self.fields["lead_image"].label_from_instance = lambda image: (  # type: ignore[attr-defined]  # see above
            f"{image.alt_text_de} ({image.credit})"
        )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Bitte geben Sie einen Titel ein."))
        return title


class PublishForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Veröffentlichen am (leer = sofort)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
    )

    def clean_publish_at(self) -> Any:
        value = self.cleaned_data.get("publish_at")
        if value and value.year < 2000:
            raise forms.ValidationError(_("Bitte geben Sie ein gültiges Datum an."))
        if value and value > timezone.now() + timedelta(days=366 * 2):
            raise forms.ValidationError(_("Bitte planen Sie höchstens zwei Jahre im Voraus."))
        return value


class AudiencePageForm(forms.Form):
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
        widget=RichTextarea(attrs={"rows": 14}),
    )
    lead_image: forms.ModelChoiceField[Image] = forms.ModelChoiceField(
        label=_("Bild aus der Bildersammlung"), queryset=Image.objects.all(), required=False
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Neue Kategorie"), max_length=80)


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Suchbegriff"),
        max_length=200,
        required=False,
        strip=True,
        error_messages={"max_length": _("Bitte höchstens 200 Zeichen eingeben.")},
    )
    bereich = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
