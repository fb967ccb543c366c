from django.conf.locale.de.formats import *  # noqa: F403 - Django's defaults, changed below

DATETIME_FORMAT = r"j. F Y, H:i \U\h\r"

WEEKDAY_DATE_FORMAT = "l, j. F Y"
SHORT_WEEKDAY_DATE_FORMAT = "D, j. F"
CLOCK_PATTERN = "{} Uhr"
DATE_TIME_PATTERN = "{date}, {time}"
TIME_RANGE_PATTERN = "{start}–{end}"
RANGE_PATTERN = "{start} – {end}"
LIST_SEPARATOR = ", "
LIST_AND = "{head} und {last}"
LIST_OR = "{head} oder {last}"
