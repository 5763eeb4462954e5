"""This year's solar date of a birthday: lunar conversion checked against dates
known independently of lunardate (festival days, 2026 without a 大年三十)."""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from app.services.revisits.lunar_birthday import birthday_in_year, lunar_to_solar


@pytest.mark.parametrize(("year", "month", "day", "solar", "festival"), [
    (2026, 8, 15, date(2026, 9, 25), "Mid-autumn Festival"),  # 中秋 2026
    (2025, 8, 15, date(2025, 10, 6), "Mid-autumn Festival"),  # 中秋 2025
    (2026, 1, 1, date(2026, 2, 17), "Spring Festival"),       # 春节 2026
    (2025, 5, 5, date(2025, 5, 31), "Dragon Boat Festival"),  # 端午 2025
])
def test_lunar_festival_days(year, month, day, solar, festival):
    assert lunar_to_solar(year, month, day) == solar
    # An independent source: the State Council's holiday data names the festival.
    assert chinese_calendar.get_holiday_detail(solar) == (True, festival)


def test_lunar_birthday_this_year():
    born = date(1980, 8, 15)  # lunar 八月十五 (the month and day are lunar)
    assert birthday_in_year(born, True, 2026) == date(2026, 9, 25)
    assert birthday_in_year(born, False, 2026) == date(2026, 8, 15)  # the same, solar


def test_thirtieth_of_a_short_month_is_its_last_day():
    """腊月 of lunar 2025 has 29 days (there is no 大年三十 before Spring Festival
    2026, 17 February): a 腊月三十 birthday falls on 除夕, 16 February."""
    assert birthday_in_year(date(1970, 12, 30), True, 2025) == date(2026, 2, 16)
    assert birthday_in_year(date(1970, 12, 29), True, 2025) == date(2026, 2, 16)
    # 正月 of 2026 has 30 days: the 30th is the day before 二月初一 (19 March).
    assert lunar_to_solar(2026, 1, 30) == date(2026, 3, 18)
    assert lunar_to_solar(2026, 2, 1) == date(2026, 3, 19)


def test_never_the_leap_month():
    """2025 has a leap sixth month (闰六月 from 25 July); the birthday stays in the
    regular sixth month, which began on 25 June 2025."""
    assert birthday_in_year(date(1990, 6, 10), True, 2025) == date(2025, 7, 4)
    assert birthday_in_year(date(1990, 6, 30), True, 2025) == date(2025, 7, 24)
    # 七夕 2025 (29 August) comes after the leap month.
    assert lunar_to_solar(2025, 7, 7) == date(2025, 8, 29)


def test_solar_29_february():
    born = date(1992, 2, 29)
    assert birthday_in_year(born, False, 2026) == date(2026, 2, 28)
    assert birthday_in_year(born, False, 2028) == date(2028, 2, 29)


def test_out_of_lunardate_range_is_none():
    assert birthday_in_year(date(1980, 1, 1), True, 2100) is None
    assert birthday_in_year(date(1980, 1, 1), False, 2100) == date(2100, 1, 1)
