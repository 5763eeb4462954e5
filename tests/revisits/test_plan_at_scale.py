"""A 90-day plan over 100,000 tiered customers (generated with bulk Core inserts):
no reminder is planned on a day off, and no owner's day passes the daily cap, counting
the reminders already there. People's own reminders on a Saturday, and one day a
person filled past the cap, stay as they are: counted as existing, nothing added."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert

from app.models import Reminder
from app.models.enums import ReminderKind
from app.services.revisits.planner import preview_plan
from app.services.revisits.work_calendar import WorkCalendar

TODAY = date(2026, 11, 24)  # a Tuesday
CLOCK = datetime(2026, 11, 24, 9, 0)
N = 100_000
OWNERS = [f"经理{i:02d}" for i in range(40)]
TIERS = ("vip", "high", "mid", "low")
SATURDAY = date(2026, 11, 28)
CROWDED = date(2026, 12, 2)  # a Wednesday a person filled with 25 calls of 经理00
CAP = 20


def _owner(i: int) -> str | None:
    return None if i % 50 == 0 else OWNERS[i % len(OWNERS)]  # 2 % have nobody


def _driver_insert(conn, table: str, rows: list[tuple], columns: str) -> None:
    """Rows straight through the driver: 100k customers in about a second (dates and
    times written as SQLAlchemy writes them on SQLite)."""
    marks = ", ".join("?" * len(columns.split(",")))
    conn.exec_driver_sql(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


@pytest.fixture
def big_file(vault):
    stamp = CLOCK.strftime("%Y-%m-%d %H:%M:%S.%f")
    with vault.sessions.begin() as s:
        conn = s.connection()
        _driver_insert(conn, "customer", [
            (i, f"uid-{i:032d}", f"C{i:06d}", f"客户{i}", "", "", "individual", 0, 0, "{}",
             _owner(i), f"1980-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 7 == 0 else None,
             stamp, stamp) for i in range(1, N + 1)],
            "id, uid, code, name, name_pinyin, name_initials, kind, birthday_lunar, "
            "marketing_consent, custom_fields, owner, birthday, created_at, updated_at")
        _driver_insert(conn, "customer_tier", [
            (i, TIERS[i % 4], "at_risk" if i % 9 == 0 else "repeat", 3, 10000, "{}", 0,
             stamp, (TODAY - timedelta(days=i % 400)).isoformat()) for i in range(1, N + 1)],
            "customer_id, value_tier, lifecycle_stage, frequency, monetary_fen, reason, "
            "digest, changed_at, last_purchase")
        people = [(1, SATURDAY, n) for n in range(3)] + [(41, CROWDED, n) for n in range(25)]
        s.execute(insert(Reminder), [
            {"customer_id": cid + 40 * n, "due_at": datetime.combine(day, datetime.min.time())
             + timedelta(hours=9), "kind": ReminderKind.AFTER_PURCHASE, "title": "回访",
             "owner": _owner(cid + 40 * n), "created_at": CLOCK, "updated_at": CLOCK}
            for cid, day, n in people])


def test_a_90_day_plan_never_passes_the_cap_nor_lands_on_a_day_off(vault, big_file):
    with vault.sessions() as s:
        plan = preview_plan(s, TODAY, 90, clock=lambda: CLOCK)
    assert plan.capacity == CAP
    assert len(plan.items) > 50_000 and sum(plan.spilled.values()) > 0  # a real squeeze
    calendar = WorkCalendar()
    assert all(calendar.is_working_day(p.due) for p in plan.items)
    planned = Counter((p.owner, p.due) for p in plan.items)
    assert planned == plan.planned
    for cell, n in planned.items():
        assert n + plan.existing.get(cell, 0) <= CAP, cell
    for cell, n in plan.load.items():
        assert n == planned.get(cell, 0) + plan.existing.get(cell, 0)
    # what people put there stays, counted apart; nothing is added beside it
    assert plan.existing[(OWNERS[1], SATURDAY)] == 3 and (OWNERS[1], SATURDAY) not in planned
    assert plan.existing[(OWNERS[1], CROWDED)] == 25 and (OWNERS[1], CROWDED) not in planned
    # the customers without an owner share the cap too
    assert max(n for (owner, _), n in planned.items() if owner is None) == CAP
