"""Per-language texts of the guide's data files (rules, papers, glossary, employer view).

Every text in the YAML files is a mapping ``{de: …, en: …, ar: …}``. German is the source
and the fallback. ``REQUIRED_LANGUAGES`` is the one switch that says which languages every
text must have; the JSON schema is built from it at load time, and a test validates every
data file against it. All seven languages are required: the loader refuses any file that
misses one of them, so a new German text cannot land without its six translations. Resolving
still falls back to German per text (marked lang="de"), for a language added later.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

SOURCE_LANGUAGE = "de"
# Every language the site speaks (settings.LANGUAGES uses the same codes).
LANGUAGES: tuple[str, ...] = ("de", "en", "ar", "fa", "uk", "tr", "ru")
# Languages each text must have: all of them (the translations exist since issue 13).
REQUIRED_LANGUAGES: tuple[str, ...] = LANGUAGES
RTL_LANGUAGES: frozenset[str] = frozenset({"ar", "fa"})


def base_language(code: str | None) -> str:
    """'de-DE' → 'de'; unknown or empty codes → German."""
    if not code:
        return SOURCE_LANGUAGE
    short = code.split("-")[0].split("_")[0].lower()
    return short if short in LANGUAGES else SOURCE_LANGUAGE


@dataclass(frozen=True, slots=True)
class Resolved:
    """A text in the language that was asked for, or its German fallback."""

    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text

    @property
    def marked(self) -> str:
        """The text for a page: German words a translation keeps ("(Duldung)", "§ 60c
        AufenthG") marked so the page renders them with lang="de" (WCAG 3.1.2)."""
        from beko.core.lib.fallback_marks import mark_terms

        return mark_terms(self.text, self.lang)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "lang": self.lang, "fallback": self.fallback}


@dataclass(frozen=True, slots=True)
class Text:
    """One text in several languages. Stored as a tuple so instances stay hashable."""

    items: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, mapping: Mapping[str, str] | None = None, **languages: str) -> Text:
        values = dict(mapping or {}, **languages)
        return cls(tuple((lang, values[lang]) for lang in LANGUAGES if values.get(lang)))

    def _values(self) -> dict[str, str]:
        return dict(self.items)

    @property
    def de(self) -> str:
        return self._values().get(SOURCE_LANGUAGE, "")

    @property
    def en(self) -> str:
        return self._values().get("en", "")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _value in self.items)

    def resolve(self, language: str | None) -> Resolved:
        """The text in ``language``; German (marked as fallback) when it is missing."""
        lang = language if language in LANGUAGES else base_language(language)
        german = ""
        # A handful of pairs: scanning them is cheaper than building a dict.
        for code, value in self.items:
            if code == lang:
                return Resolved(value, lang, False)
            if code == SOURCE_LANGUAGE:
                german = value
        return Resolved(german, SOURCE_LANGUAGE, lang != SOURCE_LANGUAGE)

    def get(self, language: str | None) -> str:
        return self.resolve(language).text

    def to_dict(self) -> dict[str, str]:
        return self._values()

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)
