"""Working days: weekends and public holidays off, adjusted working days (调休) on,
weekends only (with a warning) for a year the holiday data does not cover.

Expectations are from the State Council's holiday notices, checked by hand:
National Day 2025: 1–8 October off; Sunday 28 September and Saturday 11 October
worked. Spring Festival 2026: 15–23 February off; Saturdays 14 and 28 February
worked.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.i18n import set_language
from app.services.revisits.work_calendar import WorkCalendar, is_working_day, next_working_day

# 2035 is far beyond any holiday notice the library can have.
UNCOVERED = 2035


@pytest.mark.parametrize(("day", "working"), [
    (date(2025, 9, 26), True),   # Friday
    (date(2025, 9, 27), False),  # Saturday
    (date(2025, 9, 28), True),   # Sunday, worked for National Day
    (date(2025, 10, 1), False),
    (date(2025, 10, 6), False),  # a Monday inside the holiday (Mid-Autumn that year)
    (date(2025, 10, 8), False),  # the last day off, a Wednesday
    (date(2025, 10, 9), True),
    (date(2025, 10, 11), True),  # Saturday, worked
    (date(2025, 10, 12), False),  # Sunday
    (date(2026, 2, 14), True),   # Saturday before Spring Festival, worked
    (date(2026, 2, 16), False),  # Monday, 除夕
    (date(2026, 2, 23), False),  # Monday, last day off
    (date(2026, 2, 28), True),   # Saturday, worked
])
def test_holiday_weeks_with_adjusted_working_days(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(("day", "expected"), [
    (date(2025, 9, 26), date(2025, 9, 26)),   # a working day is itself
    (date(2025, 9, 27), date(2025, 9, 28)),   # Saturday → the adjusted Sunday
    (date(2025, 9, 30), date(2025, 9, 30)),
    (date(2025, 10, 1), date(2025, 10, 9)),   # the whole holiday is skipped
    (date(2025, 10, 5), date(2025, 10, 9)),
    (date(2025, 10, 10), date(2025, 10, 10)),
    (date(2025, 10, 11), date(2025, 10, 11)),  # the adjusted Saturday itself
    (date(2025, 10, 12), date(2025, 10, 13)),
    (date(2026, 2, 15), date(2026, 2, 24)),
    (date(2026, 2, 28), date(2026, 2, 28)),
    (date(2026, 3, 1), date(2026, 3, 2)),
])
def test_next_working_day(day, expected):
    assert next_working_day(day) == expected


def test_a_covered_year_gives_no_warning():
    cal = WorkCalendar()
    assert cal.next_working_day(date(2025, 10, 1)) == date(2025, 10, 9)
    assert cal.unknown_years == set() and cal.warnings() == []


def test_uncovered_year_falls_back_to_weekends_with_a_warning():
    cal = WorkCalendar()
    # 1 January 2035 is a Monday: a holiday in fact, but unknown here → working.
    assert cal.is_working_day(date(UNCOVERED, 1, 1)) is True
    assert cal.next_working_day(date(UNCOVERED, 1, 6)) == date(UNCOVERED, 1, 8)  # Sat → Mon
    assert cal.is_working_day(date(UNCOVERED, 1, 7)) is False  # Sunday
    assert cal.unknown_years == {UNCOVERED}
    assert cal.warnings() == [f"holidays of {UNCOVERED} unknown: weekends only"]
    assert cal.warnings(before=date(UNCOVERED, 1, 1)) == []
    set_language("zh")
    try:
        assert cal.warnings() == [f"{UNCOVERED} 年的节假日安排未知：只跳过周末"]
    finally:
        set_language(None)


def test_fallback_across_new_year_keeps_covered_days_exact():
    """A week crossing into the uncovered year: the covered days still honour
    holidays, the uncovered ones only weekends."""
    cal = WorkCalendar()
    assert cal.next_working_day(date(2026, 10, 3)) == date(2026, 10, 8)  # National Day 2026
    assert cal.next_working_day(date(UNCOVERED - 1, 12, 29)) == date(UNCOVERED - 1, 12, 29)
    # Saturday 30 December 2034 → Monday 1 January 2035 (its holiday is unknown).
    assert cal.next_working_day(date(UNCOVERED - 1, 12, 30)) == date(UNCOVERED, 1, 1)
    assert cal.unknown_years == {UNCOVERED - 1, UNCOVERED}
