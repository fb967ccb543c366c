"""`cleaned(form, Shape)`: a form's cleaned data handed to a service as its TypedDict."""

# As in the services: the TypedDict's annotations are strings, NotRequired included.
from __future__ import annotations

from typing import NotRequired, TypedDict

import pytest
from django import forms

from beko.core.lib.cleaned import cleaned


class _Data(TypedDict):
    title: str
    note: NotRequired[str]


class _Form(forms.Form):
    title = forms.CharField()
    note = forms.CharField(required=False)


class _TitleOnlyForm(forms.Form):
    title = forms.CharField()


class _RenamedForm(forms.Form):
    heading = forms.CharField()


def test_the_cleaned_data_is_handed_over_unchanged():
    form = _Form({"title": " Hallo ", "note": ""})
    assert form.is_valid()
    data = cleaned(form, _Data)
    assert data is form.cleaned_data
    assert data == {"title": "Hallo", "note": ""}


def test_a_key_that_is_not_required_may_be_missing():
    form = _TitleOnlyForm({"title": "Hallo"})
    assert form.is_valid()
    assert cleaned(form, _Data) == {"title": "Hallo"}


def test_a_form_without_a_required_key_fails_at_the_boundary():
    form = _RenamedForm({"heading": "Hallo"})
    assert form.is_valid()
    with pytest.raises(TypeError, match="_RenamedForm gives no title"):
        cleaned(form, _Data)
