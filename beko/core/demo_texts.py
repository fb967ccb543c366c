"""The texts of the demo content in every site language.

Each app that ships demo content keeps its texts in `<app>/demo_texts/<language>.yaml`: one
file per language with the same keys, German (`de.yaml`) being the source. The translations
are the BeKo team's own work, written into these files – no translation service is called.
A demo loader first stores the German text the normal way (through the app's services), then
`translations_apply` stores every other language with `translation_save`, which records the
German version each translation was made from: the staff translation overview shows the demo
content as "current".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.db import models

SOURCE = "de"


@cache
def demo_texts(app_label: str) -> dict[str, dict[str, Any]]:
    """{language: {section: {key: {field: text}}}} of one app, read once per process."""
    directory = Path(apps.get_app_config(app_label).path) / "demo_texts"
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("*.yaml"))
    }


def german(app_label: str, section: str) -> dict[str, dict[str, str]]:
    """The German texts of one section, by key (the source the loaders create objects from)."""
    return demo_texts(app_label)[SOURCE][section]


def translations_apply(
    *,
    obj: models.Model,
    app_label: str,
    section: str,
    key: str,
    values: dict[str, Any] | None = None,
    fields: dict[str, str] | None = None,
) -> None:
    """Store every translated language of one demo object; its German text is already set.

    `values` fills placeholders such as `{year}` in every language alike; `fields` maps model
    fields to the entry's keys when they differ or only some apply (a news item's picture
    takes its `alt_text` from the item's `alt`).
    """
    from beko.core.services import translations_save

    by_language: dict[str, dict[str, str]] = {}
    for language, texts in demo_texts(app_label).items():
        if language == SOURCE:
            continue
        entry = texts[section][key]
        chosen = {field: entry[name] for field, name in (fields or {k: k for k in entry}).items()}
        if values:
            chosen = {field: text.format(**values) for field, text in chosen.items()}
        by_language[language] = chosen
    # All languages in one save and one re-index (the index holds every language version).
    translations_save(obj=obj, values_by_language=by_language)
