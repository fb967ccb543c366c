"""Numbers from query strings, read strictly.

`str.isdigit()` is true for "²", "①" and Arabic-Indic digits, and `int()` accepts some of
them and rejects others, so `int(x) if x.isdigit() else …` still crashes on `?page=²`. Every
page number or id from a query string goes through `ascii_int` instead.
"""

from __future__ import annotations

# More digits than any page number or primary key we have; also keeps int() away from
# Python's limit on very long digit strings.
MAX_DIGITS = 9


def ascii_int(value: object, *, default: int | None = None) -> int | None:
    """A non-negative integer written in ASCII digits only, else `default`."""
    if not isinstance(value, str):
        return default
    value = value.strip()
    if not value or len(value) > MAX_DIGITS or not (value.isascii() and value.isdigit()):
        return default
    return int(value)


def page_number(value: object) -> int:
    """A 1-based page number: anything unreadable or below 1 is the first page."""
    number = ascii_int(value, default=1) or 1
    return max(number, 1)
