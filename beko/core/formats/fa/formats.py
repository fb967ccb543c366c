from django.conf.locale.fa.formats import *  # noqa: F403 - Django's defaults, changed below

# Gregorian dates with Persian month names (ژانویه …): the dates of German offices and events.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، ساعت H:i"
SHORT_DATETIME_FORMAT = "Y/n/j H:i"
FIRST_DAY_OF_WEEK = 1
NUMBER_GROUPING = 3

WEEKDAY_DATE_FORMAT = "l j F Y"
SHORT_WEEKDAY_DATE_FORMAT = "l j F"
CLOCK_PATTERN = "ساعت {}"
DATE_TIME_PATTERN = "{date}، {time}"
TIME_RANGE_PATTERN = "{start}–{end}"
RANGE_PATTERN = "{start} – {end}"
LIST_SEPARATOR = "، "
LIST_AND = "{head} و {last}"
LIST_OR = "{head} یا {last}"
