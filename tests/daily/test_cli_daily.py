"""The daily-work CLI end to end through app.cli.main: agenda, log, remind, complete,
export-ics — output, --json, exit codes, and nothing written on bad input."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from app.cli import main
from app.models import ContactEvent, Reminder
from app.security.vault import Vault
from app.services.customers import service as customer_service
from app.services.customers.input import CustomerInput
from tests.conftest import CLI_PASSWORD as PW
from tests.daily_helpers import count
from tests.helpers import dir_fingerprint


@pytest.fixture
def cli(cli):
    """The shared CLI runner, on a file made by `init` with two customers of 王经理."""
    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, PW) as vault, vault.sessions.begin() as s:
        for name, phone in (("张三", "13800138000"), ("李四", None)):
            customer_service.create_customer(s, CustomerInput(name=name, phone=phone,
                                                               owner="王经理"))
    return cli


def _vault(cli) -> Vault:
    return Vault.open_with_password(cli.db, PW)


def _agenda(cli, *args) -> dict:
    code, out, err = cli("agenda", "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_log_remind_agenda_complete_export(cli, tmp_path):
    today = date.today()
    code, out, err = cli("log", "kh000001", "--channel", "电话", "--purpose", "revisit",
                         "--text", "电话回访，客户满意", "--satisfaction", "5",
                         "--follow-up-days", "2")
    assert code == 0, err
    assert "Contact #1 logged for 张三 (KH000001)" in out
    assert "Follow-up reminder #1 due" in out
    late = (today - timedelta(days=3)).strftime("%Y/%m/%d")
    code, out, err = cli("remind", "KH000002", "--due", late, "--title", "送生日礼物")
    assert code == 0 and "Reminder #2 for 李四 (KH000002)" in out
    assert "already overdue" in err

    agenda = _agenda(cli)
    assert agenda["day"] == today.isoformat()
    assert [i["title"] for i in agenda["overdue"]] == ["送生日礼物"]
    assert agenda["overdue"][0]["days_overdue"] == 3
    assert agenda["overdue"][0]["due_at"] == f"{today - timedelta(days=3)}T09:00:00"
    assert [i["reminder_id"] for i in agenda["upcoming"]] == [1]
    assert agenda["counts"] == {"overdue": 1, "due_today": 0, "upcoming": 1,
                                "complaints_due": 0, "complaints_overdue": 0}
    later = _agenda(cli, "--date", (today + timedelta(days=10)).isoformat())
    assert [i["reminder_id"] for i in later["overdue"]] == [2, 1]
    assert _agenda(cli, "--owner", "nobody")["counts"]["overdue"] == 0

    code, out, err = cli("complete", "#2", "--outcome", "礼物已送达", "--satisfaction", "4")
    assert code == 0, err
    assert "Reminder #2 done; contact #2 recorded for 李四 (KH000002)" in out
    assert _agenda(cli)["overdue"] == []
    with _vault(cli) as vault, vault.sessions() as s:
        reminder = s.get(Reminder, 2)
        event = s.get(ContactEvent, reminder.completed_event_id)
        assert (reminder.status, event.outcome, event.satisfaction) == ("done", "礼物已送达", 4)

    out_file = tmp_path / "phone" / "reminders.ics"
    code, out, err = cli("export-ics", str(out_file), "--tz", "Asia/Shanghai")
    assert code == 0 and "Exported 1 open reminders" in out, err
    todos = Calendar.from_ical(out_file.read_bytes()).walk("VTODO")
    assert [str(t["UID"]) for t in todos] == ["reminder-1@kehu"]
    assert todos[0].decoded("DUE").replace(tzinfo=None) == datetime.combine(
        today + timedelta(days=2), datetime.min.time()).replace(hour=9)


def test_agenda_as_text_in_both_languages(cli):
    cli("remind", "KH000001", "--due", str(date.today() - timedelta(days=1)), "--title", "回访")
    code, out, _ = cli("agenda")
    assert code == 0
    assert "Overdue: 1" in out and "回访" in out and "13800138000" in out
    assert "1 days overdue" in out and "Due today: 0" in out
    code, out, _ = cli("agenda", env={"KEHU_LANG": "zh"})
    assert code == 0 and "逾期：1" in out and "今日到期：0" in out and "逾期 1 天" in out


def test_log_back_dated_and_inbound(cli):
    code, _, err = cli("log", "KH000001", "--channel", "wechat", "--purpose", "complaint",
                       "--text", "客户来电投诉排队久", "--direction", "来电",
                       "--at", "2026-01-05 14:30", "--staff", "李明")
    assert code == 0, err
    with _vault(cli) as vault, vault.sessions() as s:
        event = s.get(ContactEvent, 1)
        assert (event.occurred_at, event.direction, event.staff) == (
            datetime(2026, 1, 5, 14, 30), "inbound", "李明")


@pytest.mark.parametrize(("args", "problem"), [
    (["log", "KH000001", "--channel", "fax", "--purpose", "revisit", "--text", "x"], "fax"),
    (["log", "KH000001", "--channel", "phone", "--purpose", "revisit", "--text", "x",
      "--satisfaction", "7"], "Satisfaction"),
    (["log", "KH000001", "--channel", "phone", "--purpose", "revisit", "--text", "x",
      "--follow-up-days", "soon"], "Follow-up days"),
    (["log", "KH000001", "--channel", "phone", "--purpose", "revisit", "--text", " "],
     "Summary"),
    (["log", "KH000001", "--channel", "phone", "--purpose", "revisit", "--text", "x",
      "--at", "2999-01-01"], "future"),
    (["log", "KH999999", "--channel", "phone", "--purpose", "revisit", "--text", "x"],
     "KH999999"),
    (["remind", "KH000001", "--due", "2026-13-45", "--title", "x"], "--due"),
    (["remind", "KH000001", "--due", "tomorrow", "--title", "x"], "not a date"),
    (["remind", "KH000001", "--due", "2026-12-01", "--title", " "], "Title"),
    (["agenda", "--date", "24/11/2026"], "--date"),
    (["complete", "abc", "--outcome", "x"], "abc"),
    (["complete", "99", "--outcome", "x"], "#99"),
    (["export-ics", "out.ics", "--tz", "Mars/Olympus"], "Mars/Olympus"),
])
def test_bad_input_exits_5_naming_the_problem_and_writes_nothing(cli, args, problem):
    before = dir_fingerprint(cli.db.parent)
    code, out, err = cli(*args)
    assert code == 5, (out, err)
    assert problem in err and err.startswith("kehu: ")
    assert dir_fingerprint(cli.db.parent) == before
    assert count_rows(cli) == (0, 0)


def count_rows(cli) -> tuple[int, int]:
    with _vault(cli) as vault:
        return count(vault, ContactEvent), count(vault, Reminder)


def test_completing_twice_exits_5(cli):
    cli("remind", "KH000001", "--due", "2026-12-01 15:30", "--title", "回访")
    assert cli("complete", "1", "--outcome", "done")[0] == 0
    code, _, err = cli("complete", "1", "--outcome", "again")
    assert code == 5 and "already done" in err
    assert count_rows(cli) == (1, 1)


def test_wrong_password_exits_3(cli):
    code, out, err = cli("agenda", env={"KEHU_PASSWORD": "not the password"})
    assert code == 3 and out == "" and "Wrong password" in err


def test_missing_required_options_are_usage_errors(cli):
    with pytest.raises(SystemExit) as info:
        main(["log", "KH000001", "--channel", "phone"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["remind", "KH000001", "--title", "x"])
    assert info.value.code == 2
