"""This year's solar date of a birthday, solar or lunar (农历).

A customer flagged `birthday_lunar` keeps the lunar month and day in the month and
day of `Customer.birthday` (its year is the birth year). Lunar months have 29 or
30 days, so a birthday on the 30th falls on the 29th in a year whose month is
short; a leap month (闰月) is never used: the birthday is in the regular month.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from lunardate import LunarDate

LUNAR_YEARS = range(1900, 2100)  # what lunardate covers


@lru_cache(maxsize=4096)
def lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """The solar date of lunar `year`-`month`-`day` (regular month), the last day of
    that month if the day does not exist; None outside the covered years."""
    if year not in LUNAR_YEARS or not 1 <= month <= 12:
        return None
    day = min(max(day, 1), 30)
    for d in ((30, 29) if day == 30 else (day,)):  # every lunar month has a 29th
        try:
            return LunarDate(year, month, d).to_solar_date()  # the regular month, not 闰
        except ValueError:  # "day out of range": a 29-day month this year
            continue
    return None  # not reached: every lunar month has a 29th


def birthday_in_year(birthday: date, lunar: bool, year: int) -> date | None:
    """The solar date on which `birthday` falls in `year` (None only for a lunar
    birthday outside lunardate's years). A solar 29 February is 28 February in a
    common year."""
    if lunar:
        return lunar_to_solar(year, birthday.month, birthday.day)
    if birthday.month == 2 and birthday.day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, birthday.month, birthday.day)
