from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from beko.inquiries.sla import is_overdue, working_days_before, working_days_between

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (
            datetime(2026, 11, 25, 10, tzinfo=BERLIN),
            datetime(2026, 11, 23, 10, tzinfo=BERLIN),
        ),  # Wed -> Mon
        (
            datetime(2026, 11, 23, 10, tzinfo=BERLIN),
            datetime(2026, 11, 19, 10, tzinfo=BERLIN),
        ),  # Mon -> Thu
        (
            datetime(2026, 11, 29, 10, tzinfo=BERLIN),
            datetime(2026, 11, 26, 10, tzinfo=BERLIN),
        ),  # Sun -> Thu
    ],
)
def test_two_working_days_skip_the_weekend(now, expected):
    assert working_days_before(now, 2) == expected


def test_friday_question_is_not_overdue_on_monday_but_on_wednesday():
    friday = datetime(2026, 11, 20, 9, tzinfo=BERLIN)
    monday = datetime(2026, 11, 23, 12, tzinfo=BERLIN)
    wednesday = datetime(2026, 11, 25, 12, tzinfo=BERLIN)
    assert not is_overdue(created_at=friday, answered=False, is_open=True, now=monday, days=2)
    assert is_overdue(created_at=friday, answered=False, is_open=True, now=wednesday, days=2)
    assert not is_overdue(created_at=friday, answered=True, is_open=True, now=wednesday, days=2)
    assert not is_overdue(created_at=friday, answered=False, is_open=False, now=wednesday, days=2)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2026-03-02 09:00", "2026-03-02 17:00", 0),  # Monday, same day
        ("2026-03-02 09:00", "2026-03-03 08:00", 1),  # next morning
        ("2026-03-06 16:00", "2026-03-09 10:00", 1),  # Friday -> Monday: the weekend is free
        ("2026-03-07 10:00", "2026-03-09 10:00", 1),  # Saturday -> Monday
        ("2026-03-02 09:00", "2026-03-12 09:00", 8),  # two weeks less two days
    ],
)
def test_working_days_between_count_monday_to_friday(start, end, days):
    def aware(text: str) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=BERLIN)

    assert working_days_between(aware(start), aware(end)) == days
