"""Read a rendered page the way a reader (or a screen reader) meets it: which text is in which
language. Used by the tests of the German-fallback marking and by `manage.py i18n_audit`.

`page_texts(html)` returns every text node of the body with the language it is declared in
(the nearest `lang` attribute), plus the texts of attributes people read or hear (alt,
placeholder, aria-label, title, button values). `audit(html, language)` measures a page
against the targets of issue 13: German only inside `lang="de"`, letters in the language's
script, and how much of the page is in the language at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose text no reader meets as page content.
_SKIP = frozenset({"head", "script", "style", "template", "svg", "noscript"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_READ_ATTRIBUTES = ("alt", "placeholder", "aria-label", "title")
# The same in every language: web and e-mail addresses, the brands that are not German words,
# European language levels (A1 … C2), technical abbreviations and names (PDF, JSON, iCal,
# OpenStreetMap) – WCAG 3.1.2 exempts technical terms and names.
_NEUTRAL = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|\bBeKo\b|\bMeet & Eat\b"
    r"|\b[ABC][12]\b|\b[A-Z]{2,6}\b|\biCal\b|\bOpenStreetMap\b|\bA–Z\b"
)
SCRIPTS = {"ar": "ARABIC", "fa": "ARABIC", "uk": "CYRILLIC", "ru": "CYRILLIC"}


@dataclass(frozen=True)
class Text:
    text: str
    lang: str  # the declared language ("" when no element declares one)
    attribute: str = ""  # "" for a text node, else the attribute's name
    translate: bool = True  # False inside translate="no" (names, codes)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # (tag, lang, translate, skip)
        self.stack: list[tuple[str, str, bool, bool]] = [("#root", "", True, False)]
        self.texts: list[Text] = []

    def _state(self) -> tuple[str, bool, bool]:
        _tag, lang, translate, skip = self.stack[-1]
        return lang, translate, skip

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        lang, translate, skip = self._state()
        if "lang" in values:
            lang = values["lang"].lower()
        if values.get("translate") == "no":
            translate = False
        skip = skip or tag in _SKIP
        if not skip:
            for name in _READ_ATTRIBUTES:
                if values.get(name, "").strip():
                    self.texts.append(Text(values[name].strip(), lang, name, translate))
            button = tag == "input" and values.get("type") in {"submit", "button", "reset"}
            if button and values.get("value", "").strip():
                self.texts.append(Text(values["value"].strip(), lang, "value", translate))
        if tag not in _VOID:
            self.stack.append((tag, lang, translate, skip))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        lang, translate, skip = self._state()
        if not skip and data.strip():
            self.texts.append(Text(" ".join(data.split()), lang, "", translate))


def page_texts(html: str) -> list[Text]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.texts


def letters(text: str) -> list[str]:
    return [char for char in _NEUTRAL.sub(" ", text) if char.isalpha()]


def is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def in_script(char: str, script: str) -> bool:
    return unicodedata.name(char, "").startswith(script)


def in_language(text: Text, page_language: str) -> bool:
    """True when the text counts as written in the page's language (no other lang declared)."""
    return text.lang in ("", page_language) or text.lang.startswith(page_language + "-")


def is_mostly_latin(text: str) -> bool:
    """True for text written mainly in Latin letters: German (or English) in a page of another
    script. A translation that keeps a German word beside its rendering ("تصريح التسامح
    (Duldung)", as the glossary asks) is mostly in its own script and does not count."""
    chars = letters(text)
    latin = sum(is_latin(char) for char in chars)
    return latin >= 2 and latin * 2 > len(chars)


def unmarked_latin(texts: Iterable[Text], page_language: str) -> list[Text]:
    """Text nodes in a page of a non-Latin script language that are written in Latin letters
    but not declared as another language: German (or English) that should have been marked."""
    return [
        text
        for text in texts
        if not text.attribute
        and text.translate
        and in_language(text, page_language)
        and is_mostly_latin(text.text)
    ]


@dataclass
class PageAudit:
    language: str
    letters_total: int = 0
    letters_in_language: int = 0  # outside parts declared as another language
    letters_in_script: int = 0  # of those, in the language's script
    unmarked: list[str] = field(default_factory=list)  # German text not marked lang="de"
    german_ui: list[str] = field(default_factory=list)  # untranslated interface strings

    @property
    def language_share(self) -> float:
        """How much of the page's text is in the page's language (not German fallback)."""
        return self.letters_in_language / self.letters_total if self.letters_total else 0.0

    @property
    def script_share(self) -> float | None:
        """Of the text in the page's language, the share in its script (None for Latin ones)."""
        if self.language not in SCRIPTS:
            return None
        return (
            self.letters_in_script / self.letters_in_language if self.letters_in_language else 0.0
        )

    def problems(
        self, *, min_script_share: float = 0.8, min_language_share: float = 0.0
    ) -> list[str]:
        found = []
        if self.unmarked:
            found.append(f"German outside lang=de: {self.unmarked[:5]}")
        if self.german_ui:
            found.append(f"German interface strings: {self.german_ui[:5]}")
        share = self.script_share
        if share is not None and share < min_script_share:
            found.append(f"only {share:.0%} of the letters in the language's script")
        if self.language_share < min_language_share:
            found.append(f"only {self.language_share:.0%} of the text in the language")
        return found


def audit(
    html: str, language: str, *, german_ui_strings: frozenset[str] = frozenset()
) -> PageAudit:
    """Measure one rendered page in `language` (see the module docstring).

    `german_ui_strings`: German msgids the language's catalogue lacks; a text equal to one of
    them (marked or not) is reported, which is the check for Turkish, a Latin-script language.
    """
    result = PageAudit(language=language)
    script = SCRIPTS.get(language)
    texts = page_texts(html)
    for text in texts:
        if text.text in german_ui_strings:
            result.german_ui.append(text.text)
        if not text.translate:
            continue
        chars = letters(text.text)
        if text.attribute:
            if script and in_language(text, language) and is_mostly_latin(text.text):
                result.unmarked.append(f"{text.attribute}={text.text!r}")
            continue
        result.letters_total += len(chars)
        if not in_language(text, language):
            continue
        result.letters_in_language += len(chars)
        if script:
            result.letters_in_script += sum(in_script(char, script) for char in chars)
    if script:
        result.unmarked.extend(text.text for text in unmarked_latin(texts, language))
    return result
