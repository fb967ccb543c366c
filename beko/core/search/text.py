"""Text normalisation shared by indexing and querying: the same pipeline on every database.

fold -> tokenise -> drop stop words -> stem. Because the linguistics run once in Python, the
SQLite and PostgreSQL backends index and query identical tokens and so return the same hits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .stemmer import stem

_TOKEN = re.compile(r"[^\W_]+")
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ä": "a",
        "ö": "o",
        "ü": "u",
        # Arabic and Persian spellings of the same letters.
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "\u200c": " ",  # zero-width non-joiner separates Persian word parts
    }
)
# Transliterated umlauts ("Muelheim", "Strasse") meet their umlaut spelling after folding.
_TRANSLITERATED = re.compile(r"ae|oe|(?<!q)ue")

# German function words that never help to find an offer (folded spelling).
STOP_WORDS = frozenset(
    [
        "aber",
        "alle",
        "als",
        "also",
        "am",
        "an",
        "auch",
        "auf",
        "aus",
        "bei",
        "bin",
        "bis",
        "bzw",
        "da",
        "dann",
        "das",
        "dass",
        "de",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "dies",
        "diese",
        "dieser",
        "doch",
        "du",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "fur",
        "gibt",
        "hat",
        "ich",
        "ihr",
        "im",
        "in",
        "ist",
        "ja",
        "kann",
        "mit",
        "nach",
        "nicht",
        "noch",
        "nur",
        "ob",
        "oder",
        "ohne",
        "sich",
        "sie",
        "sind",
        "so",
        "um",
        "und",
        "uns",
        "unter",
        "vom",
        "von",
        "vor",
        "war",
        "was",
        "wer",
        "wie",
        "wir",
        "wird",
        "wo",
        "zu",
        "zum",
        "zur",
        "uber",
    ]
)

MAX_TOKENS = 20_000


def _fold_mapped(match: re.Match[str]) -> str:
    return match.group(0)[0]


def fold(text: str) -> str:
    """Lower case, umlauts and ß folded, accents and Arabic diacritics removed."""
    text = text.casefold().translate(_LETTERS)
    text = _TRANSLITERATED.sub(_fold_mapped, text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words of a text, stop words removed, in order."""
    return [w for w in _TOKEN.findall(fold(text)) if w not in STOP_WORDS]


@lru_cache(maxsize=50_000)
def stem_word(word: str) -> str:
    return stem(word)


@lru_cache(maxsize=1)
def _compound_heads() -> re.Pattern[str]:
    path = Path(__file__).resolve().parent / "data" / "compounds.txt"
    heads = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            heads.update(_TOKEN.findall(fold(line)))
    alternatives = "|".join(sorted(heads, key=len, reverse=True))
    # At least three letters before the head: "Rechts|beratung", not "Be|ratung".
    return re.compile(rf"^\w{{3,}}?({alternatives})$")


@lru_cache(maxsize=50_000)
def index_tokens(word: str) -> tuple[str, ...]:
    """A word's index tokens: its stem, plus the stem of its compound head if any."""
    stemmed = stem_word(word)
    match = _compound_heads().match(word) if len(word) >= 7 else None
    if match:
        head = stem_word(match.group(1))
        if head != stemmed:
            return (stemmed, head)
    return (stemmed,)


def index_text(text: str) -> str:
    """The normalised token string stored in the index: stems separated by spaces."""
    return " ".join(token for w in words(text)[:MAX_TOKENS] for token in index_tokens(w))
