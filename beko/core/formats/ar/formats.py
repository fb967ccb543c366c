from django.conf.locale.ar.formats import *  # noqa: F403 - Django's defaults, changed below

# Django's Arabic module has no date-time formats (so English ones were used) and a 12-hour
# clock; appointments in Germany are given in 24 hours. Western digits, like on the papers.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، الساعة H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
# U+200F (right-to-left mark) keeps day/month/year in this order inside Arabic text.
SHORT_DATE_FORMAT = "d\u200f/m\u200f/Y"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

WEEKDAY_DATE_FORMAT = "l، j F Y"
SHORT_WEEKDAY_DATE_FORMAT = "l، j F"
CLOCK_PATTERN = "الساعة {}"
DATE_TIME_PATTERN = "{date}، {time}"
TIME_RANGE_PATTERN = "{start}–{end}"
RANGE_PATTERN = "{start} – {end}"
LIST_SEPARATOR = "، "
# The Arabic "and" is written joined to the word that follows it.
LIST_AND = "{head} و{last}"
LIST_OR = "{head} أو {last}"
