"""`plan` end to end through app.cli.main: JSON and text, dry run, idempotent
rerun, the weekends-only warning, and bad input that writes nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app.models import Reminder
from app.security.vault import Vault
from tests.conftest import CLI_PASSWORD as PW
from tests.helpers import dir_fingerprint
from tests.revisits.test_revisit_planner import tiered


@pytest.fixture
def cli(cli):
    """A file with three overdue VIPs of 王经理 (targets 19, 24 and 21 Nov 2026) and
    one of 李经理 (target 1 Dec 2026)."""
    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, PW) as vault, vault.sessions.begin() as s:
        for name, day in (("张三", date(2026, 10, 20)), ("李四", date(2026, 10, 25)),
                          ("王五", date(2026, 10, 22))):
            tiered(s, name, "vip", day)
        tiered(s, "赵六", "vip", date(2026, 11, 1), owner="李经理")
    return cli


def _reminders(cli) -> int:
    with Vault.open_with_password(cli.db, PW) as vault, vault.sessions() as s:
        return s.scalar(select(func.count()).select_from(Reminder))


def _plan(cli, *args) -> dict:
    code, out, err = cli("plan", "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_plan_json_then_rerun_adds_nothing(cli):
    out = _plan(cli, "--as-of", "2026-11-27", "--days", "30")
    assert out["dry_run"] is False
    assert out["counts"] == {"revisit": 4, "after_purchase": 0, "birthday": 0, "win_back": 0}
    assert (out["created"], out["replaced"], out["withdrawn"], out["kept"]) == (4, 0, 0, 0)
    assert out["load"] == {"李经理": {"2026-12-01": 1}, "王经理": {"2026-11-27": 3}}
    assert out["warnings"] == [] and out["spilled"] == {}
    assert _reminders(cli) == 4
    again = _plan(cli, "--as-of", "2026-11-27", "--days", "30")
    assert (again["created"], again["replaced"], again["kept"]) == (0, 0, 4)
    assert again["load"] == out["load"]  # the load is what is there, planned before or now
    assert _reminders(cli) == 4


def test_dry_run_writes_nothing(cli):
    before = dir_fingerprint(cli.db.parent)
    out = _plan(cli, "--as-of", "2026-11-27", "--dry-run")
    assert out["dry_run"] is True and out["created"] == 4
    assert dir_fingerprint(cli.db.parent) == before
    code, text, _ = cli("plan", "--as-of", "2026-11-27", "--days", "3", "--dry-run")
    assert code == 0
    assert "Plan for 2026-11-27 – 2026-11-29 (3 days), rules v0" in text
    assert "revisit 3" in text and "to create 3" in text
    assert "1 did not fit within the daily capacity before 2026-11-30" not in text
    assert "王经理: 3 on 1 days, busiest 2026-11-27 (3)" in text
    assert "Dry run: nothing written." in text
    assert _reminders(cli) == 0


def test_text_output_in_chinese_and_capacity_spill(cli):
    with Vault.open_with_password(cli.db, PW) as vault, vault.sessions.begin() as s:
        from app.services.tiers.rules import save_rules

        save_rules(s, {"daily_capacity": 2})
    code, text, _ = cli("plan", "--as-of", "2026-11-27", "--days", "3",
                        env={"KEHU_LANG": "zh"})
    assert code == 0
    assert "2026-11-27 至 2026-11-29（3 天）的回访计划，规则版本 v1" in text
    assert "新建 2" in text and "1 条在 2026-11-30 前超出每日容量" in text
    assert "王经理：1 天共 2 条，最多 2026-11-27（2 条）" in text
    assert _reminders(cli) == 2


def test_uncovered_year_warns_in_words(cli):
    code, out, err = cli("plan", "--json", "--as-of", "2034-12-20", "--dry-run")
    assert code == 0
    assert "Warning: holidays of 2035 unknown: weekends only" in err
    assert "holidays of 2035 unknown: weekends only" in json.loads(out)["warnings"]
    code, out, err = cli("plan", "--as-of", "2034-12-20", "--dry-run", env={"KEHU_LANG": "zh"})
    assert code == 0 and "注意：2035 年的节假日安排未知：只跳过周末" in err


@pytest.mark.parametrize(("args", "code", "problem"), [
    (["--days", "400"], 5, "1 to 366"),
    (["--as-of", "2026-13-01"], 5, "--as-of"),
])
def test_bad_input_writes_nothing(cli, args, code, problem):
    before = dir_fingerprint(cli.db.parent)
    got, _, err = cli("plan", *args)
    assert got == code and problem in err
    assert dir_fingerprint(cli.db.parent) == before


def test_days_below_one_is_a_usage_error(cli, capsys):
    with pytest.raises(SystemExit) as exited:
        cli("plan", "--days", "0")
    assert exited.value.code == 2
    assert "--days" in capsys.readouterr().err


def test_text_plan_says_why_held_customers_are_left_alone(cli):
    from datetime import datetime

    from app.models import Customer
    from app.services.daily.reminders import create_reminder

    code, out, _ = cli("plan", "--as-of", "2026-11-27", "--dry-run")
    assert code == 0 and "held by a person 0" in out and "by hand" not in out
    with Vault.open_with_password(cli.db, PW) as vault, vault.sessions.begin() as s:
        zhang = s.scalar(select(Customer.id).where(Customer.name == "张三"))
        create_reminder(s, zhang, due_at=datetime(2026, 12, 2, 9, 0), title="我来约",
                        kind="revisit", now=datetime(2026, 11, 26, 9, 0))
    code, out, err = cli("plan", "--as-of", "2026-11-27", "--dry-run")
    assert code == 0, err
    assert "held by a person 1" in out
    assert ("held by a person: 1 customers already have a reminder of that kind that "
            "someone created or changed by hand; the plan leaves those as they are") in out
