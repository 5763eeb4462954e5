"""The rest of the CLI on a team database (issue 21): the commands that
test_cli_commands_pg.py's one run does not reach (reminders, holds, consent, merges,
surveys, an import and its undo, consolidation, the PDF report, the person's copy,
retention and erasure), each run with `--db postgresql://…` as the administrator and,
where a branch works on its own customers, as a clerk of that branch over TCP: exit
codes, no traceback, and what each wrote read back from the database. The file-only
commands (init, check, passwd, backup, restore, erase --retake-backups) refuse a
server in words and touch nothing."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, update

from app.cli import main
from app.i18n import set_language
from app.models import (
    ConsentEntry,
    ContactEvent,
    Customer,
    CustomerHold,
    CustomerMerge,
    ImportBatch,
    NotDuplicate,
    Reminder,
    SurveyResponse,
)
from app.services.team import roles
from tests.imports.test_import_helpers import messy_customers
from tests.team.helpers import PASSWORD


class Team:
    """The session's team database with 60 demo customers (some planted twins); `run`
    as the administrator (superuser over the socket), `clerk` as a clerk of the first
    customer's branch over TCP with a password."""

    def __init__(self, store, pg_server, capsys):
        self.store, self.capsys = store, capsys
        database = store.url.split("@/", 1)[1].split("?", 1)[0]
        self.clerk_name = f"more_clerk_{uuid.uuid4().hex[:6]}"
        self.clerk_url = pg_server.tcp_url(database, self.clerk_name)

    def _main(self, url: str, args, expect: int) -> tuple[str, str]:
        code = main([*args, "--db", url])
        out, err = self.capsys.readouterr()
        assert "Traceback" not in err and PASSWORD not in out + err, (args, err[-1500:])
        assert code == expect, (args, code, err[-1500:])
        return out, err

    def run(self, *args, expect: int = 0) -> tuple[str, str]:
        return self._main(self.store.url, args, expect)

    def clerk(self, *args, expect: int = 0) -> tuple[str, str]:
        return self._main(self.clerk_url, args, expect)

    def scalar(self, query):
        with self.store.sessions() as s:
            return s.scalar(query)

    def id_of(self, code: str) -> int:
        return self.scalar(select(Customer.id).where(Customer.code == code))


@pytest.fixture
def team(pg_team_store, pg_server, capsys, monkeypatch):
    set_language("en")
    t = Team(pg_team_store, pg_server, capsys)
    t.run("demo", "--customers", "60", "--seed", "4", "--duplicates", "0.1")
    with pg_team_store.sessions() as s:
        rows = s.execute(select(Customer.code, Customer.branch).where(
            Customer.deleted_at.is_(None)).order_by(Customer.id)).all()
    t.branch = rows[0][1]
    t.mine = [code for code, branch in rows if branch == t.branch]
    t.others = [code for code, branch in rows if branch != t.branch]
    assert len(t.mine) >= 5 and t.others
    roles.add_user(pg_team_store.engine, t.clerk_name, "clerk", t.branch, PASSWORD)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/kehu-test-pgpass")
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    yield t
    set_language(None)


def test_remind_complete_hold_release_and_consent(team):
    for run, code in ((team.run, team.others[0]), (team.clerk, team.mine[1])):
        out, _ = run("remind", code, "--due", "2026-12-10", "--title", "回访确认")
        rid = int(re.search(r"Reminder #(\d+)", out).group(1))
        out, _ = run("complete", str(rid), "--outcome", "已确认", "--satisfaction", "4")
        event = int(re.search(r"contact #(\d+)", out).group(1))
        with team.store.sessions() as s:
            reminder = s.get(Reminder, rid)
            assert (reminder.status, reminder.completed_event_id) == ("done", event)
            assert reminder.customer_id == team.id_of(code)
            assert s.get(ContactEvent, event).outcome == "已确认"
        run("complete", str(rid), "--outcome", "again", expect=5)  # done already

        run("hold", code, "--until", "2030-01-01", "--reason", "诉讼保全")
        _, err = run("erase", code, "--reason", "本人要求", expect=5)
        assert "on hold until 2030-01-01" in err
        run("release", code)
        hold = team.scalar(select(CustomerHold).where(
            CustomerHold.customer_id == team.id_of(code)))
        assert hold.until == date(2030, 1, 1) and hold.released_at is not None

        out, _ = run("consent", code, "--grant", "marketing_sms", "--channel", "sms",
                     "--json")
        assert json.loads(out)["current"]["marketing_sms"] is True
        run("consent", code, "--withdraw", "marketing_sms")
        granted = team.scalar(select(func.count()).select_from(ConsentEntry).where(
            ConsentEntry.customer_id == team.id_of(code)))
        assert granted == 2
    # Another branch's customer is not there for the clerk (row security), in words.
    _, err = team.clerk("remind", team.others[0], "--due", "2026-12-10", "--title", "x",
                        expect=5)
    assert f"No customer {team.others[0]}" in err


def test_merge_unmerge_and_not_duplicate(team):
    pairs = json.loads(team.run("duplicates", "--json")[0])
    assert len(pairs) >= 2
    keep, other = pairs[0]["a"], pairs[0]["b"]
    out, _ = team.run("merge", keep, other, "--dry-run")
    assert "Nothing was written" in out
    assert team.scalar(select(func.count()).select_from(CustomerMerge)) == 0
    merged = json.loads(team.run("merge", keep, other, "--reason", "同一人", "--json")[0])
    assert merged["merged"] == [other]
    other_id = team.id_of(other)
    assert team.scalar(select(Customer.merged_into_id).where(
        Customer.id == other_id)) == team.id_of(keep)
    history = json.loads(team.run("merges", "--json")[0])
    assert history[0]["kept"] == keep and history[0]["reason"] == "同一人"
    out, _ = team.run("unmerge", str(merged["merge_id"]))
    assert "undone" in out
    assert team.scalar(select(Customer.merged_into_id).where(Customer.id == other_id)) is None
    _, err = team.run("unmerge", str(merged["merge_id"]), expect=5)
    assert "undone already" in err
    a, b = pairs[1]["a"], pairs[1]["b"]
    team.run("not-duplicate", a, b)
    assert team.scalar(select(func.count()).select_from(NotDuplicate)) == 1
    left = json.loads(team.run("duplicates", "--json", "--min-score", "0")[0])
    assert not any({p["a"], p["b"]} == {a, b} for p in left)


def test_surveys_record_show_texts_and_import(team, tmp_path):
    code = team.mine[0]
    answers = json.dumps({"q1": 5, "q2": 4, "q3": "已解决", "q5": "希望周末也能办理"},
                         ensure_ascii=False)
    got = json.loads(team.clerk("survey", "record", code, "--template", "回访满意度",
                                "--answers", answers, "--at", "2026-11-10", "--json")[0])
    assert got["score"] == 95.0 and got["customer"] == code
    shown = json.loads(team.clerk("survey", "show", code, "--json")[0])
    assert shown["latest"] == 95.0 and shown["history"][0]["id"] == got["id"]
    texts = json.loads(team.run("survey", "texts", "--month", "2026-11", "--json")[0])
    assert [(t["customer"], t["text"]) for t in texts] == [(code, "希望周末也能办理")]
    wb = Workbook()
    wb.active.append(["客户编号", "问卷", "日期", "q1", "q2", "q3"])
    wb.active.append([team.mine[1], "回访满意度", "2026-11-20", 5, 5, "已解决"])
    wb.active.append(["KH999999", "回访满意度", "2026-11-20", 5, 5, "已解决"])
    wb.save(tmp_path / "r.xlsx")
    answered = json.loads(team.run("satisfaction", "--month", "2026-11", "--json")[0])
    out, _ = team.run("survey", "import", str(tmp_path / "r.xlsx"), "--dry-run")
    assert "1 response(s) would be recorded" in out
    before = team.scalar(select(func.count()).select_from(SurveyResponse))
    got = json.loads(team.run("survey", "import", str(tmp_path / "r.xlsx"), "--json")[0])
    assert got["recorded"] == 1 and len(got["rejected"]) == 1
    assert team.scalar(select(func.count()).select_from(SurveyResponse)) == before + 1
    month = json.loads(team.run("satisfaction", "--month", "2026-11", "--json")[0])
    assert month[0]["responses"] == answered[0]["responses"] + 1


def test_import_then_undo_import(team, tmp_path):
    before = team.scalar(select(func.count()).select_from(Customer))
    out, _ = team.run("import", str(messy_customers(tmp_path / "messy.xlsx")))
    batch, created = map(int, re.search(r"as import (\d+): (\d+) customers created",
                                        out).groups())
    assert created == 4
    assert team.scalar(select(func.count()).select_from(Customer)) == before + created
    out, _ = team.run("undo-import")
    assert str(batch) in out
    assert team.scalar(select(func.count()).select_from(Customer).where(
        Customer.deleted_at.is_(None))) == before
    assert team.scalar(select(ImportBatch.status)) == "undone"
    _, err = team.run("undo-import", expect=5)
    assert "no import to undo" in err.lower() or "undone" in err



def test_a_clerks_new_customers_are_the_clerks_branch(team, tmp_path):
    """A workbook without a branch column, imported by a clerk: the new customers are
    the clerk's branch's (row security refused them before: NULL is no branch), and
    the clerk can undo the import; so is a customer the clerk adds without a branch."""
    from app.services.customers.input import CustomerInput
    from app.services.customers.service import create_customer
    from app.store.team_store import TeamStore

    mine = len(team.mine)
    out, _ = team.clerk("import", str(messy_customers(tmp_path / "messy.xlsx")))
    assert "4 customers created" in out
    with team.store.sessions() as s:
        added = s.execute(select(Customer.name, Customer.branch).where(
            Customer.import_batch_id.is_not(None))).all()
    assert len(added) == 4 and {b for _n, b in added} == {team.branch}
    stats = json.loads(team.clerk("stats", "--json")[0])
    assert stats["customers"] == mine + 4
    out, _ = team.clerk("undo-import")
    assert "4 customers removed" in out
    assert json.loads(team.clerk("stats", "--json")[0])["customers"] == mine
    with TeamStore.open(team.clerk_url) as clerk, clerk.sessions.begin() as s:
        row = create_customer(s, CustomerInput(name="新来的", phone="13600000009"))
    assert team.scalar(select(Customer.branch).where(Customer.id == row.id)) == team.branch
    # The administrator's rows are written as given (no branch is no branch).
    out, _ = team.run("import", str(tmp_path / "messy.xlsx"))
    assert "4 customers created" in out
    assert team.scalar(select(func.count()).select_from(Customer).where(
        Customer.import_batch_id.is_not(None), Customer.branch.is_(None))) == 4

def test_export_consolidate_report_and_the_persons_copy(team, tmp_path):
    head, branch = tmp_path / "head.xlsx", tmp_path / "branch.xlsx"
    out, _ = team.run("export", str(head), "--branch-name", "总部", "--sheets", "register")
    total = team.scalar(select(func.count()).select_from(Customer).where(
        Customer.deleted_at.is_(None)))
    assert f"register {total}" in out
    out, _ = team.clerk("export", str(branch), "--branch-name", team.branch,
                        "--sheets", "register")
    assert f"register {len(team.mine)}" in out  # the clerk's branch only
    out, _ = team.run("consolidate", str(tmp_path / "hq.xlsx"), str(head), str(branch))
    assert f"Consolidated {total + len(team.mine)} customers" in out
    assert f"{len(team.mine)} customers appear in more than one" in out
    out, _ = team.run("report", str(tmp_path / "r.pdf"), "--no-png")
    pages = int(re.search(r"\((\d+) pages\)", out).group(1))
    assert pages >= 1 and (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    code = team.mine[2]
    team.clerk("person-export", code, str(tmp_path / "p.xlsx"))
    copy = load_workbook(tmp_path / "p.xlsx", read_only=True)
    cells = {str(c) for ws in copy.worksheets for row in ws.iter_rows(values_only=True)
             for c in row if c is not None}
    assert code in cells


def test_retention_and_erasure(team):
    old = team.mine[3:5]
    with team.store.sessions.begin() as s:  # created 2015, nothing since
        ids = [team.id_of(c) for c in old]
        for model in (ContactEvent, Reminder):
            s.execute(model.__table__.delete().where(model.customer_id.in_(ids)))
        from app.models import Purchase
        s.execute(Purchase.__table__.delete().where(Purchase.customer_id.in_(ids)))
        s.execute(update(Customer).where(Customer.id.in_(ids))
                  .values(created_at=datetime(2015, 1, 1)))
    review = json.loads(team.clerk("retention", "review", "--json")[0])
    assert review["count"] == 2
    assert sorted(e["code"] for e in review["expired"]) == sorted(old)
    _, err = team.run("retention", "erase", "--reason", "超过保存期限", "--count", "3",
                      expect=5)
    assert "3" in err
    team.run("retention", "anonymise", "--reason", "超过保存期限", "--count", "2")
    assert json.loads(team.run("retention", "review", "--json")[0])["count"] == 0
    erased = json.loads(team.clerk("erase", team.mine[0], "--reason", "本人要求",
                                   "--json")[0])
    assert erased["customers"] == 1
    assert team.scalar(select(func.count()).select_from(Customer).where(
        Customer.code == team.mine[0])) == 0
    team.run("audit", "verify")


FILE_ONLY = [
    (("init",), "kehu team init"),
    (("check",), "its administrator checks it"),
    (("check", "--full"), "its administrator checks it"),
    (("passwd",), "team administrator"),
    (("backup",), "pg_dump"),
    (("restore", "{tmp}/x.db", "--to", "{tmp}/y.db"), "pg_restore"),
    (("erase", "KH000001", "--reason", "本人要求", "--retake-backups"),
     "leave out --retake-backups"),
]


@pytest.mark.parametrize("args, words", FILE_ONLY, ids=lambda v: " ".join(v)
                         if isinstance(v, tuple) else None)
def test_the_file_only_commands_refuse_a_server_in_words(pg_team_store, tmp_path, capsys,
                                                          args, words):
    set_language("en")
    try:
        with pg_team_store.sessions.begin() as s:
            s.add(Customer(code="KH000001", name="王芳", branch="A"))
        argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
        code = main([*argv, "--db", pg_team_store.url])
        _out, err = capsys.readouterr()
        assert code == 5 and "not on a team server" in err and words in err, err
        assert "Traceback" not in err
        assert list(tmp_path.iterdir()) == []  # nothing written beside
        with pg_team_store.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Customer)) == 1
    finally:
        set_language(None)


def test_a_campaigns_contact_list_and_an_outcome(team, tmp_path):
    """campaign contacts and campaign outcome (create/launch/show have their run in
    test_cli_daily_pg.py): the list holds the branch's target group, the outcome is counted."""
    for code in team.mine:
        team.run("consent", code, "--grant", "marketing_phone")
    team.run("campaign", "create", "网点回访", "--filter", f"branch={team.branch}",
             "--channel", "phone", "--from", "2099-01-01", "--to", "2099-01-31")
    team.run("campaign", "launch", "网点回访")
    out_file = tmp_path / "list.xlsx"
    team.run("campaign", "contacts", "网点回访", str(out_file))
    listed = {str(c) for ws in load_workbook(out_file, read_only=True).worksheets
              for row in ws.iter_rows(values_only=True) for c in row if c is not None}
    shown = json.loads(team.run("campaign", "show", "网点回访", "--json")[0])
    contacted = [c for c in team.mine if c in listed]
    # The list: the target group (the control group is not called), none contacted yet.
    assert contacted and len(contacted) == shown["target_group"]["customers"]
    assert shown["targeted"] == len(team.mine) and shown["contacted"] == 0
    assert not any(c in listed for c in team.others)
    team.run("campaign", "outcome", "网点回访", contacted[0], "interested")
    after = json.loads(team.run("campaign", "show", "网点回访", "--json")[0])
    assert (after["contacted"], after["outcomes"]["interested"]) == (1, 1)
