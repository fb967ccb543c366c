"""Dates, times, numbers and lists as each of the seven languages writes them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import formats, translation
from django.utils.translation import ngettext_lazy

from beko.core.lib import l10n

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime.datetime(2026, 1, 5, 14, 0, tzinfo=BERLIN)  # a Monday
END = datetime.datetime(2026, 1, 5, 16, 30, tzinfo=BERLIN)
NEXT_DAY = datetime.datetime(2026, 1, 6, 9, 0, tzinfo=BERLIN)

EXPECTED = {
    # language: (long date, short date, weekday + date, same-day range, number, list)
    "de": ("5. Januar 2026", "05.01.2026", "Montag, 5. Januar 2026",
           "Montag, 5. Januar 2026, 14:00–16:30 Uhr", "12.345", "A, B und C"),
    "en": ("5 January 2026", "05/01/2026", "Monday, 5 January 2026",
           "Monday, 5 January 2026, 14:00–16:30", "12,345", "A, B and C"),
    "ar": ("5 يناير 2026", "05\u200f/01\u200f/2026", "الاثنين، 5 يناير 2026",
           "الاثنين، 5 يناير 2026، الساعة 14:00–16:30", "12,345", "A، B وC"),
    "fa": ("5 ژانویه 2026", "2026/1/5", "دوشنبه 5 ژانویه 2026",
           "دوشنبه 5 ژانویه 2026، ساعت 14:00–16:30", "12,345", "A، B و C"),
    "uk": ("5 січня 2026 р.", "05.01.2026", "Понеділок, 5 січня 2026 р.",
           "Понеділок, 5 січня 2026 р., 14:00–16:30", "12\xa0345", "A, B і C"),
    "tr": ("5 Ocak 2026", "05.01.2026", "5 Ocak 2026 Pazartesi",
           "5 Ocak 2026 Pazartesi, 14:00–16:30", "12.345", "A, B ve C"),
    "ru": ("5 января 2026 г.", "05.01.2026", "Понедельник, 5 января 2026 г.",
           "Понедельник, 5 января 2026 г., 14:00–16:30", "12\xa0345", "A, B и C"),
}  # fmt: skip


@pytest.mark.parametrize("language", EXPECTED)
def test_dates_numbers_and_lists_follow_the_language(language):
    long_date, short_date, weekday, same_day, number, listing = EXPECTED[language]
    with translation.override(language):
        assert formats.date_format(START, "DATE_FORMAT") == long_date
        assert formats.date_format(START, "SHORT_DATE_FORMAT") == short_date
        assert l10n.weekday_date(START) == weekday
        assert l10n.datetime_range(START, END) == same_day
        assert l10n.number(12345) == number
        assert l10n.human_list(["A", "B", "C"]) == listing


def test_ukrainian_and_russian_put_the_day_first_and_the_month_in_the_genitive():
    with translation.override("uk"):
        assert formats.date_format(START, "MONTH_DAY_FORMAT") == "5 січня"
    with translation.override("ru"):
        assert formats.date_format(START, "MONTH_DAY_FORMAT") == "5 января"


@pytest.mark.parametrize("language", ["de", "en", "ar", "fa", "uk", "tr", "ru"])
def test_every_language_uses_the_24_hour_clock_of_german_appointments(language):
    afternoon = datetime.datetime(2026, 3, 2, 17, 5, tzinfo=BERLIN)
    with translation.override(language):
        assert "17:05" in l10n.clock(afternoon)
        assert "17:05" in formats.date_format(afternoon, "DATETIME_FORMAT")


def test_clock_times_are_said_the_way_each_language_says_them():
    expected = {"de": "14:00 Uhr", "en": "14:00", "ar": "الساعة 14:00", "fa": "ساعت 14:00",
                "uk": "14:00", "tr": "14:00", "ru": "14:00"}  # fmt: skip
    for language, text in expected.items():
        with translation.override(language):
            assert l10n.clock(START) == text


def test_a_range_over_two_days_names_both_moments_in_full():
    with translation.override("de"):
        assert l10n.datetime_range(START, NEXT_DAY) == (
            "Montag, 5. Januar 2026, 14:00 Uhr – Dienstag, 6. Januar 2026, 09:00 Uhr"
        )
    with translation.override("tr"):
        assert l10n.datetime_range(START, None) == "5 Ocak 2026 Pazartesi, 14:00"


def test_times_are_shown_in_berlin_time_whatever_the_stored_zone():
    utc = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.UTC)  # 14:00 in Berlin (summer)
    with translation.override("ru"):
        assert l10n.clock(utc) == "14:00"


def test_opening_hours_are_a_time_range():
    with translation.override("de"):
        assert l10n.time_range(datetime.time(9), datetime.time(12, 30)) == "09:00–12:30 Uhr"
    with translation.override("ar"):
        assert l10n.time_range(datetime.time(9), datetime.time(12, 30)) == "الساعة 09:00–12:30"


def test_lists_with_or_and_short_lists():
    with translation.override("de"):
        assert l10n.human_list(["Arabisch", "Farsi"], conjunction="or") == "Arabisch oder Farsi"
        assert l10n.human_list(["Arabisch"]) == "Arabisch"
        assert l10n.human_list([]) == ""
    with translation.override("fa"):
        assert l10n.human_list(["A", "B", "C"], conjunction="or") == "A، B یا C"


def test_counted_phrases_choose_the_plural_by_count_and_group_the_digits():
    singular, plural = "%(number)s Angebot", "%(number)s Angebote"  # variables: not collected
    message = ngettext_lazy(singular, plural, "count")
    with translation.override("de"):
        assert l10n.count_text(message, 1) == "1 Angebot"
        assert l10n.count_text(message, 1234) == "1.234 Angebote"


def test_unknown_beko_format_names_are_a_programming_error():
    with pytest.raises(KeyError):
        l10n.beko_format("DATE_FORMAT")


def test_template_filters_render_in_the_active_language():
    template = Template(
        "{% load beko %}{{ start|weekday_datetime }}|{{ start|short_weekday_datetime }}|"
        "{{ start|datetime_range:end }}|{{ n|num }}|{{ names|human_list }}|{{ start|clock }}"
    )
    context = Context({"start": START, "end": END, "n": 1234, "names": ["<b>", "B"]})
    with translation.override("de"):
        assert template.render(context) == (
            "Montag, 5. Januar 2026, 14:00 Uhr|Mo, 5. Januar, 14:00 Uhr|"
            "Montag, 5. Januar 2026, 14:00–16:30 Uhr|1.234|&lt;b&gt; und B|14:00 Uhr"
        )


def test_empty_values_render_as_nothing():
    template = Template(
        "{% load beko %}[{{ x|weekday_date }}{{ x|weekday_datetime }}{{ x|clock }}"
        "{{ x|datetime_range:x }}{{ x|num }}{{ x|time_range:x }}]"
    )
    assert template.render(Context({"x": None})) == "[]"
