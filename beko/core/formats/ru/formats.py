from django.conf.locale.ru.formats import *  # noqa: F403 - Django's defaults, changed below

# Month in the genitive after a day ("5 января", not "5 январь"); two-digit hours.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y г., H:i"
MONTH_DAY_FORMAT = "j E"

WEEKDAY_DATE_FORMAT = "l, j E Y г."
SHORT_WEEKDAY_DATE_FORMAT = "D, j E"
CLOCK_PATTERN = "{}"
DATE_TIME_PATTERN = "{date}, {time}"
TIME_RANGE_PATTERN = "{start}–{end}"
RANGE_PATTERN = "{start} – {end}"
LIST_SEPARATOR = ", "
LIST_AND = "{head} и {last}"
LIST_OR = "{head} или {last}"
