"""Text normalisation shared by indexing and querying: the same pipeline on every database.

fold -> tokenise -> drop stop words -> stem (+ compound parts). Because the linguistics run
once in Python, the SQLite and PostgreSQL backends index and query identical tokens and so
return the same hits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .stemmer import stem

_TOKEN = re.compile(r"[^\W_]+")
# Hyphenated compounds ("Kita-Platz") are indexed joined as well ("kitaplatz").
_HYPHENATED = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)+")
DATA = Path(__file__).resolve().parent / "data"

# Applied after NFKD decomposition and the removal of combining marks, which already fold
# ä/ö/ü, accents, й/ё/ї and the hamza forms أ/إ/آ/ؤ/ئ onto their base letters.
_LETTERS = str.maketrans(
    {
        # Arabic and Persian spellings of the same letters (ي/ی/ى, ك/ک, ة/ه, ٱ), tatweel.
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ٱ": "ا",
        "ـ": None,
        "\u200c": " ",  # zero-width non-joiner separates Persian word parts
        # Cyrillic: Ukrainian and Russian spellings typed on either keyboard.
        "і": "и",
        "ы": "и",
        "є": "е",
        "ґ": "г",
        # Turkish dotless i (people without a Turkish keyboard type "i").
        "ı": "i",
        # Arabic-Indic and Persian digits.
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
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
MIN_PART = 4  # shorter compound parts ("Ei", "Rat") split too many words wrongly
# Linking elements between compound parts: Arbeit-s-erlaubnis, Frau-en-treff, Kind-er-garten.
_LINKS = ("", "s", "es", "n", "en", "er", "e")


def _fold_mapped(match: re.Match[str]) -> str:
    return match.group(0)[0]


def fold(text: str) -> str:
    """Lower case; umlauts, ß, accents, Arabic diacritics and letter variants folded."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)
    return _TRANSLITERATED.sub(_fold_mapped, text)


def words(text: str) -> list[str]:
    """Folded words of a text, stop words removed, in order."""
    return [w for w in _TOKEN.findall(fold(text)) if w not in STOP_WORDS]


@lru_cache(maxsize=50_000)
def stem_word(word: str) -> str:
    return stem(word)


def _entries(name: str) -> Iterator[str]:
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            yield from _TOKEN.findall(fold(line))


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Folded German nouns in all their forms, the parts compounds are split into.

    From the package german-nouns (Wiktionary, CC BY-SA 4.0), read from its word index
    rather than through its API, which loads a 20 MB table; plus `data/compounds.txt`
    (modifiers that are no nouns: "Sprach-", "Sozial-", "Wohn-"). Never-split words in
    `data/compounds.txt` after `[keep]` are left out.
    """
    found: set[str] = set()
    index = resources.files("german_nouns").joinpath("index.txt")
    with index.open(encoding="utf-8") as lines:
        for line in lines:
            word = line.split("\t", 1)[0]
            if len(word) >= 3 and word.isalpha():
                found.add(fold(word))
    found.update(_entries("compounds.txt"))
    found.difference_update(_entries("compound_stoplist.txt"))
    return frozenset(found)


def warm_up() -> None:
    """Load what a process's first search would otherwise load on the visitor's time: the
    compound lexicon (about 1 s) and the concept dictionary (about 0.25 s). Called in the
    gunicorn master (`beko/wsgi.py`; gunicorn.conf.py preloads the app), so every worker,
    each one restarted after `max_requests` too, starts with both (copy-on-write)."""
    from .concepts import dictionary

    lexicon()
    dictionary()


@lru_cache(maxsize=50_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a German compound, e.g. "zeugnisanerkennung" -> ("zeugnis", "anerkennung").

    Lexicon-based (see `lexicon`): the last part is a known noun, every part has at least
    four letters, linking elements (s, es, n, en, er, e) may sit between parts, and the split
    with the fewest parts wins (longer parts first). Returns () for words that are no
    compound. Deterministic, so both databases index the same parts.
    """
    if len(word) < 2 * MIN_PART or not word.isalpha():
        return ()
    return _split(word, 0) or ()


def _split(word: str, depth: int) -> tuple[str, ...] | None:
    known = lexicon()
    best: tuple[str, ...] | None = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[cut:]
        if head not in known:
            continue
        left = word[:cut]
        for link in _LINKS:
            if link and not left.endswith(link):
                continue
            modifier = left[: len(left) - len(link)]
            if len(modifier) < MIN_PART:
                continue
            if modifier in known or modifier + "e" in known:
                candidate: tuple[str, ...] | None = (modifier, head)
            elif depth < 2:
                inner = _split(modifier, depth + 1)
                candidate = (*inner, head) if inner else None
            else:
                candidate = None
            if candidate and (best is None or len(candidate) < len(best)):
                best = candidate
        if best is not None and len(best) == 2:
            break  # the longest head with a two-part split: good enough, stop early
    return best


@lru_cache(maxsize=50_000)
def index_tokens(word: str) -> tuple[str, ...]:
    """A word's index tokens: its stem, plus the stems of its compound parts if any."""
    tokens = [stem_word(word)]
    for part in split_compound(word):
        # Parts may be compounds themselves: "Berufs|sprachkurs" -> "sprachkurs", "kurs".
        for token in index_tokens(part):
            if token not in tokens:
                tokens.append(token)
    return tuple(tokens)


def _joined_hyphenations(folded: str) -> list[str]:
    return ["".join(_TOKEN.findall(match.group(0))) for match in _HYPHENATED.finditer(folded)]


def index_text(text: str) -> str:
    """The normalised token string stored in the index: stems separated by spaces."""
    folded = fold(text)
    found = [w for w in _TOKEN.findall(folded) if w not in STOP_WORDS][:MAX_TOKENS]
    found.extend(_joined_hyphenations(folded))
    return " ".join(token for w in found for token in index_tokens(w))


def surface_forms(text: str) -> dict[str, str]:
    """Index token -> a readable form of it (lower case, umlauts kept), for "Meinten Sie …?"."""
    forms: dict[str, str] = {}
    for raw in _TOKEN.findall(text.casefold()):
        token = _surface_token(raw)
        if token:
            forms.setdefault(token, raw)
    return forms


@lru_cache(maxsize=100_000)
def _surface_token(raw: str) -> str:
    folded = fold(raw)
    if folded in STOP_WORDS or not folded.isalpha():
        return ""
    return stem_word(folded)
