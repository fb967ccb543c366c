from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from .models import Page


def pages_public() -> QuerySet[Page]:
    return Page.objects.all()


def footer_pages() -> list[Page]:
    return list(Page.objects.filter(placement=Page.Placement.FOOTER).only("slug", "title"))


def staff_menu() -> list[dict[str, str]]:
    """Back-office entries declared by every installed app (`AppConfig.staff_menu`)."""
    entries = []
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, "staff_menu", []):
            try:
                entries.append({"label": str(label), "url": reverse(url_name), "app": config.label})
            except NoReverseMatch:
                continue
    return entries


def home_sections(*, request: HttpRequest) -> list[dict[str, Any]]:
    """Blocks that domain apps contribute to the home page.

    An app opts in with a function `home_section(request) -> dict | None` in its
    `selectors.py`; the dict has `template` and `context`. Core stays ignorant of the apps.
    """
    sections = []
    for config in apps.get_app_configs():
        if not config.name.startswith("beko.") or config.label == "core":
            continue
        if find_spec(f"{config.name}.selectors") is None:
            continue
        module = import_module(f"{config.name}.selectors")
        provider = getattr(module, "home_section", None)
        if provider is not None:
            section = provider(request)
            if section:
                sections.append(section)
    sections.sort(key=lambda s: s.get("order", 100))
    return sections
