"""Do the main pages read in the visitor's language? (issue 13, "Done when")

Renders the main pages – home, Angebote (list and one offer), Wege in Arbeit with a result,
Kontakt, Veranstaltungen – in the five languages besides German and English and measures each
with `beko.core.lib.lang_audit.audit`:

- German only inside parts marked `lang="de"` (Arabic, Farsi, Ukrainian, Russian: no text
  written mainly in Latin letters outside such parts; a German word a translation keeps
  beside its rendering, as the glossary asks, is marked inside it);
- at least 80 % of the letters outside those parts in the language's script (ar, fa: Arabic;
  uk, ru: Cyrillic);
- no German interface string left, marked or not: a text equal to one of BeKo's messages
  that the language's catalogue does not translate (the check for Turkish, whose script is
  German's; done for every language);
- reported, and a failure only with `--min-language-share`: how much of the page's text is in
  the language at all (outside lang="de"). German content that is not translated yet (an
  offer nobody has translated) is allowed by the issue's targets as long as it is marked;
  this number shows how much of it there is.

Used by `manage.py i18n_audit` (on `make run` data) and by the tests.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from .lib.lang_audit import PageAudit, audit

LANGUAGES = ["ar", "fa", "uk", "tr", "ru"]
MIN_SCRIPT_SHARE = 0.8
MIN_LANGUAGE_SHARE = 0.0  # reported; see the module docstring
# Interface strings up to this length are compared whole with the page's texts; longer ones
# are sentences that show up in the other numbers.
SHORT_STRING = 60
GUIDE_SITUATION = (
    "status=gestattung&months_in_germany=4&country=AF&reception_centre=false"
    "&has_job_offer=on&as_of=2025-06-01"
)
# (name, address) or (name, (list page, pattern of the first link to follow from it)).
MAIN_PAGES: list[tuple[str, Any]] = [
    ("Startseite", "/"),
    ("Angebote", "/angebote/"),
    ("Ein Angebot", ("/angebote/", r'href="/{lang}(/angebote/\d+/)"')),
    ("Wege in Arbeit: Ergebnis", f"/wege-in-arbeit/ergebnis/?{GUIDE_SITUATION}"),
    ("Kontakt", "/kontakt/"),
    ("Veranstaltungen", "/veranstaltungen/"),
]


@dataclass
class PageResult:
    name: str
    url: str
    status: int
    audit: PageAudit
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.problems


def _catalogue_keys(language: str) -> frozenset[str]:
    files = sorted(
        Path(settings.BASE_DIR, "beko").glob(f"**/locale/{language}/LC_MESSAGES/django.mo")
    )
    return _keys(tuple((str(path), path.stat().st_mtime_ns) for path in files))


@cache
def _keys(files: tuple[tuple[str, int], ...]) -> frozenset[str]:
    keys: set[str] = set()
    for path, _mtime in files:
        with open(path, "rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]  # _catalog is the only way to list a catalogue's entries
        keys.update(key if isinstance(key, str) else key[0] for key in catalog if key)
    return frozenset(keys)


def german_interface_strings(language: str) -> frozenset[str]:
    """BeKo's short interface messages (German msgids) that `language`'s catalogue lacks.

    English is complete (a test sees to it), so its catalogue names every message.
    """
    translated = _catalogue_keys(language)
    return frozenset(
        key.replace("\x04", " ").split(" ", 1)[-1] if "\x04" in key else key
        for key in _catalogue_keys("en") - translated
        if len(key) <= SHORT_STRING and "%" not in key and "{" not in key and key.strip()
    )


def _address(client: Any, spec: Any, language: str) -> str | None:
    if isinstance(spec, str):
        return spec
    list_page, pattern = spec
    html = client.get(f"/{language}{list_page}").content.decode()
    found = re.search(pattern.format(lang=language), html)
    return found.group(1) if found else None


def audit_main_pages(
    client: Any,
    *,
    languages: list[str] | None = None,
    min_script_share: float = MIN_SCRIPT_SHARE,
    min_language_share: float = MIN_LANGUAGE_SHARE,
) -> Iterator[PageResult]:
    """Render each main page in each language with `client` (a django.test.Client)."""
    for language in languages or LANGUAGES:
        german_ui = german_interface_strings(language)
        for name, spec in MAIN_PAGES:
            address = _address(client, spec, language)
            if address is None:
                yield PageResult(name, str(spec), 0, PageAudit(language), ["no page to follow"])
                continue
            url = f"/{language}{address}"
            response = client.get(url, follow=True)
            html = response.content.decode()
            result = audit(html, language, german_ui_strings=german_ui)
            problems = result.problems(
                min_script_share=min_script_share, min_language_share=min_language_share
            )
            if response.status_code != 200:
                problems.insert(0, f"HTTP {response.status_code}")
            yield PageResult(name, url, response.status_code, result, problems)
