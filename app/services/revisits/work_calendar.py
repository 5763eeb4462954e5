"""Working days in mainland China: weekends and public holidays off, with the
adjusted working days (调休) that move a Saturday or Sunday into the week.

The data comes from `chinese_calendar`, which covers the years the State Council
has announced. For a year it does not cover (it raises NotImplementedError) the
calendar falls back to Monday–Friday and remembers the year, so the caller can say
plainly that holidays of that year were not taken into account.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar

from app.i18n import pick

_MAX_STEPS = 60  # the longest run of days off is about ten; this only guards a loop


class WorkCalendar:
    """`is_working_day` / `next_working_day`, cached; `unknown_years` collects the
    years that fell back to weekends only."""

    def __init__(self) -> None:
        self.unknown_years: set[int] = set()
        self._cache: dict[date, bool] = {}

    def is_working_day(self, day: date) -> bool:
        known = self._cache.get(day)
        if known is None:
            try:
                known = bool(chinese_calendar.is_workday(day))
            except NotImplementedError:
                self.unknown_years.add(day.year)
                known = day.weekday() < 5
            self._cache[day] = known
        return known

    def next_working_day(self, day: date) -> date:
        """`day` itself if it is a working day, else the first working day after it."""
        for _ in range(_MAX_STEPS):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise AssertionError(f"no working day within {_MAX_STEPS} days of {day}")

    def warnings(self, before: date | None = None) -> list[str]:
        """One sentence per year that fell back (only years starting before `before`)."""
        return [unknown_year_warning(year) for year in sorted(self.unknown_years)
                if before is None or date(year, 1, 1) < before]


def unknown_year_warning(year: int) -> str:
    return pick(f"holidays of {year} unknown: weekends only",
                f"{year} 年的节假日安排未知：只跳过周末")


def is_working_day(day: date) -> bool:
    """One-off check; use a WorkCalendar to learn about years that fell back."""
    return WorkCalendar().is_working_day(day)


def next_working_day(day: date) -> date:
    return WorkCalendar().next_working_day(day)
