"""A customer on a storage-only hold earns no points while it lasts (earning is
processing); after the release, or once the hold has run out, the next run earns the
backlog, each purchase once — refunds included."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services.loyalty import daily, ledger
from app.services.privacy import hold
from tests.loyalty.people import buy, customer, points_of


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store


def at(day: date):
    return lambda: datetime.combine(day, datetime.min.time().replace(hour=9))


def test_no_points_while_held_then_the_backlog_once_after_release(vault):
    with vault.sessions.begin() as s:
        held, free = customer(s, "王芳"), customer(s, "赵磊")
        hold.put(s, held, until=date(2027, 12, 31), reason="诉讼保全", today=date(2026, 6, 1))
        buy(s, held, date(2026, 6, 2), 300)
        buy(s, free, date(2026, 6, 2), 300)
        first = daily.run(s, date(2026, 6, 3), clock=at(date(2026, 6, 3)))
    assert first.earned == 1
    assert (points_of(vault, held), points_of(vault, free)) == (0, 300)
    with vault.sessions.begin() as s:  # a later purchase and a refund, still held
        buy(s, held, date(2026, 6, 10), 200)
        buy(s, held, date(2026, 6, 11), -50)
        buy(s, free, date(2026, 6, 10), 100)
        second = daily.run(s, date(2026, 6, 12), clock=at(date(2026, 6, 12)))
        full = daily.run(s, date(2026, 6, 12), clock=at(date(2026, 6, 12)), full=True)
    assert (second.earned, full.earned) == (1, 0)
    assert points_of(vault, held) == 0

    with vault.sessions.begin() as s:
        hold.release(s, held)
        after = daily.run(s, date(2026, 6, 13), clock=at(date(2026, 6, 13)))
    assert (after.earned, after.reversed) == (2, 1)  # the backlog: two purchases, a refund
    assert points_of(vault, held) == 450  # 300 + 200 − 50
    with vault.sessions.begin() as s:
        again = daily.run(s, date(2026, 6, 14), clock=at(date(2026, 6, 14)))
        full = daily.run(s, date(2026, 6, 14), clock=at(date(2026, 6, 14)), full=True)
    assert (again.earned, again.reversed, full.earned, full.reversed) == (0, 0, 0, 0)
    assert points_of(vault, held) == 450 and points_of(vault, free) == 400
    with vault.sessions() as s:
        days = sorted(e.day for e in ledger.entries(s, held) if e.kind == "earn")
    assert days == [date(2026, 6, 2), date(2026, 6, 10)]  # dated as their purchases


def test_a_hold_that_ran_out_lets_the_backlog_earn(vault):
    with vault.sessions.begin() as s:
        cid = customer(s)
        hold.put(s, cid, until=date(2026, 6, 30), reason="监管调阅", today=date(2026, 6, 1))
        buy(s, cid, date(2026, 6, 5), 120)
        daily.run(s, date(2026, 6, 30), clock=at(date(2026, 6, 30)))  # the last day held
    assert points_of(vault, cid) == 0
    with vault.sessions.begin() as s:
        out = daily.run(s, date(2026, 7, 1), clock=at(date(2026, 7, 1)))
    assert out.earned == 1 and points_of(vault, cid) == 120
