from django.conf.locale.uk.formats import *  # noqa: F403 - Django's defaults, changed below

# Day without a leading zero, month in the genitive after a day ("5 січня", not "05 січень").
DATE_FORMAT = "j E Y р."
DATETIME_FORMAT = "j E Y р., H:i"
MONTH_DAY_FORMAT = "j E"

WEEKDAY_DATE_FORMAT = "l, j E Y р."
SHORT_WEEKDAY_DATE_FORMAT = "D, j E"
CLOCK_PATTERN = "{}"
DATE_TIME_PATTERN = "{date}, {time}"
TIME_RANGE_PATTERN = "{start}–{end}"
RANGE_PATTERN = "{start} – {end}"
LIST_SEPARATOR = ", "
LIST_AND = "{head} і {last}"
LIST_OR = "{head} або {last}"
