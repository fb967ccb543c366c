"""Form widgets shared by the back-office forms of several apps."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.templatetags.static import static
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RICHTEXT_LABELS = {
    "toolbar": _("Textformatierung"),
    "h2": _("Überschrift"),
    "h3": _("Unterüberschrift"),
    "bold": _("Fett"),
    "italic": _("Kursiv"),
    "bullet_list": _("Aufzählung"),
    "ordered_list": _("Nummerierte Liste"),
    "link": _("Link einfügen oder entfernen"),
    "link_prompt": _("Adresse des Links (https://…, mailto: oder tel:)"),
    "link_invalid": _("Bitte eine Adresse mit https://, http://, mailto: oder tel: angeben."),
}


class RichTextarea(forms.Textarea):
    """A textarea that beko.js turns into the rich-text editor (static/js/richtext.js).

    Without JavaScript it stays a textarea for HTML, which the services sanitise on save.
    The scripts are named here (through `static`, so hashed file names work) and loaded only on
    pages that have such a field.
    """

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = {
            **(attrs or {}),
            "data-richtext": json.dumps({key: str(text) for key, text in RICHTEXT_LABELS.items()}),
            "data-richtext-scripts": " ".join(
                (static("vendor/prosemirror/prosemirror.min.js"), static("js/richtext.js"))
            ),
            "data-richtext-styles": static("vendor/prosemirror/prosemirror.css"),
        }
        return super().get_context(name, value, attrs)


PICKER_LABELS = {
    "search": _("Suchen und hinzufügen"),
    "remove": _("Entfernen"),
    "results": _("Treffer: %(count)s. Mit Pfeiltasten wählen, Eingabetaste fügt hinzu."),
    "none": _("Keine Treffer."),
    "added": _("Hinzugefügt"),
    "removed": _("Entfernt"),
}


def parse_id_list(value: str | list[Any] | None) -> list[int]:
    """ "12, 45 7" → [12, 45, 7]; raises ValueError on anything that is not a number."""
    if value is None:
        return []
    parts = value if isinstance(value, list) else str(value).replace(",", " ").split()
    ids: list[int] = []
    for part in parts:
        number = int(str(part).strip())
        if number <= 0:
            raise ValueError(part)
        if number not in ids:
            ids.append(number)
    return ids


class IdPickerWidget(forms.TextInput):
    """Comma-separated ids in a text field, with the chosen entries listed by name.

    Without JavaScript staff type ids (the search page linked below the field lists them);
    beko.js turns it into a search-as-you-type picker over the same search URL.
    """

    template_name = "core/widgets/id_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices: list[tuple[int, str]] = []
        self.search_url: str | Promise = ""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return super().format_value(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        try:
            chosen_ids = parse_id_list(value)
        except ValueError:
            chosen_ids = []
        labels = dict(self.choices)
        context["widget"].update(
            chosen=[(pk, labels[pk]) for pk in chosen_ids if pk in labels],
            search_url=self.search_url,
            picker_labels=json.dumps({key: str(text) for key, text in PICKER_LABELS.items()}),
        )
        return context


class IdListField(forms.Field):
    """A list of ids out of `choices`, entered through an `IdPickerWidget`."""

    widget = IdPickerWidget
    default_error_messages = {
        "invalid": _("Bitte nur Nummern eingeben, durch Kommas getrennt."),
        "unknown": _("Diese Nummern gibt es nicht oder sie sind nicht auswählbar: %(ids)s"),
    }

    def __init__(self, *, search_url: str | Promise = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._choices: list[tuple[int, str]] = []
        self.widget.search_url = search_url

    @property
    def choices(self) -> list[tuple[int, str]]:
        return self._choices

    @choices.setter
    def choices(self, value: list[tuple[int, str]]) -> None:
        self._choices = list(value)
        self.widget.choices = self._choices

    def to_python(self, value: Any) -> list[int]:
        try:
            return parse_id_list(value)
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value: list[int]) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        known = {pk for pk, _label in self._choices}
        unknown = [str(pk) for pk in value if pk not in known]
        if unknown:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"ids": ", ".join(unknown)}
            )
