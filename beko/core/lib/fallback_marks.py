"""Mark text that falls back to German inside a page in another language (WCAG 3.1.2).

A page in Arabic, Farsi, Ukrainian, Turkish or Russian still shows German wherever a
translation is missing: an interface string whose msgid the active catalogue lacks, a content
field nobody has translated yet, a data text (the guide's rule files) without that language,
a name or address that only exists in German. Screen readers must read such parts as German,
and inside a right-to-left page their punctuation and numbers must stay where they belong
("24 § vorübergehender) (Schutz"). So every such fragment has to be wrapped in
`<span lang="de" dir="ltr">` (or a `<div>` when it holds block markup).

The sources of fallback text do not know where their text ends up: a form label may land in a
`<label>`, a `placeholder="…"` attribute or an `<option>`. Markup written at the source would
break attributes. Instead, while an HTML template renders (`beko.core.template_backend`), each
source returns its fallback text wrapped in two Unicode noncharacters (`START` … `END`, code
points reserved for exactly this kind of internal use). When the page is rendered, `resolve()`
reads the HTML once and, depending on where each marked fragment sits:

- element content: `<span lang="de" dir="ltr">…</span>` (`<div>` if it contains block markup);
- inside `<option>`: `lang="de"` on the option (options hold text only);
- in an attribute of `<img>`/`<input>`/`<area>` (alt, placeholder, value): `lang="de"` on the
  element, which has no content of its own to mislabel;
- anywhere else (other attributes, `<title>`, `<textarea>`, `<script>`, `<style>`, URLs after
  `|urlencode`, JSON after escaping): the marks are removed, the text stays.

Marks never leave the rendering: outside an HTML template render `mark()` returns its input
unchanged, and the template backend resolves every page before it is returned. Code that
builds values cached across requests computes them under `unmarked()` and marks explicitly
(see `beko.core.selectors.footer_links`), so a cache never depends on where it was filled.

Cost: one context-variable read per translated string or field while rendering; a page
without any fallback is returned untouched after three substring searches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.functional import lazy
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

SOURCE_LANGUAGE = "de"
START = "\ufdd0"
END = "\ufdd1"
# A German word kept inside a translation ("تصريح التسامح (Duldung)", see the glossary): marked
# as German in running text, never spread to the element around it.
TERM_START = "\ufdd2"
TERM_END = "\ufdd3"

# What the marks become after `|urlencode`, `|escapejs`/JSON escaping: only ever inside
# attributes or scripts, where they are simply removed.
_ESCAPED_MARKS = re.compile(r"%EF%B7%9[0-3]|\\u[fF][dD][dD][0-3]", re.IGNORECASE)
_ALL_MARKS = re.compile(f"[{START}{END}{TERM_START}{TERM_END}]")

_active: ContextVar[bool] = ContextVar("beko_fallback_marking", default=False)


@contextmanager
def marking(enabled: bool = True) -> Iterator[None]:
    """Turn marking on (an HTML template renders) or off (`unmarked()`) for the block."""
    token = _active.set(enabled)
    try:
        yield
    finally:
        _active.reset(token)


def unmarked() -> AbstractContextManager[None]:
    """For values that are cached across requests or leave the page (e-mails, JSON)."""
    return marking(False)


def is_marking() -> bool:
    return _active.get()


def mark(text: str) -> str:
    """`text` as a German fallback fragment; unchanged when nothing renders HTML."""
    if not text or not _active.get():
        return text
    marked = START + text + END
    return mark_safe(marked) if isinstance(text, SafeData) else marked  # noqa: S308 - marks are no markup


_terms: re.Pattern[str] | None = None
# Languages not written in Latin letters: there, any run of Latin-script words inside a
# translation is a German word kept beside the rendering, a legal reference ("§ 60c
# AufenthG") or a name, and is marked too – whatever the glossary lists.
NON_LATIN_LANGUAGES = frozenset({"ar", "fa", "uk", "ru"})
_LATIN = "A-Za-zÀ-ɏ"
_WORD_CHARS = f"{_LATIN}0-9.\\-–/&'"
_WORD = f"[{_LATIN}0-9][{_WORD_CHARS}]*"  # a word or a number ("Abs.", "3", "60c")
_LATIN_RUN = re.compile(
    # starts with a Latin word or a § reference, goes on over words and numbers
    rf"(?:§+\s*{_WORD}|[{_LATIN}][{_WORD_CHARS}]*)(?:[ \u00a0]+(?:§+\s*)?{_WORD})*"
)
# Never touched: markup, entities, format placeholders, web and e-mail addresses, and names that
# are the same in every language.
_KEEP = re.compile(
    r"(<[^>]*>|&#?\w+;|%\([^)]*\)[#0\- +]*\d*(?:\.\d+)?[a-zA-Z]|%[a-zA-Z%]|\{\w*\}"
    r"|(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|\bBeKo\b|\bMeet & Eat\b)"
)


def set_german_terms(words: list[str]) -> None:
    """The German words that translations keep beside their rendering (from the glossary)."""
    global _terms
    _marked_terms.cache_clear()
    ordered = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    _terms = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
        if ordered
        else None
    )


def mark_terms(text: str, language: str | None = None) -> str:
    """`text` (a translation into ``language``, default: the page's) with the German words it
    keeps marked; unchanged outside a page and for German text."""
    if not text or not _active.get():
        return text
    language = (language or get_language() or SOURCE_LANGUAGE).split("-")[0]
    if language == SOURCE_LANGUAGE:
        return text
    marked = _marked_terms(str(text), language in NON_LATIN_LANGUAGES)
    return mark_safe(marked) if isinstance(text, SafeData) else marked  # noqa: S308 - no markup


@lru_cache(maxsize=8192)
def _marked_terms(text: str, latin_runs: bool) -> str:
    pattern = _LATIN_RUN if latin_runs else _terms
    if pattern is None:
        return text

    def wrap(match: re.Match[str]) -> str:
        return TERM_START + match.group(0) + TERM_END

    parts = _KEEP.split(text)
    # split() with one group: odd indices are the kept pieces, even ones the text between.
    return "".join(
        part if index % 2 else pattern.sub(wrap, part) for index, part in enumerate(parts)
    )


def strip(text: str) -> str:
    """`text` without any marks (for code that must compare or store rendered text)."""
    return _ESCAPED_MARKS.sub("", _ALL_MARKS.sub("", text))


def contains_marks(html: str) -> bool:
    return (
        START in html
        or TERM_START in html
        or "%EF%B7%9" in html
        or "%ef%b7%9" in html
        or "\\ufdd" in html.lower()
    )


# Elements whose content the HTML parser does not read as markup: marks are dropped there. So
# inside SVG, where an HTML <span> would end the drawing (mark its <text> with lang instead).
_RAW_TEXT = frozenset({"script", "style", "title", "textarea", "svg"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
# Void elements whose text attributes (alt, placeholder, value) a reader meets as content.
_LABELLED_VOID = frozenset({"img", "input", "area"})
# Start tags that make a marked fragment a block: it is then wrapped in a <div>.
_BLOCK = frozenset(
    {"address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "dt", "dd",
     "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
     "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul"}
)  # fmt: skip

_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    f"|(?P<mark>[{START}{END}{TERM_START}{TERM_END}])",
    re.DOTALL,
)
_HAS_LANG = re.compile(r"\slang\s*=", re.IGNORECASE)
_HAS_DIR = re.compile(r"\sdir\s*=", re.IGNORECASE)


@dataclass
class _Open:
    index: int  # position of the placeholder for the opening tag in the output
    depth: int  # element depth the fragment started at
    block: bool = False
    term: bool = False  # a German word inside a translation (TERM_START … TERM_END)


def _with_lang(tag: str, *, direction: bool = False) -> str:
    """A start tag with lang="de" (and dir="ltr") added, unless it names a language already."""
    if _HAS_LANG.search(tag):
        return tag
    end = -2 if tag.endswith("/>") else -1
    extra = ' lang="de" dir="ltr"' if direction and not _HAS_DIR.search(tag) else ' lang="de"'
    return tag[:end].rstrip() + extra + tag[end:]


def _open_tag(name: str, language: str) -> str:
    return f'<{name} lang="{language}" dir="ltr">'


def resolve(html: str, *, language: str = "de") -> str:
    """Turn the marks in a rendered page into `lang` markup (see the module docstring)."""
    if not contains_marks(html):
        return html
    out: list[str] = []
    stack: list[_Open] = []
    depth = 0
    option_index: int | None = None  # output index of the open <option> start tag
    option_marked = False
    pos = 0

    def close_fragment(entry: _Open) -> None:
        tag = "div" if entry.block else "span"
        out[entry.index] = _open_tag(tag, language)
        out.append(f"</{tag}>")

    while True:
        match = _TOKEN.search(html, pos)
        if match is None:
            out.append(html[pos:])
            break
        out.append(html[pos : match.start()])
        pos = match.end()
        mark_char = match.group("mark")
        if mark_char is not None:
            term = mark_char in (TERM_START, TERM_END)
            if option_index is not None:
                option_marked = option_marked or mark_char == START
            elif mark_char in (START, TERM_START):
                stack.append(_Open(index=len(out), depth=depth, term=term))
                out.append("")
            elif stack and stack[-1].depth == depth and stack[-1].term == term:
                close_fragment(stack.pop())
            # An end without its start (text cut by |truncatewords) is dropped.
            continue
        name = (match.group("name") or "").lower()
        if not name:  # a comment
            out.append(_ALL_MARKS.sub("", match.group(0)))
            continue
        tag = match.group(0)
        if match.group("close"):
            if name == "option" and option_index is not None:
                if option_marked:
                    out[option_index] = _with_lang(out[option_index])
                option_index, option_marked = None, False
            while stack and stack[-1].depth >= depth:
                # The element holding an unclosed fragment ends: close the fragment first.
                close_fragment(stack.pop())
            depth = max(depth - 1, 0)
            out.append(tag)
            continue
        attrs = match.group("attrs")
        if _ALL_MARKS.search(attrs):
            marked_attr = START in attrs
            tag = _ALL_MARKS.sub("", tag)
            if marked_attr and name in _LABELLED_VOID:
                # An input's placeholder or button text runs left to right too; what people
                # type keeps its own direction (unicode-bidi: plaintext in beko.css).
                tag = _with_lang(tag, direction=name == "input")
        out.append(tag)
        if name in _BLOCK:
            for entry in stack:
                entry.block = True
        if name in _RAW_TEXT and not tag.endswith("/>"):
            closing = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, pos)
            stop = closing.start() if closing else len(html)
            out.append(_ALL_MARKS.sub("", html[pos:stop]))
            pos = stop
            depth += 1  # its end tag comes next and closes it
            continue
        if name == "option":
            if option_index is not None and option_marked:  # the previous one had no end tag
                out[option_index] = _with_lang(out[option_index])
            option_index, option_marked = len(out) - 1, False
        if name not in _VOID and not tag.endswith("/>"):
            depth += 1
    while stack:
        close_fragment(stack.pop())
    return _ESCAPED_MARKS.sub("", "".join(out))


def _german(text: str) -> str:
    if (get_language() or SOURCE_LANGUAGE).split("-")[0] == SOURCE_LANGUAGE:
        return text
    return mark(text)


# german("Elberfeld"): a text that exists only in German (a place name in a list of choices, a
# term of art). A lazy string: it is marked when a page in another language renders it.
german = lazy(_german, str)


def _field(obj: Any, name: str) -> str:
    return getattr(obj, name) or ""


# Built once: `lazy()` creates a proxy class per call, which cost about a millisecond each
# (the search facets call shown_field some forty times per request).
_lazy_field = lazy(_field, str)


def shown_field(obj: Any, name: str) -> Any:
    """A (translated) field of `obj` read only when the page renders it.

    For values a view prepares for its template (breadcrumbs, search hits): read in the
    view, a German fallback would come unmarked; read while the page renders, it is marked.
    """
    return _lazy_field(obj, name)
