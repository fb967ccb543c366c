"""Per-language date and number formats (settings.FORMAT_MODULE_PATH).

Each `<lang>/formats.py` starts from Django's module for that language and changes what is
wrong or missing for BeKo's readers, who all live in Germany: 24-hour clock everywhere, day
before month (no US order in English), day numbers without a leading zero in long dates,
Ukrainian and Russian month names in the genitive after a day ("5 січня"), Arabic and Persian
month names from Django's catalogues. Digits stay Western (0–9) in every language: they match
the dates and numbers on German letters and documents.

Besides Django's names (DATE_FORMAT …) every module defines BeKo's own, used through
`beko.core.lib.l10n` and the template filters in `{% load beko %}`:

WEEKDAY_DATE_FORMAT        Montag, 5. Januar 2026
SHORT_WEEKDAY_DATE_FORMAT  Mo, 5. Januar
CLOCK_PATTERN              "{} Uhr": a time of day as said in the language
DATE_TIME_PATTERN          "{date}, {time}": a date followed by a clock time
TIME_RANGE_PATTERN         "{start}–{end}": two times on the same day
RANGE_PATTERN              "{start} – {end}": two moments on different days
LIST_SEPARATOR             ", "  between list items
LIST_AND / LIST_OR         "{head} und {last}" / "{head} oder {last}"
"""
