"""Cells of exported CSV and XLSX files that a spreadsheet cannot run as a formula.

A cell starting with = + - @ (or a tab / carriage return that some programs skip) would be
read as a formula (CSV injection, OWASP); it is exported with a leading apostrophe, which
spreadsheets show as text. `unprotect_cell` undoes it when our own export is imported again.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value` as a cell a spreadsheet shows and never evaluates: numbers stay numbers
    (-3 is not a formula), everything else becomes text, guarded."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unprotect_cell(value: str) -> str:
    """The original text of a cell written by `safe_cell`."""
    return value[1:] if value[:1] == "'" and value[1:].startswith(FORMULA_STARTS) else value


class SafeCsvWriter:
    """`csv.writer` whose every cell goes through `safe_cell`."""

    def __init__(self, file: Any, **options: Any) -> None:
        self._writer = csv.writer(file, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
