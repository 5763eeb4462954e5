"""The daily computations' commands on a team database (`--db postgresql://…`), as
its administrator, on demo data: tiers, predicted values, points, rewards, coupons,
segments and a campaign, each exiting 0 with no traceback and its result checked
(tests/team/test_engines_agree_pg.py compares the numbers with the encrypted file's)."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.cli import main
from app.models import Customer, CustomerTier


def _run(url: str, capsys, *args: str) -> str:
    code = main([*args, "--db", url])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err, (args, err[-1500:])
    return out


def test_the_daily_commands_run_on_a_team_database(pg_team_store, capsys):
    url = pg_team_store.url
    _run(url, capsys, "demo", "--customers", "150", "--seed", "3")
    _run(url, capsys, "tiers", "recompute")
    summary = _run(url, capsys, "tiers", "summary", "--json")
    assert sum(json.loads(summary)["stages"].values()) == 150
    assert "KH000001" in _run(url, capsys, "tier", "KH000001")
    _run(url, capsys, "points", "run")
    before = json.loads(_run(url, capsys, "points", "KH000001", "--json"))["balance"]
    _run(url, capsys, "points", "adjust", "KH000001", "50", "--reason", "补偿")
    after = json.loads(_run(url, capsys, "points", "KH000001", "--json"))["balance"]
    assert after == before + 50
    _run(url, capsys, "rewards", "add", "毛巾", "--cost", "10", "--stock", "5")
    _run(url, capsys, "redeem", "KH000001", "毛巾")
    assert json.loads(_run(url, capsys, "points", "KH000001", "--json"))["balance"] == \
        after - 10
    _run(url, capsys, "segments", "discover")
    _run(url, capsys, "segments", "save", "重要客户", "--filter", "tier=vip")
    assert "重要客户" in _run(url, capsys, "segments", "list")
    _run(url, capsys, "coupon", "issue", "--segment", "重要客户", "--value", "10",
         "--until", "2099-12-31")
    with pg_team_store.sessions() as s:
        vip = s.scalars(select(Customer.code).join(
            CustomerTier, CustomerTier.customer_id == Customer.id)
            .where(CustomerTier.value_tier == "vip").order_by(Customer.code).limit(3)).all()
    for code in vip:  # the demo's VIPs had not said yes to calls
        _run(url, capsys, "consent", code, "--grant", "marketing_phone")
    _run(url, capsys, "campaign", "create", "年末回访", "--segment", "重要客户",
         "--channel", "phone", "--from", "2099-01-01", "--to", "2099-01-31")
    _run(url, capsys, "campaign", "launch", "年末回访", "--dry-run")
    _run(url, capsys, "campaign", "launch", "年末回访")
    shown = json.loads(_run(url, capsys, "campaign", "show", "年末回访", "--json"))
    assert shown["targeted"] > 0 and shown["contacted"] + shown["control"] <= shown["targeted"]
    _run(url, capsys, "levels", "recompute")
