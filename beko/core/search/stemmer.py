"""A light German stemmer for search (after CISTEM, Weissweiler & Fraser 2017).

Chosen over Snowball because it maps singular and plural to the same stem in the cases our
users type ("Kurs"/"Kurse" -> "kur", "Beratung"/"Beratungen" -> "beratung"), where Snowball
gives "kur" and "kurs". Input is a folded word (see `text.fold`): lower case, umlauts and ß
already replaced. The participle prefix "ge-" and the final "-t" are kept on purpose: they
make prefix search on the stem behave like prefix search on the word.
"""

from __future__ import annotations

import re

_DOUBLE = re.compile(r"(.)\1")
_DOUBLE_BACK = re.compile(r"(.)\*")


def stem(word: str) -> str:
    if len(word) <= 3 or not word.isalpha() or not word.isascii():
        return word
    # Multi-letter sounds and doubled letters are protected from suffix stripping.
    w = word.replace("sch", "$").replace("ei", "%").replace("ie", "&")
    w = _DOUBLE.sub(r"\1*", w)
    while len(w) > 3:
        if len(w) > 5 and w.endswith(("em", "er", "nd")):
            w = w[:-2]
            continue
        if w[-1] in "esn":
            w = w[:-1]
            continue
        break
    w = _DOUBLE_BACK.sub(r"\1\1", w)
    return w.replace("&", "ie").replace("%", "ei").replace("$", "sch")
