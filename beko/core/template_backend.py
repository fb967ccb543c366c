"""Django's template backend, plus the German-fallback marking of `lib/fallback_marks`.

While an HTML template renders, missing translations come back marked; the rendered page is
resolved into `lang="de"` markup before anyone sees it. E-mail and plain-text templates
render as before: their readers get no markup, so there is nothing to mark.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.backends.django import DjangoTemplates as DjangoBackend
from django.template.backends.django import Template as DjangoBackendTemplate
from django.template.backends.django import reraise
from django.template.exceptions import TemplateDoesNotExist
from django.utils.safestring import SafeString, mark_safe

from .lib.fallback_marks import marking, resolve


def _is_html_page(name: object) -> bool:
    return isinstance(name, str) and name.endswith(".html") and not name.startswith("emails/")


class Template(DjangoBackendTemplate):
    def render(
        self, context: dict[str, Any] | None = None, request: HttpRequest | None = None
    ) -> SafeString:
        if not _is_html_page(self.origin.template_name):
            return mark_safe(super().render(context, request))  # noqa: S308 - the engine's output
        with marking():
            html = super().render(context, request)
        return mark_safe(resolve(html, language="de"))  # noqa: S308 - rendered by the engine


class DjangoTemplates(DjangoBackend):
    """`TEMPLATES[…]["BACKEND"]`: the standard backend whose templates mark German fallbacks."""

    def from_string(self, template_code: str) -> Template:
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name: str) -> Template:
        try:
            return Template(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            reraise(exc, self)  # always raises
            raise
