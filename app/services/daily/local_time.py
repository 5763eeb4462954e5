"""Local wall-clock helpers shared by the daily-work services (reminders, agenda, …).

The customer file stores naive local times (see app.models.base.now). Services take
the clock as an argument (`now`), so tests inject it; an aware datetime is converted
to local wall-clock time first. Dates typed by people are parsed leniently here, so
the CLI and the GUI accept the same spellings.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

from app.errors import ValidationError

WORKDAY_START = time(9, 0)  # reminders "for a day" are due at 09:00 local

_DATE_TIME = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
    r"(?:(?:\s+|\s*T\s*|(?<=[日号])\s*)"  # date and time: space, T, or nothing after 日
    r"(\d{1,2})\s*[:：点]\s*(\d{1,2})?\s*分?(?:\s*[:：]\s*(\d{1,2}))?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def local_naive(value: datetime) -> datetime:
    """`value` as naive local wall-clock time, to the second."""
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0, 0))


def at_workday_start(day: date) -> datetime:
    return datetime.combine(day, WORKDAY_START)


def next_monday(day: date) -> date:
    """The Monday after `day` (a week later when `day` is a Monday)."""
    return day + timedelta(days=7 - day.weekday())


def _bad(field: str, text: str) -> ValidationError:
    return ValidationError(
        field,
        f"{field}: {text!r} is not a date; write it like 2026-11-24 or 2026-11-24 15:30.",
        f"{field}：{text!r} 不是有效日期；请写成 2026-11-24 或 2026-11-24 15:30。",
    )


def parse_datetime(text: str | date | datetime, *, field: str = "date",
                   default_time: time = WORKDAY_START) -> datetime:
    """'2026-11-24', '2026/11/24', '2026.11.24', '20261124', '2026年11月24日',
    each optionally with a time ('15:30', '15:30:05', 'T15:30', '15点30分');
    a date alone gets `default_time`. Raises ValidationError naming `field`."""
    if isinstance(text, datetime):
        return local_naive(text)
    if isinstance(text, date):
        return datetime.combine(text, default_time)
    raw = str(text)
    cleaned = unicodedata.normalize("NFKC", raw).strip()
    match = _DATE_TIME.match(cleaned) or _COMPACT.match(cleaned)
    if not match:
        raise _bad(field, raw)
    parts = [int(p) if p else None for p in match.groups()]
    year, month, day = parts[:3]
    hour, minute, second = ([*parts[3:], None, None, None][:3])
    try:
        if hour is None:
            return datetime.combine(date(year, month, day), default_time)
        return datetime(year, month, day, hour, minute or 0, second or 0)
    except ValueError:
        raise _bad(field, raw) from None


def parse_date(text: str | date, *, field: str = "date") -> date:
    """A day written any way parse_datetime accepts (a time, if given, is ignored)."""
    if isinstance(text, datetime):
        return local_naive(text).date()
    if isinstance(text, date):
        return text
    return parse_datetime(text, field=field).date()
