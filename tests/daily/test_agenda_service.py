"""The Today agenda on an injected clock: groups, order, window edges, what moving the
clock forward does (missed while the laptop was off), complaints due, and query plans."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from app.services.customers import service as customer_service
from app.services.daily import agenda as agenda_service
from app.services.daily import complaints as cs
from app.services.daily import reminders as rs
from app.services.demo.generator import generate_demo_data
from tests.daily_helpers import NOW, make_customer, query_plans


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

DAY = timedelta(days=1)
TODAY0 = datetime(2026, 11, 24)


def _add(vault, due: datetime, title: str, customer="KH000001", **kw) -> int:
    with vault.sessions.begin() as s:
        return rs.create_reminder(s, customer, due_at=due, title=title, now=NOW, **kw).id


def _titles(items) -> list[str]:
    return [item.title for item in items]


@pytest.fixture
def week(vault):
    """Reminders around NOW (Tue 2026-11-24 10:15) for two customers."""
    make_customer(vault, owner="王经理")
    make_customer(vault, name="李四", owner="赵经理")
    _add(vault, TODAY0 - 3 * DAY + timedelta(hours=15), "three days late")
    _add(vault, TODAY0 - timedelta(seconds=1), "just before midnight")
    _add(vault, TODAY0, "today at midnight")
    _add(vault, TODAY0 + timedelta(hours=9), "today 09:00, already passed")
    _add(vault, TODAY0 + timedelta(hours=16), "today 16:00", customer="KH000002")
    _add(vault, TODAY0 + DAY, "tomorrow at midnight")
    _add(vault, TODAY0 + 8 * DAY - timedelta(seconds=1), "last second of day 7")
    _add(vault, TODAY0 + 8 * DAY, "day 8: outside the window")
    done = _add(vault, TODAY0 - DAY, "done")
    cancelled = _add(vault, TODAY0 + timedelta(hours=11), "cancelled")
    snoozed = _add(vault, TODAY0 - 2 * DAY, "snoozed to tomorrow", customer="KH000002")
    with vault.sessions.begin() as s:
        rs.complete_reminder(s, done, outcome="ok", now=NOW)
        rs.cancel_reminder(s, cancelled, now=NOW)
        rs.snooze_reminder(s, snoozed, until="tomorrow", now=NOW)


def test_groups_order_and_window_edges(vault, session, week):
    got = agenda_service.agenda(session, now=NOW)
    assert got.day == date(2026, 11, 24)
    assert _titles(got.overdue) == ["three days late", "just before midnight"]
    assert [i.days_overdue for i in got.overdue] == [3, 1]
    assert _titles(got.due_today) == ["today at midnight", "today 09:00, already passed",
                                      "today 16:00"]
    assert _titles(got.upcoming) == ["tomorrow at midnight", "snoozed to tomorrow",
                                     "last second of day 7"]
    assert got.upcoming[1].status == "snoozed" and got.upcoming[1].customer_name == "李四"
    assert all(i.days_overdue == 0 for i in got.due_today + got.upcoming)
    assert got.counts == agenda_service.AgendaCounts(2, 3, 3, 0, 0)
    short = agenda_service.agenda(session, now=NOW, days_ahead=0)
    assert short.upcoming == () and short.counts.upcoming == 0


def test_overdue_appears_when_the_clock_moves_forward(vault, session, week):
    """Nothing runs while the laptop is off: at the next start, whatever came due
    since is simply overdue."""
    later = NOW + 3 * DAY  # Friday 2026-11-27
    got = agenda_service.agenda(session, now=later)
    assert _titles(got.overdue) == [
        "three days late", "just before midnight", "today at midnight",
        "today 09:00, already passed", "today 16:00", "tomorrow at midnight",
        "snoozed to tomorrow"]
    assert [i.days_overdue for i in got.overdue] == [6, 4, 3, 3, 3, 2, 2]
    assert _titles(got.due_today) == []
    assert _titles(got.upcoming) == ["last second of day 7", "day 8: outside the window"]


def test_owner_filter_and_trashed_customers(vault, week):
    with vault.sessions() as s:
        got = agenda_service.agenda(s, now=NOW, owner="赵经理")
    assert _titles(got.due_today) == ["today 16:00"]
    assert _titles(got.upcoming) == ["snoozed to tomorrow"] and got.overdue == ()
    with vault.sessions.begin() as s:
        customer_service.move_to_trash(s, ["KH000002"])
    with vault.sessions() as s:
        got = agenda_service.agenda(s, now=NOW)
    assert "today 16:00" not in _titles(got.due_today)
    assert "snoozed to tomorrow" not in _titles(got.upcoming)
    assert got.counts.due_today == 2 and got.counts.upcoming == 2


def test_long_groups_are_capped_but_counted(vault, session):
    make_customer(vault)
    for i in range(6):
        _add(vault, NOW - (i + 1) * DAY, f"late {i}")
    got = agenda_service.agenda(session, now=NOW, limit=4)
    assert _titles(got.overdue) == ["late 5", "late 4", "late 3", "late 2"]
    assert got.counts.overdue == 6


def test_complaints_due_in_the_window_and_overdue_flag(vault, session):
    make_customer(vault)
    with vault.sessions.begin() as s:
        critical = cs.open_complaint(s, "KH000001", category="服务态度", severity="critical",
                                     description="柜员态度差", now=NOW)  # due 14:15 today
        cs.open_complaint(s, "KH000001", category="收费", severity="low", description="手续费",
                          now=NOW)  # due in 7 days: in the window
        fixed = cs.open_complaint(s, "KH000001", category="系统", severity="high",
                                  description="转账失败", now=NOW)
        cs.change_status(s, fixed.id, "resolved", resolution="已退款", now=NOW)
        cs.open_complaint(s, "KH000001", category="其他", severity="low", description="x",
                          now=NOW + DAY)  # due on day 8: outside
    got = agenda_service.agenda(session, now=NOW)
    assert [c.category for c in got.complaints_due] == ["服务态度", "收费"]
    assert [c.overdue for c in got.complaints_due] == [False, False]
    later = agenda_service.agenda(session, now=NOW + timedelta(hours=5))
    assert [c.overdue for c in later.complaints_due] == [True, False]
    assert later.complaints_due[0].complaint_id == critical.id
    assert (later.counts.complaints_due, later.counts.complaints_overdue) == (2, 1)


def test_due_between_for_notifications(vault, session, week):
    got = agenda_service.due_between(session, TODAY0 + timedelta(hours=9),
                                     TODAY0 + timedelta(hours=17))
    assert _titles(got) == ["today 09:00, already passed", "today 16:00"]
    assert agenda_service.due_between(session, NOW, NOW + timedelta(minutes=1)) == ()


def test_agenda_json_is_plain(vault, session, week):
    data = agenda_service.agenda(session, now=NOW).to_json()
    assert data["day"] == "2026-11-24" and data["counts"]["overdue"] == 2
    assert data["overdue"][0]["due_at"] == "2026-11-21T15:00:00"


_FULL_SCAN = re.compile(r"\bSCAN (reminder|complaint|customer)\b")


@pytest.mark.parametrize("any_store", ["sqlite"], indirect=True)  # SQLite's query plans
@pytest.mark.parametrize("owner", [None, "王经理"])
@pytest.mark.parametrize("data", ["small", "demo"])
def test_agenda_queries_use_indexes(vault, session, owner, data):
    if data == "demo":  # realistic rows and fresh planner statistics (ANALYZE)
        generate_demo_data(vault.sessions, 300, seed=5, today=NOW.date())
    else:
        make_customer(vault)
        _add(vault, NOW, "one")
    lines = query_plans(session, lambda s: agenda_service.agenda(s, now=NOW, owner=owner))
    assert not [line for line in lines if _FULL_SCAN.search(line)], lines
    assert any("ix_complaint_status_deadline" in line for line in lines), lines
    reminder_lines = [line for line in lines if "SEARCH reminder" in line]
    assert len(reminder_lines) == 4, lines  # the counts and three groups
    if owner is None:  # with an owner, ix_reminder_owner is a fair choice too
        assert all("ix_reminder_status_due" in line for line in reminder_lines), lines
    assert not [line for line in lines if "ix_customer_deleted_at" in line], lines
