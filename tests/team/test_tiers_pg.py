"""Tiers on a team server as the logins that run them (issue 21): head office ranks
every branch together; a clerk, whose session sees one branch (row-level security),
does not rank the others away. A merge by a clerk recomputes the kept customer alone
(tiers.single): among the customers the clerk can see it would land where a ranking of
that branch alone puts it, not where head office's run would."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.errors import NotFound
from app.models import Customer, CustomerTier, Purchase
from app.services.duplicates.merge import merge_customers
from app.services.team import roles
from app.services.tiers import service as tiers
from app.services.tiers.single import recompute_customers
from app.store.team_store import TeamStore
from tests.team.helpers import PASSWORD
from tests.tier_helpers import AS_OF as TIER_DAY
from tests.tier_helpers import EXPECTED, make_tier_fixture

AS_OF = date(2026, 6, 1)
STAMP = datetime(2026, 6, 1, 9, 0)
# Branch A buys little, branch B a lot: among A alone an A customer ranks high, among
# everyone low. (days ago, fen) per purchase.
PEOPLE = {
    "A1": ("A", [(40, 1_000), (20, 1_000)]),
    "A2": ("A", [(100, 2_000)]),
    "A3": ("A", [(200, 3_000), (150, 3_000)]),
    "A4": ("A", [(10, 500)]),  # merged into A1 below
    "B1": ("B", [(30, 500_000), (5, 500_000)]),
    "B2": ("B", [(60, 800_000)]),
    "B3": ("B", [(15, 900_000), (12, 900_000), (3, 900_000)]),
    "B4": ("B", [(90, 700_000)]),
}


@pytest.fixture
def team(pg_server, pg_team_store, monkeypatch):
    """(head office's store, a clerk of branch A's store) on the session's team
    database, emptied, with PEOPLE in it and a full run of the tiers by head office."""
    store = pg_team_store
    with store.sessions.begin() as s:
        for n, (code, (branch, purchases)) in enumerate(PEOPLE.items()):
            c = Customer(code=code, name=f"客户{code}", branch=branch, phone=f"1380000{n:04d}")
            s.add(c)
            s.flush()
            s.add_all(Purchase(customer_id=c.id, amount_fen=fen, product="理财",
                               purchased_on=AS_OF - timedelta(days=ago))
                      for ago, fen in purchases)
    database = store.url.split("@/", 1)[1].split("?", 1)[0]
    suffix = uuid.uuid4().hex[:6]  # roles are server-wide
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/kehu-test-pgpass")
    logins = {}
    for role, branch in (("clerk", "A"), ("headoffice", None)):
        name = f"{role}_{suffix}"
        roles.add_user(store.engine, name, role, branch, PASSWORD)
        logins[role] = TeamStore.open(pg_server.tcp_url(database, name))
    with logins["headoffice"].sessions.begin() as s:
        tiers.recompute(s, AS_OF, clock=lambda: STAMP)
    yield logins["headoffice"], logins["clerk"]
    for login in logins.values():
        login.lock()


def _ids(store) -> dict[str, int]:
    with store.sessions() as s:
        return {code: cid for code, cid in s.execute(select(Customer.code, Customer.id))}


def _tiers(store) -> dict[str, tuple]:
    with store.sessions() as s:
        return {code: tuple(row) for code, *row in s.execute(
            select(Customer.code, CustomerTier.value_tier, CustomerTier.lifecycle_stage,
                   CustomerTier.frequency, CustomerTier.monetary_fen, CustomerTier.r_score,
                   CustomerTier.f_score, CustomerTier.m_score, CustomerTier.abc_class)
            .join(CustomerTier, CustomerTier.customer_id == Customer.id))}


def test_head_office_ranks_both_branches_and_a_clerk_sees_its_own(team):
    hq, clerk = team
    everyone = _tiers(hq)
    assert set(everyone) == set(PEOPLE)
    assert {everyone[c][0] for c in ("A1", "A2", "A3", "A4")} <= {"mid", "low"}
    assert everyone["B3"][0] == "vip"
    assert _tiers(clerk) == {c: t for c, t in everyone.items() if c.startswith("A")}
    ids = _ids(hq)
    with clerk.sessions() as s:  # the clerk's summary counts the branch it sees
        assert tiers.summary(s).total == 4
        assert tiers.tier_of(s, ids["A1"]).tier == everyone["A1"][0]
        with pytest.raises(NotFound):  # another branch's customer: not there at all
            tiers.tier_of(s, ids["B3"])


def test_a_clerks_merge_does_not_rank_the_kept_customer_among_its_branch_alone(team):
    """Head office's single refresh ranks the kept customer among everyone; the clerk's
    cannot (it sees branch A's rows only: among those A1's money would score top), so
    it leaves the row to head office's next run rather than store a ranking of branch
    A alone; that run rewrites it."""
    hq, clerk = team
    ids = _ids(hq)
    before = _tiers(hq)
    with clerk.sessions.begin() as s:
        merge_customers(s, "A1", ["A4"], reason="同一人", now=STAMP)
    after_clerk = _tiers(clerk)
    assert "A4" not in after_clerk  # the merged customer's row is gone
    assert after_clerk["A1"] == before["A1"]  # not ranked among branch A alone
    with hq.sessions.begin() as s:  # head office's own refresh ranks it among everyone
        recompute_customers(s, [ids["A1"]], clock=lambda: STAMP)
    ranked = _tiers(hq)["A1"]
    assert ranked[2:4] == (3, 2_500)  # A4's purchase is A1's now
    # M among the seven active buyers: only A2's 2000 fen is below 2500 → 1 + 5 × 1 // 7.
    assert ranked[0] == "mid" and ranked[6] == 1
    with hq.sessions.begin() as s:  # and the next full run agrees
        again = tiers.recompute(s, AS_OF, clock=lambda: STAMP)
    assert _tiers(hq)["A1"] == ranked and again.customers == 7


def test_a_clerks_single_refresh_leaves_the_rows_and_says_so_by_its_count(team):
    """recompute_customers as a clerk: nothing ranked, nothing written but the rows of
    customers no longer active; head office's call on the same customer writes."""
    hq, clerk = team
    ids = _ids(hq)
    with hq.sessions.begin() as s:
        s.add(Purchase(customer_id=ids["A2"], amount_fen=2_000_000, product="理财",
                       purchased_on=AS_OF))
    before = _tiers(hq)
    with clerk.sessions.begin() as s:
        assert recompute_customers(s, [ids["A2"]], clock=lambda: STAMP) == 0
    assert _tiers(hq) == before
    with hq.sessions.begin() as s:
        assert recompute_customers(s, [ids["A2"]], clock=lambda: STAMP) == 1
    assert _tiers(hq)["A2"][:2] == ("high", "repeat")


# --- the CLI, on the encrypted file and on a team database ----------------------------
def _sequence(run, codes: dict[str, str]) -> dict:
    """`tiers recompute` (a day, then the next), `tiers summary`, `tier` per customer:
    what each printed, the run's time left out of `tier --json`."""
    out = {}
    for day in (TIER_DAY, TIER_DAY + timedelta(days=1)):
        out[f"recompute {day}"] = run("tiers", "recompute", "--as-of", day.isoformat())
        out[f"summary {day}"] = json.loads(run("tiers", "summary", "--json"))
        for name, code in codes.items():
            shown = json.loads(run("tier", code, "--json"))
            shown.pop("computed_at")
            out[f"tier {name} {day}"] = shown
    out["words"] = run("tier", codes["乙"])
    return out


def _codes(store, ids: dict[str, int]) -> dict[str, str]:
    with store.sessions() as s:
        return {name: s.get(Customer, cid).code for name, cid in ids.items()}


def test_the_tier_commands_print_the_same_on_both_engines(cli, pg_team_store, capsys):
    """The hand-computed fixture (tests/tier_helpers) through the CLI: on a team
    database as on the file, the first day's tiers are the table's and the next day's
    incremental run reports and stores the same as the file's."""
    from app.cli import main
    from app.security.vault import Vault
    from tests.conftest import CLI_PASSWORD

    def on_file(*args):
        code, printed, err = cli(*args)
        assert code == 0 and "Traceback" not in err, (args, err)
        return printed

    def on_server(*args):
        code = main([*args, "--db", pg_team_store.url])
        printed, err = capsys.readouterr()
        assert code == 0 and "Traceback" not in err, (args, err[-1500:])
        return printed

    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, CLI_PASSWORD) as vault:
        file_codes = _codes(vault, make_tier_fixture(vault))
        file_out = _sequence(on_file, file_codes)
    server_codes = _codes(pg_team_store, make_tier_fixture(pg_team_store))
    server_out = _sequence(on_server, server_codes)
    assert server_codes == file_codes
    for key in file_out:
        assert server_out[key] == file_out[key], key
    first = f"tier {{}} {TIER_DAY}"
    for name, (tier, stage, r, f, m, abc) in EXPECTED.items():
        shown = server_out[first.format(name)]
        assert (shown["tier"], shown["stage"], shown["r_score"], shown["f_score"],
                shown["m_score"], shown["abc"]) == (tier, stage, r, f, m, abc), name
    assert server_out[f"summary {TIER_DAY}"]["tiers"] == {
        "vip": 1, "high": 1, "mid": 2, "low": 1, "potential": 1}
    assert "6 customers" in server_out[f"recompute {TIER_DAY}"] or \
        "6 位客户" in server_out[f"recompute {TIER_DAY}"]
    nxt = server_out[f"tier 乙 {TIER_DAY + timedelta(days=1)}"]
    assert nxt["recency_days"] == 11 and nxt["tier"] == "high"  # a day later
    assert "乙" in server_out["words"]
    with pg_team_store.sessions() as s:  # what it printed is what is stored
        stored = {name: s.get(CustomerTier, cid).value_tier for name, cid in
                  ((n, s.scalar(select(Customer.id).where(Customer.code == c)))
                   for n, c in server_codes.items())}
    assert stored == {n: server_out[f"tier {n} {TIER_DAY + timedelta(days=1)}"]["tier"]
                      for n in server_codes}
