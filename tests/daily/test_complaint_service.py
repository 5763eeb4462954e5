"""Complaints against a real encrypted file: SLA deadlines, the status workflow (every
legal move, illegal ones rejected in words), resolution and satisfaction rules, and the
overdue listing on an injected clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.errors import InvalidInput, NotFound, ValidationError
from app.i18n import set_language
from app.models import Complaint
from app.services.customers import service as customer_service
from app.services.daily import complaints as cs
from tests.daily_helpers import NOW, count, make_customer

HOUR = timedelta(hours=1)


def _open(vault, severity="medium", **kw) -> cs.ComplaintRow:
    values = {"category": "服务态度", "severity": severity, "description": "柜员态度差",
              "now": NOW, **kw}
    with vault.sessions.begin() as s:
        return cs.open_complaint(s, "KH000001", **values)


def _move(vault, cid: int, status: str, when=NOW, **kw) -> cs.ComplaintRow:
    if status == "resolved":
        kw.setdefault("resolution", "已致歉并说明情况")
    with vault.sessions.begin() as s:
        return cs.change_status(s, cid, status, now=when, **kw)


# The legal path to each state, from a fresh (open) complaint.
_PATH = {"open": [], "in_progress": ["in_progress"], "resolved": ["in_progress", "resolved"],
         "closed": ["in_progress", "resolved", "closed"]}


def _in_state(vault, status: str) -> int:
    row = _open(vault)
    for step in _PATH[status]:
        _move(vault, row.id, step)
    return row.id


@pytest.mark.parametrize(("severity", "sla"), [
    ("low", timedelta(days=7)), ("medium", timedelta(days=3)),
    ("high", timedelta(hours=24)), ("critical", timedelta(hours=4)), ("紧急", 4 * HOUR),
])
def test_deadline_per_severity(vault, severity, sla):
    make_customer(vault, owner="王经理")
    row = _open(vault, severity)
    assert (row.opened_at, row.deadline_at, row.status) == (NOW, NOW + sla, "open")
    assert row.owner == "王经理" and not row.overdue


def test_sla_can_be_overridden(vault):
    make_customer(vault)
    row = _open(vault, "high", sla={"high": timedelta(hours=8)})
    assert row.deadline_at == NOW + timedelta(hours=8)
    assert _open(vault, "low", sla={"high": HOUR}).deadline_at == NOW + timedelta(days=7)
    assert cs.deadline_for("critical", NOW) == NOW + 4 * HOUR


@pytest.mark.parametrize(("field", "kw"), [
    ("category", {"category": " "}), ("category", {"category": "类" * 51}),
    ("severity", {"severity": "urgent"}), ("description", {"description": ""}),
])
def test_invalid_complaint_names_the_field(vault, field, kw):
    make_customer(vault)
    with pytest.raises(ValidationError) as info:
        _open(vault, **kw)
    assert info.value.field == field
    assert count(vault, Complaint) == 0


@pytest.mark.parametrize(("start", "target"), [
    ("open", "in_progress"), ("open", "resolved"), ("in_progress", "resolved"),
    ("resolved", "closed"), ("resolved", "open"), ("closed", "open"),
])
def test_every_legal_transition(vault, start, target):
    make_customer(vault)
    cid = _in_state(vault, start)
    later = NOW + 30 * HOUR
    row = _move(vault, cid, target, later)
    assert row.status == target
    if target == "resolved":
        assert (row.resolved_at, row.resolution) == (later, "已致歉并说明情况")
    if target == "closed":
        assert row.closed_at == later and row.resolved_at == NOW
    if target == "open":  # reopened: timestamps cleared, a fresh deadline from now
        assert row.resolved_at is None and row.closed_at is None
        assert row.deadline_at == later + timedelta(days=3)
        assert row.resolution == "已致歉并说明情况"  # kept as history
        assert not row.overdue


@pytest.mark.parametrize(("start", "target"), [
    ("open", "open"), ("open", "closed"), ("in_progress", "open"),
    ("in_progress", "in_progress"), ("in_progress", "closed"), ("resolved", "in_progress"),
    ("resolved", "resolved"), ("closed", "in_progress"), ("closed", "resolved"),
    ("closed", "closed"),
])
def test_illegal_transitions_are_rejected(vault, start, target):
    make_customer(vault)
    cid = _in_state(vault, start)
    with pytest.raises(cs.ComplaintTransitionError) as info, vault.sessions.begin() as s:
        cs.change_status(s, cid, target, now=NOW, resolution="x")
    assert isinstance(info.value, InvalidInput) and info.value.exit_code == 5
    assert (info.value.current, info.value.requested) == (start, target)
    with vault.sessions() as s:
        assert cs.get_complaint(s, cid, now=NOW).status == start


def test_transition_error_names_both_states_in_words(vault):
    make_customer(vault)
    cid = _in_state(vault, "closed")
    with pytest.raises(cs.ComplaintTransitionError) as info, vault.sessions.begin() as s:
        cs.change_status(s, cid, "in_progress", now=NOW)
    assert info.value.en.startswith(f"Complaint #{cid} cannot go from “closed” to “in progress”")
    assert "open" in info.value.en.split(";")[1]
    set_language("zh")
    try:
        assert str(info.value).startswith(f"投诉 #{cid} 不能从“已关闭”改为“处理中”")
    finally:
        set_language(None)


def test_resolving_needs_a_resolution(vault):
    make_customer(vault)
    cid = _in_state(vault, "in_progress")
    with pytest.raises(ValidationError) as info:
        _move(vault, cid, "resolved", resolution="   ")
    assert info.value.field == "resolution"
    fresh = _open(vault).id
    with pytest.raises(ValidationError) as info:
        _move(vault, fresh, "in_progress", resolution="too early")
    assert info.value.field == "resolution"


def test_satisfaction_after_only_when_resolving_or_closing(vault):
    make_customer(vault)
    cid = _in_state(vault, "open")
    with pytest.raises(ValidationError) as info:
        _move(vault, cid, "in_progress", satisfaction_after=4)
    assert info.value.field == "satisfaction_after"
    for bad in (0, 6, "很好"):
        with pytest.raises(ValidationError) as info:
            _move(vault, cid, "resolved", satisfaction_after=bad)
        assert info.value.field == "satisfaction_after"
    assert _move(vault, cid, "resolved", satisfaction_after=3).satisfaction_after == 3
    row = _move(vault, cid, "closed", satisfaction_after=5, resolution="回访确认已解决")
    assert (row.satisfaction_after, row.resolution) == (5, "回访确认已解决")


def test_overdue_listing_follows_the_clock(vault):
    make_customer(vault)
    critical = _open(vault, "critical")  # due NOW + 4 h
    high = _open(vault, "high")  # due NOW + 24 h
    low = _open(vault, "low")  # due NOW + 7 days
    fixed = _open(vault, "critical")
    _move(vault, fixed.id, "resolved")
    _move(vault, high.id, "in_progress")
    with vault.sessions() as s:
        assert cs.list_complaints(s, now=NOW, overdue_only=True) == []
        later = NOW + 30 * HOUR
        overdue = cs.list_complaints(s, now=later, overdue_only=True)
        assert [r.id for r in overdue] == [critical.id, high.id]
        assert all(r.overdue for r in overdue)
        assert cs.is_overdue(overdue[0], later) and not cs.is_overdue(overdue[0], NOW)
        everything = cs.list_complaints(s, now=later)
        assert [r.id for r in everything] == [fixed.id, low.id, high.id, critical.id]
        assert [r.overdue for r in everything] == [False, False, True, True]  # resolved: never
        assert [r.id for r in cs.list_complaints(s, now=later, status="in_progress")] == [
            high.id]
        assert [r.id for r in cs.list_complaints(s, now=later, status=["open", "已解决"])] == [
            fixed.id, low.id, critical.id]
        assert [r.id for r in cs.list_complaints(s, now=later, status="resolved",
                                                 overdue_only=True)] == []
    with vault.sessions.begin() as s:
        customer_service.move_to_trash(s, ["KH000001"])
    with vault.sessions() as s:
        assert cs.list_complaints(s, now=later) == []


def test_unknown_complaint(vault):
    with pytest.raises(NotFound), vault.sessions.begin() as s:
        cs.change_status(s, 42, "resolved", now=NOW, resolution="x")
    with pytest.raises(NotFound), vault.sessions() as s:
        cs.get_complaint(s, 42, now=NOW)


def test_rows_are_plain_and_carry_the_customer(vault):
    make_customer(vault, phone="13800138000")
    row = _open(vault)
    assert (row.customer_code, row.customer_name, row.customer_phone) == (
        "KH000001", "张三", "13800138000")
    data = row.to_json()
    assert data["opened_at"] == NOW.isoformat() and data["deadline_at"] == (
        NOW + timedelta(days=3)).isoformat()
    assert datetime.fromisoformat(data["deadline_at"]) == row.deadline_at
