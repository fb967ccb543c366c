from django.conf.locale.tr.formats import *  # noqa: F403 - Django's defaults, changed below

# "5 Ocak 2026" (no leading zero) and the usual 05.01.2026 for short dates.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"

# Turkish names the weekday after the date: "5 Ocak 2026 Pazartesi".
WEEKDAY_DATE_FORMAT = "j F Y l"
SHORT_WEEKDAY_DATE_FORMAT = "j F l"
CLOCK_PATTERN = "{}"
DATE_TIME_PATTERN = "{date}, {time}"
TIME_RANGE_PATTERN = "{start}–{end}"
RANGE_PATTERN = "{start} – {end}"
LIST_SEPARATOR = ", "
LIST_AND = "{head} ve {last}"
LIST_OR = "{head} veya {last}"
