"""Texts that are not in a gettext catalogue or a translated model field.

- **Data texts** kept per language in files (the guide's rule files: `{"de": …, "en": …}`):
  `in_language(texts, language)` picks the language's text or falls back to German and says
  which language the result is in; inside an HTML page the fallback is marked like any other
  (`beko.core.lib.fallback_marks`), and the `{{ texts|in_language }}` filter does both.
- **Text people wrote themselves** (an inquiry, a reply): its language is unknown.
  `guess_language(text)` recognises the scripts and a few frequent words of our seven
  languages; `{% user_text value %}` renders it with `dir="auto"` and the guessed `lang`, so a
  German question inside an Arabic page reads left to right and is spoken in German.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .fallback_marks import mark

SOURCE_LANGUAGE = "de"


@dataclass(frozen=True, slots=True)
class LanguageText:
    text: str
    language: str  # the language `text` is written in

    @property
    def is_fallback(self) -> bool:
        return self.language == SOURCE_LANGUAGE

    def __str__(self) -> str:
        return self.text


def _lookup(texts: Any, language: str) -> str:
    value = texts.get(language) if isinstance(texts, Mapping) else getattr(texts, language, None)
    return value if isinstance(value, str) else ""


def in_language(texts: Any, language: str) -> LanguageText:
    """The text for `language` from a mapping or an object with one attribute per language.

    Falls back to German when the language's text is missing or empty. (`language` may be a
    regional code like "de-at"; only the first part counts.)
    """
    code = language.split("-")[0].lower()
    own = _lookup(texts, code)
    if own:
        return LanguageText(text=own, language=code)
    return LanguageText(text=_lookup(texts, SOURCE_LANGUAGE), language=SOURCE_LANGUAGE)


def marked(text: LanguageText, language: str) -> str:
    """The text, marked as German fallback when the page's `language` is not German."""
    if text.is_fallback and language.split("-")[0] != SOURCE_LANGUAGE:
        return mark(text.text)
    return text.text


# Letters that only one of two languages sharing a script uses.
_PERSIAN = set("پچژگکی")  # Arabic has ي/ك instead of ی/ک
_UKRAINIAN = set("іїєґІЇЄҐ")
_RUSSIAN = set("ыэъёЫЭЪЁ")
_WORDS = {
    "de": {"und", "der", "die", "das", "ich", "nicht", "ist", "mit", "für", "ein", "eine", "wie",
           "kann", "auf", "sie", "wir", "zu", "den", "bitte", "haben", "mein", "meine", "darf"},
    "en": {"the", "and", "is", "to", "of", "can", "my", "for", "with", "not", "how", "what",
           "please", "have", "does", "this", "you", "we", "are", "an"},
    "tr": {"ve", "bir", "bu", "ile", "için", "ben", "ne", "nasıl", "mi", "mı", "var", "değil",
           "çok", "da", "de", "benim", "lütfen", "olarak"},
}  # fmt: skip
_TURKISH_LETTERS = set("ğışİĞŞ")
_LETTER_GROUPS = {
    "de": ("sch", "ung", "cht", "chen", "keit", "heit", "tz", "ck", "äu", "ei"),
    "en": ("th", "wh", "ing", "ough", "ea", "oo", "tion"),
    "tr": ("ş", "ç", "ğ", "ı"),
}
_GERMAN_LETTERS = set("äöüßÄÖÜ")
_WORD = re.compile(r"\w+")


def guess_language(text: str) -> str | None:
    """The language of a short text someone wrote, among BeKo's languages; None if unsure."""
    counts = {"arabic": 0, "cyrillic": 0, "latin": 0}
    letters = set()
    for char in text[:2000]:
        if not char.isalpha():
            continue
        letters.add(char)
        name = unicodedata.name(char, "")
        if name.startswith(("ARABIC", "PERSIAN")):
            counts["arabic"] += 1
        elif name.startswith("CYRILLIC"):
            counts["cyrillic"] += 1
        elif name.startswith("LATIN"):
            counts["latin"] += 1
    script = max(counts, key=lambda key: counts[key])
    if counts[script] == 0:
        return None
    if script == "arabic":
        return "fa" if letters & _PERSIAN else "ar"
    if script == "cyrillic":
        # Among our languages: Ukrainian writes і, ї, є or ґ in almost every sentence.
        return "uk" if letters & _UKRAINIAN and not letters & _RUSSIAN else "ru"
    words = [word.lower() for word in _WORD.findall(text[:2000])]
    scores = {
        code: sum(word in vocabulary for word in words) for code, vocabulary in _WORDS.items()
    }
    if letters & _TURKISH_LETTERS:
        scores["tr"] += 3
    if letters & _GERMAN_LETTERS:
        scores["de"] += 3
    if not any(scores.values()):
        # A word or two without a frequent word to go by ("Deutschkurs", "housing"): the
        # letter groups typical of each language decide, if any.
        lowered = text[:200].lower()
        for code, groups in _LETTER_GROUPS.items():
            scores[code] += sum(lowered.count(group) for group in groups)
    best = max(scores, key=lambda code: scores[code])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return None
    return best if best in dict(settings.LANGUAGES) else None
