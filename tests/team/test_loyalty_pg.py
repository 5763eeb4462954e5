"""Points, coupons, rewards and campaigns on a team database run by a branch's login
(issue 21): row-level security keeps a clerk to their branch, and their runs must
neither fail nor spoil head office's. A clerk's daily points run earns, takes back and
expires for their branch only and leaves no marks: with marks read through row
security (the branch's highest purchase id), head office's next run skipped the other
branches' purchases below it. The ledger and the levels after the clerk's and head
office's runs are the encrypted file's after head office's alone, on the same demo
customers (tests/team/test_engines_agree_pg.py compares the administrator's runs)."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.cli import main
from app.models import (
    CampaignMember,
    Coupon,
    Customer,
    LevelChange,
    LoyaltyRun,
    MemberLevel,
    PointsEntry,
    Purchase,
)
from app.services.demo.generator import generate_demo_data
from app.services.loyalty import daily
from app.services.privacy import consent
from app.services.team import roles
from app.services.tiers import service as tiers
from app.store.team_store import TeamStore
from tests.team.helpers import PASSWORD

TODAY = date(2026, 11, 20)
AT = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=9)


def _clock(day: date):
    return lambda: datetime.combine(day, AT.time())


def _fill(store) -> None:
    """Demo customers, their tiers, and a refund in each of the two biggest branches."""
    generate_demo_data(store.sessions, 60, seed=5, today=TODAY)
    with store.sessions.begin() as s:
        tiers.recompute(s, TODAY, clock=lambda: AT)
        for branch in _branches(s)[:2]:
            cid = s.scalar(select(Customer.id).where(Customer.branch == branch)
                           .order_by(Customer.id).limit(1))
            s.add(Purchase(customer_id=cid, amount_fen=-20_000, purchased_on=TODAY))


def _branches(session) -> list[str]:
    """Branches, the most customers first."""
    return list(session.scalars(select(Customer.branch).group_by(Customer.branch)
                                .order_by(func.count().desc(), Customer.branch)))


def _next_day(store) -> None:
    """A purchase for every third customer the next day."""
    with store.sessions.begin() as s:
        ids = s.scalars(select(Customer.id).order_by(Customer.id)).all()
        s.add_all(Purchase(customer_id=cid, amount_fen=12_345 + cid, purchased_on=TODAY
                           + timedelta(days=1)) for cid in ids[::3])


def _state(session) -> dict:
    def by_code(model, *columns, order=()):
        return [tuple(r) for r in session.execute(select(Customer.code, *columns).join(
            Customer, Customer.id == model.customer_id).order_by(Customer.code, *order))]

    return {
        "ledger": sorted(by_code(PointsEntry, PointsEntry.kind, PointsEntry.points,
                                 PointsEntry.day, PointsEntry.expires_on, PointsEntry.reason)),
        "levels": by_code(MemberLevel, MemberLevel.level, MemberLevel.points_12m),
        "changes": sorted(by_code(LevelChange, LevelChange.old_level, LevelChange.new_level,
                                  LevelChange.reason)),
    }


def _summary(result: daily.RunSummary) -> tuple:
    return (result.earned, result.reversed, result.points, result.expired)


@pytest.fixture
def clerk_url(pg_server, pg_team_store, monkeypatch):
    """A clerk of the team database's biggest branch (filled first): their TCP URL."""
    _fill(pg_team_store)
    with pg_team_store.sessions() as s:
        branch = _branches(s)[0]
    name = f"clerk_{uuid.uuid4().hex[:6]}"
    roles.add_user(pg_team_store.engine, name, "clerk", branch, PASSWORD)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/kehu-test-pgpass")
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    database = pg_team_store.url.split("@/", 1)[1].split("?", 1)[0]
    url = pg_server.tcp_url(database, name)
    url_branch = branch
    yield url, url_branch


def test_a_clerks_points_runs_leave_head_offices_run_whole(vault, pg_team_store, clerk_url):
    url, branch = clerk_url
    _fill(vault)  # the encrypted file: head office's runs only
    with vault.sessions.begin() as s:
        alone = [_summary(daily.run(s, TODAY, clock=_clock(TODAY)))]
    _next_day(vault)
    with vault.sessions.begin() as s:
        alone.append(_summary(daily.run(s, TODAY + timedelta(days=1),
                                        clock=_clock(TODAY + timedelta(days=1)))))
    with vault.sessions() as s:
        on_file = _state(s)
    assert alone[0][0] > 20 and alone[0][1] == 2 and alone[0][3] > 0  # earned, refunds, expiry
    assert alone[1][0] == 20 and on_file["levels"]

    clerk = TeamStore.open(url)
    try:
        with clerk.sessions.begin() as s:
            first = daily.run(s, TODAY, clock=_clock(TODAY))
        with pg_team_store.sessions() as s:  # the clerk's branch only, and no marks
            touched = set(s.scalars(select(Customer.branch).join(
                PointsEntry, PointsEntry.customer_id == Customer.id)))
            assert touched == {branch}
            assert s.scalar(select(func.count()).select_from(LoyaltyRun)) == 0
        assert first.earned > 0 and first.reversed == 1
        with pg_team_store.sessions.begin() as s:
            hq = daily.run(s, TODAY, clock=_clock(TODAY))
        # Between them, what head office's run alone did on the file.
        assert first.earned + hq.earned == alone[0][0]
        assert first.reversed + hq.reversed == alone[0][1]
        assert first.points + hq.points == alone[0][2]
        _next_day(pg_team_store)
        day2 = TODAY + timedelta(days=1)
        with clerk.sessions.begin() as s:
            second = daily.run(s, day2, clock=_clock(day2))
        with clerk.sessions.begin() as s:  # again: nothing more
            assert _summary(daily.run(s, day2, clock=_clock(day2))) == (0, 0, 0, 0)
        with pg_team_store.sessions.begin() as s:
            hq2 = daily.run(s, day2, clock=_clock(day2))
        with pg_team_store.sessions.begin() as s:  # and head office's again: nothing
            assert _summary(daily.run(s, day2, clock=_clock(day2))) == (0, 0, 0, 0)
    finally:
        clerk.lock()
    assert 0 < second.earned < 20 and second.earned + hq2.earned == 20
    with pg_team_store.sessions() as s:
        on_server = _state(s)
    for key in ("ledger", "levels", "changes"):
        assert on_server[key] == on_file[key], key


def _cli(url: str, capsys, *args: str) -> str:
    code = main([*args, "--db", url])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err, (args, err[-1500:])
    return out


def test_a_clerk_runs_points_coupons_and_a_campaign_from_the_cli(pg_team_store, clerk_url,
                                                                   capsys, tmp_path):
    url, branch = clerk_url
    admin = pg_team_store.url
    with pg_team_store.sessions.begin() as s:  # everyone may be called
        ids = s.scalars(select(Customer.id)).all()
        for cid in ids:
            consent.record(s, cid, ["marketing_phone"], True, channel="paper")
        phones = [p for p in s.scalars(select(Customer.phone)) if p]
        mine = s.scalars(select(Customer.code).where(Customer.branch == branch)
                         .order_by(Customer.code)).all()
        other = s.scalar(select(Customer.code).where(Customer.branch != branch)
                         .order_by(Customer.code).limit(1))
    _cli(admin, capsys, "rewards", "add", "毛巾", "--cost", "10", "--stock", "5")
    _cli(admin, capsys, "segments", "save", "老客户", "--filter", "last_purchase>=2000-01-01")
    run = json.loads(_cli(url, capsys, "points", "run", "--json"))
    assert run["earned"] > 0
    code = mine[0]
    balance = json.loads(_cli(url, capsys, "points", code, "--json"))["balance"]
    assert balance > 0
    _cli(url, capsys, "points", "adjust", code, "50", "--reason", "补偿")
    done = json.loads(_cli(url, capsys, "redeem", code, "毛巾", "--json"))
    assert done["balance"] == balance + 50 - 10
    # Another branch's customer is not the clerk's to see.
    assert main(["points", other, "--db", url]) != 0
    assert "Traceback" not in capsys.readouterr().err
    issued = json.loads(_cli(url, capsys, "coupon", "issue", "--segment", "老客户",
                             "--value", "10", "--from", "2020-01-01", "--until", "2099-12-31",
                             "--json"))
    with pg_team_store.sessions() as s:
        owners = s.execute(select(Coupon.code, Customer.branch, Customer.id).join(
            Customer, Customer.id == Coupon.customer_id)).all()
        purchase = s.scalar(select(Purchase.id).where(Purchase.customer_id == owners[0][2])
                            .order_by(Purchase.id.desc()).limit(1))
    assert issued["issued"] == len(owners) > 0 and {b for _c, b, _i in owners} == {branch}
    used = json.loads(_cli(url, capsys, "coupon", "use", owners[0][0], "--purchase",
                           str(purchase), "--json"))
    assert used["purchase_id"] == purchase
    assert main(["coupon", "use", owners[0][0], "--purchase", str(purchase), "--db", url]) == 5
    err = capsys.readouterr().err
    assert owners[0][0] in err and "Traceback" not in err  # used already: said, not raised
    _cli(url, capsys, "levels", "recompute")
    _cli(url, capsys, "campaign", "create", "年末回访", "--segment", "老客户", "--channel",
         "phone", "--from", "2099-01-01", "--to", "2099-01-31", "--control", "20")
    dry = json.loads(_cli(url, capsys, "campaign", "launch", "年末回访", "--dry-run",
                          "--json"))
    launched = json.loads(_cli(url, capsys, "campaign", "launch", "年末回访", "--json"))
    assert launched["targeted"] == dry["targeted"] > 0
    with pg_team_store.sessions() as s:  # the branch's customers only
        members = s.execute(select(Customer.code, Customer.branch, CampaignMember.grp).join(
            Customer, Customer.id == CampaignMember.customer_id)).all()
    assert {b for _c, b, _g in members} == {branch}
    target = sorted(c for c, _b, g in members if g == "target")
    assert len(target) == launched["contacted"] > 0
    _cli(url, capsys, "campaign", "contacts", "年末回访", str(tmp_path / "名单.xlsx"))
    sheet = load_workbook(tmp_path / "名单.xlsx").worksheets[0]
    listed = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert [code for code in target if code in listed] == target  # every target, masked
    assert not any(p in "".join(listed) for p in phones)
    _cli(url, capsys, "campaign", "outcome", "年末回访", target[0], "interested")
    shown = json.loads(_cli(url, capsys, "campaign", "show", "年末回访", "--json"))
    # Contacted: an outcome recorded (or a completed call); one so far.
    assert shown["targeted"] == launched["targeted"]
    assert (shown["contacted"], shown["responded"], shown["control"]) == \
        (1, 1, launched["control"])
    # Head office's run afterwards earns every other branch's purchases.
    hq = json.loads(_cli(admin, capsys, "points", "run", "--json"))
    with pg_team_store.sessions() as s:
        unearned = s.scalar(select(func.count()).select_from(Purchase).where(
            Purchase.amount_fen > 0, ~select(PointsEntry.id).where(
                PointsEntry.purchase_id == Purchase.id).exists()))
    assert hq["earned"] > 0 and unearned == 0


def test_a_purchase_committed_after_a_run_below_its_mark_is_earned_by_the_next(
        pg_team_store):
    """PostgreSQL draws an id at insert: a purchase inserted before a run and committed
    after it lies below that run's mark, and the next run still earns it (once)."""
    from sqlalchemy.orm import Session

    from tests.team.helpers import add_customers

    people = add_customers(pg_team_store.engine)
    with pg_team_store.sessions.begin() as s:
        assert daily.run(s, TODAY, clock=_clock(TODAY)).earned == 2
    with Session(pg_team_store.engine) as late:
        late.begin()
        slow = Purchase(customer_id=people["A001"], amount_fen=50_000, purchased_on=TODAY)
        late.add(slow)
        late.flush()  # its id drawn, not yet committed
        with pg_team_store.sessions.begin() as s:
            quick = Purchase(customer_id=people["B001"], amount_fen=30_000, purchased_on=TODAY)
            s.add(quick)
            s.flush()
            assert quick.id > slow.id
        with pg_team_store.sessions.begin() as s:  # sees the quick one, marks past both
            assert daily.run(s, TODAY, clock=_clock(TODAY)).earned == 1
        late.commit()
        slow_id = slow.id
    day2 = TODAY + timedelta(days=1)
    with pg_team_store.sessions.begin() as s:
        assert daily.run(s, day2, clock=_clock(day2)).earned == 1
    with pg_team_store.sessions.begin() as s:
        assert _summary(daily.run(s, day2, clock=_clock(day2))) == (0, 0, 0, 0)
    with pg_team_store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(PointsEntry).where(
            PointsEntry.purchase_id == slow_id)) == 1
