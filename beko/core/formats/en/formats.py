from django.conf.locale.en.formats import *  # noqa: F403 - Django's defaults, changed below

# British order and the 24-hour clock: our readers live in Germany, where 5/1 is 5 January.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1

WEEKDAY_DATE_FORMAT = "l, j F Y"
SHORT_WEEKDAY_DATE_FORMAT = "D, j F"
CLOCK_PATTERN = "{}"
DATE_TIME_PATTERN = "{date}, {time}"
TIME_RANGE_PATTERN = "{start}–{end}"
RANGE_PATTERN = "{start} – {end}"
LIST_SEPARATOR = ", "
LIST_AND = "{head} and {last}"
LIST_OR = "{head} or {last}"
