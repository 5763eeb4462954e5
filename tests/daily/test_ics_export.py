"""The .ics export parsed back with a real iCalendar parser: one VTODO per open reminder,
DUE in the local time zone, stable UIDs, atomic write, audited, masked by default."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from app.errors import ValidationError
from app.models import AuditLog
from app.services.customers import service as customer_service
from app.services.daily import ics as ics_export
from app.services.daily import reminders as rs
from tests.daily_helpers import NOW, make_customer

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def reminders(vault):
    """Two open and one snoozed reminder to export; done, cancelled and a trashed
    customer's reminder to leave out. Returns {title: id} of the exported ones."""
    make_customer(vault, phone="13800138000")
    make_customer(vault, name="李四")
    make_customer(vault, name="王五")
    with vault.sessions.begin() as s:
        def add(customer, due, title, **kw):
            return rs.create_reminder(s, customer, due_at=due, title=title, now=NOW, **kw).id

        out = {
            "回访": add("KH000001", datetime(2026, 11, 20, 9, 0), "回访", note="带上新产品资料"),
            "生日祝福": add("KH000002", datetime(2027, 7, 1, 15, 30), "生日祝福"),
            "推迟": add("KH000001", datetime(2026, 11, 23, 9, 0), "推迟"),
        }
        rs.snooze_reminder(s, out["推迟"], until=datetime(2026, 11, 26, 14, 0), now=NOW)
        rs.complete_reminder(s, add("KH000001", NOW, "done"), outcome="ok", now=NOW)
        rs.cancel_reminder(s, add("KH000002", NOW, "cancelled"), now=NOW)
        add("KH000003", NOW, "trashed customer")
        customer_service.move_to_trash(s, ["KH000003"])
    return out


def _export(vault, path, **kw) -> Calendar:
    with vault.sessions.begin() as s:
        count = ics_export.export_open_reminders(s, path, now=NOW, **kw)
    cal = Calendar.from_ical(path.read_bytes())
    assert count == len(cal.walk("VTODO")) + len(cal.walk("VEVENT"))
    return cal


def _by_uid(cal: Calendar, name: str = "VTODO") -> dict:
    return {str(c["UID"]): c for c in cal.walk(name)}


def test_one_todo_per_open_reminder_in_local_time(vault, tmp_path, reminders):
    cal = _export(vault, tmp_path / "out" / "reminders.ics", tz=SHANGHAI)
    todos = _by_uid(cal)
    assert set(todos) == {f"reminder-{rid}@kehu" for rid in reminders.values()}
    due = {uid: t.decoded("DUE") for uid, t in todos.items()}
    expected = {"回访": datetime(2026, 11, 20, 9, 0), "生日祝福": datetime(2027, 7, 1, 15, 30),
                "推迟": datetime(2026, 11, 26, 14, 0)}  # the snoozed one at its new time
    for title, wall_clock in expected.items():
        got = due[ics_export.uid_for(reminders[title])]
        assert got == wall_clock.replace(tzinfo=SHANGHAI)
        assert got.utcoffset() == timedelta(hours=8)
        assert getattr(got.tzinfo, "key", str(got.tzinfo)) == "Asia/Shanghai"
    todo = todos[ics_export.uid_for(reminders["回访"])]
    assert str(todo["SUMMARY"]) == "回访 – 张*"  # a calendar leaves the vault: masked
    description = str(todo["DESCRIPTION"])
    assert "KH000001" in description and "138****8000" in description
    assert "13800138000" not in description and "张三" not in description
    assert "带上新产品资料" in description
    assert str(todo["STATUS"]) == "NEEDS-ACTION"
    assert todo.decoded("DTSTAMP") == NOW.replace(tzinfo=SHANGHAI).astimezone(UTC)
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]


def test_default_zone_is_the_system_one_with_its_summer_time(vault, tmp_path, reminders,
                                                             monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    todos = _by_uid(_export(vault, tmp_path / "r.ics"))
    winter = todos[ics_export.uid_for(reminders["回访"])].decoded("DUE")
    summer = todos[ics_export.uid_for(reminders["生日祝福"])].decoded("DUE")
    assert winter.replace(tzinfo=None) == datetime(2026, 11, 20, 9, 0)
    assert (winter.utcoffset(), summer.utcoffset()) == (timedelta(hours=1), timedelta(hours=2))


def test_without_a_named_zone_times_are_written_in_utc(vault, tmp_path, reminders,
                                                       monkeypatch):
    monkeypatch.setattr(ics_export, "system_zone", lambda: None)
    todos = _by_uid(_export(vault, tmp_path / "r.ics"))
    due = todos[ics_export.uid_for(reminders["回访"])].decoded("DUE")
    assert due.utcoffset() == timedelta(0)
    assert due == datetime(2026, 11, 20, 9, 0).astimezone()  # the same instant


def test_events_for_calendars_that_skip_todos(vault, tmp_path, reminders):
    cal = _export(vault, tmp_path / "r.ics", tz="Asia/Shanghai", as_events=True)
    assert cal.walk("VTODO") == []
    event = _by_uid(cal, "VEVENT")[ics_export.uid_for(reminders["生日祝福"])]
    start = datetime(2027, 7, 1, 15, 30, tzinfo=SHANGHAI)
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        start, start + timedelta(minutes=15))


def test_reexport_replaces_the_file_with_the_same_uids(vault, tmp_path, reminders):
    path = tmp_path / "export" / "r.ics"
    path.parent.mkdir()
    path.write_text("old content")
    first = set(_by_uid(_export(vault, path, tz=SHANGHAI)))
    with vault.sessions.begin() as s:
        rs.complete_reminder(s, reminders["回访"], outcome="ok", now=NOW)
    second = set(_by_uid(_export(vault, path, tz=SHANGHAI)))
    assert second == first - {ics_export.uid_for(reminders["回访"])}
    assert [p.name for p in path.parent.iterdir()] == ["r.ics"]  # no temp file left behind
    with vault.sessions() as s:
        audits = s.scalars(select(AuditLog).where(AuditLog.action == "export")).all()
    assert [a.detail["count"] for a in audits] == [3, 2]
    assert all(a.detail["format"] == "ics" for a in audits)


def test_unmasked_calendar_needs_a_reason_and_is_audited(vault, tmp_path, reminders):
    path = tmp_path / "full.ics"
    with pytest.raises(ValidationError, match="reason"), vault.sessions.begin() as s:
        ics_export.export_open_reminders(s, path, now=NOW, masked=False, reason=" ")
    assert not path.exists()
    todos = _by_uid(_export(vault, path, tz=SHANGHAI, masked=False, reason="出差离线使用"))
    todo = todos[ics_export.uid_for(reminders["回访"])]
    assert str(todo["SUMMARY"]) == "回访 – 张三"
    assert "13800138000" in str(todo["DESCRIPTION"])
    with vault.sessions() as s:
        (entry,) = s.scalars(select(AuditLog).where(AuditLog.action == "export")).all()
    assert entry.detail["masked"] is False and entry.detail["reason"] == "出差离线使用"
    assert entry.detail["status"] == "released"


def test_empty_export_is_a_valid_calendar(vault, tmp_path):
    cal = _export(vault, tmp_path / "none.ics", tz=SHANGHAI)
    assert cal.walk("VTODO") == [] and str(cal["VERSION"]) == "2.0"


def test_unknown_zone_is_refused_and_nothing_is_written(vault, tmp_path, reminders):
    with pytest.raises(ValidationError) as info, vault.sessions.begin() as s:
        ics_export.export_open_reminders(s, tmp_path / "r.ics", now=NOW, tz="Mars/Olympus")
    assert info.value.field == "tz"
    assert not (tmp_path / "r.ics").exists()


def test_the_cli_masks_the_calendar_unless_told_with_a_reason(cli, tmp_path):
    from app.security.vault import Vault
    from tests.conftest import CLI_PASSWORD

    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, CLI_PASSWORD) as vault:
        make_customer(vault, phone="13800138000")
        with vault.sessions.begin() as s:
            rs.create_reminder(s, "KH000001", due_at=datetime(2026, 12, 1, 9), title="回访",
                               now=NOW)
    out = tmp_path / "r.ics"
    assert cli("export-ics", str(out), "--tz", "Asia/Shanghai")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "138****8000" in text and "13800138000" not in text and "张三" not in text
    code, _, err = cli("export-ics", str(out), "--unmasked")
    assert code == 5 and "needs a reason" in err
    assert cli("export-ics", str(out), "--unmasked", "--reason", "出差")[0] == 0
    assert "13800138000" in out.read_text(encoding="utf-8")
