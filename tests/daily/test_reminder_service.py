"""Reminders against a real encrypted file and a team database: idempotent create, edit,
complete (with its linked contact event), snooze shortcuts, cancel, illegal transitions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.errors import NotFound, ValidationError
from app.i18n import set_language
from app.models import ContactEvent, Reminder
from app.services.daily import reminders as rs
from app.services.daily.contacts import timeline
from tests.daily_helpers import NOW, count, make_customer


@pytest.fixture
def vault(any_store):
    """Every test here runs on both engines (tests/conftest.py: any_store)."""
    return any_store


def _reminder(vault, **kw) -> rs.ReminderRow:
    values = {"due_at": NOW + timedelta(days=1), "title": "回访：张三", "now": NOW, **kw}
    with vault.sessions.begin() as s:
        return rs.create_reminder(s, "KH000001", **values)


def test_create_fills_the_row_and_defaults_the_owner(vault):
    cid = make_customer(vault, phone="13800138000", owner="王经理")
    row = _reminder(vault, due_at="2026/11/30", kind="birthday", note="送蛋糕")
    assert (row.customer_id, row.customer_code, row.customer_name, row.customer_phone) == (
        cid, "KH000001", "张三", "13800138000")
    assert row.due_at == datetime(2026, 11, 30, 9, 0)  # a day alone means 09:00
    assert (row.kind, row.note, row.status, row.owner) == ("birthday", "送蛋糕", "open", "王经理")
    assert row.is_active and not row.user_modified
    assert _reminder(vault, owner="李明").owner == "李明"


def test_idempotency_key_returns_the_existing_reminder(vault):
    make_customer(vault)
    first = _reminder(vault, idempotency_key="revisit:1:2026-11", origin_rule="tier-revisit")
    again = _reminder(vault, idempotency_key="revisit:1:2026-11", title="另一个标题",
                      due_at=NOW + timedelta(days=9))
    assert again == first and again.origin_rule == "tier-revisit"
    assert count(vault, Reminder) == 1
    _reminder(vault, idempotency_key="revisit:1:2026-12")
    _reminder(vault)  # no key: never deduplicated
    _reminder(vault)
    assert count(vault, Reminder) == 4


@pytest.mark.parametrize(("field", "kw"), [
    ("title", {"title": "  "}), ("title", {"title": "x" * 201}), ("kind", {"kind": "party"}),
    ("due_at", {"due_at": "next tuesday"}), ("note", {"note": "n" * 2001}),
])
def test_invalid_reminder_names_the_field(vault, field, kw):
    make_customer(vault)
    with pytest.raises(ValidationError) as info:
        _reminder(vault, **kw)
    assert info.value.field == field
    assert count(vault, Reminder) == 0


def test_complete_records_the_linked_contact_event(vault, session):
    make_customer(vault, owner="王经理")
    row = _reminder(vault)
    later = NOW + timedelta(hours=2)
    with vault.sessions.begin() as s:
        done, contact = rs.complete_reminder(s, row.id, outcome="客户已续存，满意", now=later,
                                             satisfaction=5)
    assert (done.status, done.completed_at, done.completed_event_id) == ("done", later,
                                                                        contact.id)
    assert not done.is_active
    assert (contact.summary, contact.outcome, contact.satisfaction) == (
        "回访：张三", "客户已续存，满意", 5)
    assert (contact.channel, contact.purpose, contact.staff, contact.occurred_at) == (
        "phone", "revisit", "王经理", later)
    assert timeline(session, row.customer_id).rows == (contact,)
    assert session.get(Reminder, row.id).completed_event_id == contact.id


def test_a_failing_completion_changes_nothing(vault):
    make_customer(vault)
    row = _reminder(vault)
    with pytest.raises(ValidationError) as info, vault.sessions.begin() as s:
        rs.complete_reminder(s, row.id, outcome="ok", now=NOW, satisfaction=9)
    assert info.value.field == "satisfaction"
    with pytest.raises(ValidationError) as info, vault.sessions.begin() as s:
        rs.complete_reminder(s, row.id, outcome="  ", now=NOW)
    assert info.value.field == "outcome"
    with vault.sessions() as s:
        assert rs.get_reminder(s, row.id).status == "open"
    assert count(vault, ContactEvent) == 0


def _in_state(vault, status: str) -> int:
    row = _reminder(vault)
    with vault.sessions.begin() as s:
        if status == "done":
            rs.complete_reminder(s, row.id, outcome="ok", now=NOW)
        elif status == "cancelled":
            rs.cancel_reminder(s, row.id, now=NOW)
        elif status == "snoozed":
            rs.snooze_reminder(s, row.id, until="tomorrow", now=NOW)
    return row.id


@pytest.mark.parametrize("status", ["done", "cancelled"])
@pytest.mark.parametrize("action", ["complete", "snooze", "cancel", "edit"])
def test_done_and_cancelled_are_final(vault, status, action):
    make_customer(vault)
    rid = _in_state(vault, status)
    events = count(vault, ContactEvent)
    calls = {
        "complete": lambda s: rs.complete_reminder(s, rid, outcome="again", now=NOW),
        "snooze": lambda s: rs.snooze_reminder(s, rid, until="hour", now=NOW),
        "cancel": lambda s: rs.cancel_reminder(s, rid, now=NOW),
        "edit": lambda s: rs.edit_reminder(s, rid, {"title": "new"}, now=NOW),
    }
    with pytest.raises(rs.ReminderStateError) as info, vault.sessions.begin() as s:
        calls[action](s)
    assert info.value.status == status and status in str(info.value)
    assert count(vault, ContactEvent) == events


def test_state_error_speaks_chinese_too(vault):
    make_customer(vault)
    rid = _in_state(vault, "cancelled")
    set_language("zh")
    try:
        with pytest.raises(rs.ReminderStateError) as info, vault.sessions.begin() as s:
            rs.complete_reminder(s, rid, outcome="x", now=NOW)
        assert "已取消" in str(info.value) and "完成" in str(info.value)
    finally:
        set_language(None)


@pytest.mark.parametrize(("now", "until", "expected"), [
    (NOW, "hour", NOW + timedelta(hours=1)),
    (NOW, "tomorrow", datetime(2026, 11, 25, 9, 0)),
    (NOW, "next_week", datetime(2026, 11, 30, 9, 0)),  # NOW is a Tuesday
    (datetime(2026, 11, 30, 8, 0), "next_week", datetime(2026, 12, 7, 9, 0)),  # a Monday
    (datetime(2026, 11, 29, 20, 0), "next_week", datetime(2026, 11, 30, 9, 0)),  # a Sunday
    (datetime(2026, 12, 31, 23, 30), "tomorrow", datetime(2027, 1, 1, 9, 0)),
    (NOW, date(2026, 12, 3), datetime(2026, 12, 3, 9, 0)),
    (NOW, datetime(2026, 12, 3, 14, 45), datetime(2026, 12, 3, 14, 45)),
    (NOW, "2026/12/03 16:00", datetime(2026, 12, 3, 16, 0)),
])
def test_snooze_moves_the_due_time(vault, now, until, expected):
    make_customer(vault)
    row = _reminder(vault, due_at=NOW - timedelta(days=2))
    with vault.sessions.begin() as s:
        snoozed = rs.snooze_reminder(s, row.id, until=until, now=now)
    assert (snoozed.status, snoozed.due_at, snoozed.snoozed_until) == (
        "snoozed", expected, expected)
    assert snoozed.is_active and snoozed.user_modified
    with vault.sessions.begin() as s:  # a snoozed reminder can be snoozed again, or done
        assert rs.snooze_reminder(s, row.id, until="hour", now=expected).due_at == (
            expected + timedelta(hours=1))
        assert rs.complete_reminder(s, row.id, outcome="ok", now=expected)[0].status == "done"


@pytest.mark.parametrize("until", [NOW, NOW - timedelta(minutes=1), "2026-11-24 08:00",
                                   "someday"])
def test_snooze_needs_a_future_time(vault, until):
    make_customer(vault)
    row = _reminder(vault)
    with pytest.raises(ValidationError) as info, vault.sessions.begin() as s:
        rs.snooze_reminder(s, row.id, until=until, now=NOW)
    assert info.value.field == "until"


def test_edit_marks_user_modified_and_a_new_due_time_ends_a_snooze(vault):
    make_customer(vault)
    rid = _in_state(vault, "snoozed")
    with vault.sessions.begin() as s:
        row = rs.edit_reminder(s, rid, {"title": " 新 标题 ", "note": "带资料", "owner": "李明"},
                               now=NOW)
    assert (row.title, row.note, row.owner, row.status) == ("新 标题", "带资料", "李明",
                                                            "snoozed")
    assert row.user_modified
    with vault.sessions.begin() as s:
        row = rs.edit_reminder(s, rid, {"due_at": "2026-12-01 10:30"}, now=NOW)
    assert (row.due_at, row.status, row.snoozed_until) == (datetime(2026, 12, 1, 10, 30),
                                                           "open", None)
    with pytest.raises(ValidationError), vault.sessions.begin() as s:
        rs.edit_reminder(s, rid, {"title": ""}, now=NOW)
    with pytest.raises(ValueError), vault.sessions.begin() as s:
        rs.edit_reminder(s, rid, {"status": "done"}, now=NOW)


def test_cancel_and_unknown_reminders(vault):
    make_customer(vault)
    row = _reminder(vault)
    with vault.sessions.begin() as s:
        assert rs.cancel_reminder(s, row.id, now=NOW).status == "cancelled"
    with pytest.raises(NotFound), vault.sessions() as s:
        rs.get_reminder(s, 999)
    with pytest.raises(NotFound), vault.sessions.begin() as s:
        rs.complete_reminder(s, 999, outcome="x", now=NOW)


def test_open_reminders_lists_open_and_snoozed_by_due_time(vault, session):
    make_customer(vault)
    late = _reminder(vault, due_at=NOW + timedelta(days=5), title="late")
    early = _reminder(vault, due_at=NOW - timedelta(days=5), title="early")
    _in_state(vault, "done")
    snoozed = _in_state(vault, "snoozed")
    assert [r.id for r in rs.open_reminders(session)] == [early.id, snoozed, late.id]
