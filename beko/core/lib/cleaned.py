"""A form's cleaned data as the TypedDict a service takes: the one typed boundary.

django-stubs types `form.cleaned_data` as `dict[str, Any]`; the services take a TypedDict that
names every key they read (`OfferData`, `FaqEntryData`, …). `cleaned(form, OfferData)` hands
the cleaned data over unchanged (same dict, so behaviour is exactly the form's), after checking
at run time that every key the TypedDict requires is there: a field renamed in the form fails
here, loudly, instead of as a KeyError deep in a service.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from django import forms

Shape = TypeVar("Shape", bound=Mapping[str, Any])


def _required_keys(shape: type[Mapping[str, Any]]) -> frozenset[str]:
    """The TypedDict's required keys. Python 3.11 cannot see `NotRequired[...]` in a module with
    `from __future__ import annotations` (the annotations are strings there), so those keys are
    taken out by the annotation's text."""
    required = set(getattr(shape, "__required_keys__", ()))
    for key, annotation in getattr(shape, "__annotations__", {}).items():
        text = getattr(annotation, "__forward_arg__", annotation)
        if isinstance(text, str) and text.replace("typing.", "").startswith("NotRequired["):
            required.discard(key)
    return frozenset(required)


def cleaned(form: forms.BaseForm, shape: type[Shape]) -> Shape:
    """The valid form's cleaned data, typed as `shape` (a TypedDict)."""
    data = form.cleaned_data
    missing = _required_keys(shape) - data.keys()
    if missing:
        raise TypeError(f"{type(form).__name__} gives no {', '.join(sorted(missing))}")
    # The check above is what mypy cannot do: a TypedDict cannot be built from dict[str, Any].
    return cast(Shape, data)
