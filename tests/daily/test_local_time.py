"""Lenient date parsing shared by the CLI and the services, and the clock helpers."""

from __future__ import annotations

import os
import time as time_module
from datetime import UTC, date, datetime, time

import pytest

from app.errors import ValidationError
from app.services.daily.local_time import local_naive, next_monday, parse_date, parse_datetime


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-24", datetime(2026, 11, 24, 9, 0)),
    ("2026/11/24", datetime(2026, 11, 24, 9, 0)),
    ("2026.1.5", datetime(2026, 1, 5, 9, 0)),
    ("20261124", datetime(2026, 11, 24, 9, 0)),
    ("2026年11月24日", datetime(2026, 11, 24, 9, 0)),
    ("2026-11-24 15:30", datetime(2026, 11, 24, 15, 30)),
    (" 2026/11/24  7:05 ", datetime(2026, 11, 24, 7, 5)),
    ("2026-11-24T15:30:05", datetime(2026, 11, 24, 15, 30, 5)),
    ("2026年11月24日15点30分", datetime(2026, 11, 24, 15, 30)),
    ("２０２６－１１－２４ １５：３０", datetime(2026, 11, 24, 15, 30)),  # full-width
    (date(2026, 11, 24), datetime(2026, 11, 24, 9, 0)),
    (datetime(2026, 11, 24, 8, 1, 2, 999), datetime(2026, 11, 24, 8, 1, 2)),
])
def test_accepted_spellings(text, expected):
    assert parse_datetime(text) == expected


def test_default_time_and_date_only():
    assert parse_datetime("2026-11-24", default_time=time(0, 0)) == datetime(2026, 11, 24)
    assert parse_date("2026/11/24 18:00") == date(2026, 11, 24)


@pytest.mark.parametrize("text", ["", "tomorrow", "24/11/2026", "2026-13-01", "2026-02-30",
                                  "2026-11-24 25:00", "2026-11-2415:30", "2026-11-24 15:61"])
def test_rejected_spellings_name_the_field(text):
    with pytest.raises(ValidationError) as info:
        parse_datetime(text, field="--due")
    assert info.value.field == "--due" and "--due" in str(info.value)
    assert repr(text) in info.value.en and "2026-11-24" in info.value.zh


def test_clock_helpers():
    assert next_monday(date(2026, 11, 24)) == date(2026, 11, 30)  # Tuesday
    assert next_monday(date(2026, 11, 30)) == date(2026, 12, 7)  # Monday: a week later
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time_module.tzset()
    try:
        aware = datetime(2026, 11, 24, 2, 0, 0, 500, tzinfo=UTC)
        assert local_naive(aware) == datetime(2026, 11, 24, 10, 0, 0)  # UTC+8, to the second
        assert local_naive(aware).tzinfo is None
        # Naive values are already local: only the microseconds go.
        assert local_naive(datetime(2026, 11, 24, 2, 0, 0, 500)) == datetime(2026, 11, 24, 2)
    finally:
        if previous is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = previous
        time_module.tzset()
