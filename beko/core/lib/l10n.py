"""Dates, times, numbers, counts and lists as the visitor's language writes them.

Django's named formats (DATE_FORMAT …) come from `beko/core/formats/<lang>/formats.py` and
Django's own modules; BeKo's extra names (WEEKDAY_DATE_FORMAT, CLOCK_PATTERN, LIST_AND …) are
read here from the same modules. Templates use the filters in `{% load beko %}`
(`weekday_date`, `weekday_datetime`, `clock`, `datetime_range`, `num`, `human_list`); Python
code calls these functions. All of them use the active language.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language

# BeKo's own names and their values for a language without a format module of ours.
DEFAULTS = {
    "WEEKDAY_DATE_FORMAT": "l, j F Y",
    "SHORT_WEEKDAY_DATE_FORMAT": "D, j F",
    "CLOCK_PATTERN": "{}",
    "DATE_TIME_PATTERN": "{date}, {time}",
    "TIME_RANGE_PATTERN": "{start}–{end}",
    "RANGE_PATTERN": "{start} – {end}",
    "LIST_SEPARATOR": ", ",
    "LIST_AND": "{head}, {last}",
    "LIST_OR": "{head}, {last}",
}


@cache
def _beko_format(name: str, language: str) -> str:
    for module in formats.get_format_modules(language):
        value = getattr(module, name, None)
        if value is not None:
            return str(value)
    return DEFAULTS[name]


@receiver(setting_changed)
def _reset(*, setting: str, **kwargs: Any) -> None:
    if setting in {"FORMAT_MODULE_PATH", "LANGUAGES", "LANGUAGE_CODE"}:
        _beko_format.cache_clear()


def beko_format(name: str, language: str | None = None) -> str:
    """One of BeKo's named formats (see beko/core/formats/__init__.py) for `language`."""
    if name not in DEFAULTS:
        raise KeyError(f"unknown BeKo format {name!r}; Django's names go through date_format()")
    return _beko_format(name, language or get_language() or "de")


def _local(value: datetime.date | datetime.datetime) -> datetime.date | datetime.datetime:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _local_datetime(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _format(value: datetime.date | datetime.datetime, fmt: str) -> str:
    return dateformat.format(_local(value), fmt)


def weekday_date(value: datetime.date | datetime.datetime) -> str:
    """ "Montag, 5. Januar 2026" / "الاثنين، 5 يناير 2026" / "5 Ocak 2026 Pazartesi"."""
    return _format(value, beko_format("WEEKDAY_DATE_FORMAT"))


def clock(value: datetime.datetime | datetime.time) -> str:
    """A time of day: "14:00 Uhr" / "الساعة 14:00" / "14:00"."""
    if isinstance(value, datetime.datetime):
        value = _local(value)  # type: ignore[assignment]  # the same moment in the site's time zone
    return beko_format("CLOCK_PATTERN").format(formats.time_format(value, "TIME_FORMAT"))


def time_range(
    start: datetime.time | datetime.datetime, end: datetime.time | datetime.datetime
) -> str:
    """Two times of the same day: "9:00–12:00 Uhr" / "الساعة 09:00–12:00" (opening hours)."""
    times = beko_format("TIME_RANGE_PATTERN").format(
        start=formats.time_format(start, "TIME_FORMAT"), end=formats.time_format(end, "TIME_FORMAT")
    )
    return beko_format("CLOCK_PATTERN").format(times)


def weekday_datetime(value: datetime.datetime, *, short: bool = False) -> str:
    """ "Montag, 5. Januar 2026, 14:00 Uhr"; `short`: "Mo, 5. Januar, 14:00 Uhr"."""
    date_name = "SHORT_WEEKDAY_DATE_FORMAT" if short else "WEEKDAY_DATE_FORMAT"
    return beko_format("DATE_TIME_PATTERN").format(
        date=_format(value, beko_format(date_name)), time=clock(value)
    )


def datetime_range(start: datetime.datetime, end: datetime.datetime | None) -> str:
    """ "Montag, 5. Januar 2026, 14:00–16:00 Uhr", or both ends in full on different days."""
    if end is None:
        return weekday_datetime(start)
    local_start, local_end = _local_datetime(start), _local_datetime(end)
    if local_start.date() == local_end.date():
        return beko_format("DATE_TIME_PATTERN").format(
            date=weekday_date(start), time=time_range(local_start, local_end)
        )
    return beko_format("RANGE_PATTERN").format(
        start=weekday_datetime(start), end=weekday_datetime(end)
    )


def number(value: int | float | str) -> str:
    """A count or amount with the language's digit grouping: 1.234 / 1,234 / 1 234."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def human_list(items: Iterable[Any], *, conjunction: str = "and") -> str:
    """ "A, B und C" / "A، B وC" / "A, B і C"; `conjunction="or"`: "A, B oder C"."""
    words = [str(item) for item in items if str(item)]
    if len(words) < 2:
        return "".join(words)
    pattern = beko_format("LIST_OR" if conjunction == "or" else "LIST_AND")
    head = beko_format("LIST_SEPARATOR").join(words[:-1])
    return pattern.format(head=head, last=words[-1])


def count_text(message: Any, count: int) -> str:
    """A counted phrase with the number in the language's grouping.

    `message` is `ngettext_lazy("%(number)s Angebot", "%(number)s Angebote", "count")`: the
    plural form is chosen by `count`, and `%(number)s` shows it formatted ("1.234 Angebote").
    """
    return str(message % {"count": count, "number": number(count)})
