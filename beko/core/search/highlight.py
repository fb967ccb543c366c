"""Marking the words of a text that a search matched: escaped first, then `<mark>`ed.

Works on the raw text word by word with the index's own linguistics (folding, stemming,
compound parts), so "Deutschkurse" is marked for "Deutschkurs" and "Zeugnisanerkennung"
for "Anerkennung" — exactly the words that made the document match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import ParsedQuery, highlight_terms
from .text import STOP_WORDS, fold, index_tokens

_WORD = re.compile(r"[^\W_]+")
ELLIPSIS = "…"


@dataclass(frozen=True)
class Highlighter:
    exact: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def for_query(cls, query: ParsedQuery | None) -> Highlighter | None:
        if query is None or query.is_empty:
            return None
        exact, prefixes = highlight_terms(query)
        return cls(exact=exact, prefixes=prefixes)

    def matches(self, word: str) -> bool:
        folded = fold(word)
        if folded in STOP_WORDS or not folded:
            return False
        for part in _WORD.findall(folded):
            for token in index_tokens(part):
                if token in self.exact or token.startswith(self.prefixes):
                    return True
        return False

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in _WORD.finditer(text) if self.matches(m.group(0))]

    def mark(self, text: str) -> SafeString:
        """`text` escaped, matched words in `<mark>`."""
        return _marked(text, self.spans(text))

    def snippet(self, text: str, *, length: int = 180) -> SafeString:
        """Up to `length` characters around the first matched word, marked; "" if none."""
        spans = self.spans(text)
        if not spans:
            return mark_safe("")
        start, _end = spans[0]
        begin = max(0, start - length // 3)
        if begin:
            space = text.find(" ", begin)
            begin = space + 1 if 0 <= space < start else begin
        end = min(len(text), begin + length)
        if end < len(text):
            space = text.rfind(" ", begin, end)
            end = space if space > start else end
        piece = text[begin:end]
        inner = [(s - begin, e - begin) for s, e in spans if s >= begin and e <= end]
        marked = _marked(piece, inner)
        prefix = ELLIPSIS + " " if begin else ""
        suffix = " " + ELLIPSIS if end < len(text) else ""
        return mark_safe(f"{escape(prefix)}{marked}{escape(suffix)}")  # noqa: S308 - escaped


def _marked(text: str, spans: list[tuple[int, int]]) -> SafeString:
    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above
