"""The loyalty commands: JSON out, Chinese or English words, refusals on stderr with
exit code 5 and nothing written."""

from __future__ import annotations

import json

from app.i18n import set_language


def _cli_file(cli) -> None:
    assert cli("init")[0] == 0
    assert cli("demo", "--customers", "8")[0] == 0


def test_points_run_show_adjust_and_redeem(cli):
    _cli_file(cli)
    code, out, err = cli("points", "run", "--json")
    assert code == 0, err
    run = json.loads(out)
    assert run["earned"] > 0
    again = json.loads(cli("points", "run", "--json")[1])
    assert again["earned"] == 0 and again["points"] == 0
    code, out, err = cli("points", "KH000001", "--json")
    assert code == 0, err
    shown = json.loads(out)
    balance = shown["balance"]
    assert shown["customer"] == "KH000001" and shown["level"] in ("普卡", "银卡", "金卡", "钻石卡")
    assert balance == sum(e["points"] for e in shown["ledger"])
    code, out, err = cli("points", "adjust", "KH000001", "500", "--reason", "开户礼", "--json")
    assert code == 0, err
    assert json.loads(out)["balance"] == balance + 500
    code, out, err = cli("rewards", "add", "保温杯", "--cost", "300", "--stock", "1")
    assert code == 0, err
    code, out, err = cli("rewards", "--json")
    assert [r["name"] for r in json.loads(out)] == ["保温杯"]
    code, out, err = cli("redeem", "KH000001", "保温杯", "--json")
    assert code == 0, err
    done = json.loads(out)
    assert done["balance"] == balance + 200 and done["stock_left"] == 0
    code, out, err = cli("redeem", "KH000001", "保温杯")
    assert code == 5 and "Traceback" not in err and ("保温杯" in err)
    code, out, err = cli("points", "adjust", "KH000001", "-99999999", "--reason", "x")
    assert code == 5 and ("99,999,999" in err), err
    code, out, err = cli("points", "adjust", "KH000001", "10")
    assert code == 5 and "--reason" in err
    after = json.loads(cli("points", "KH000001", "--json")[1])
    assert after["balance"] == balance + 200 and len(after["ledger"]) == len(shown["ledger"]) + 2


def test_coupons_to_a_segment_and_levels_recompute(cli):
    _cli_file(cli)
    code, out, err = cli("coupon", "issue", "--segment", "无此分群", "--value", "20",
                         "--until", "2099-12-31")
    assert code == 5 and "Traceback" not in err
    code, out, err = cli("levels", "recompute", "--json")
    assert code == 0, err
    counts = json.loads(out)["levels"]
    assert sum(counts.values()) == 8 and list(counts) == ["普卡", "银卡", "金卡", "钻石卡"]


def test_a_coupon_used_twice_is_refused_with_the_reason(cli):
    _cli_file(cli)
    from app.cli.common import unlock
    from app.services.loyalty import coupons
    from app.services.segments import service as segments

    set_language("zh")
    with unlock(cli.db) as vault, vault.sessions.begin() as s:
        pid, cid, region = s.connection().exec_driver_sql(
            "SELECT p.id, c.id, c.region FROM purchase p JOIN customer c ON c.id = "
            "p.customer_id WHERE c.region IS NOT NULL ORDER BY p.id LIMIT 1").one()
        segments.save(s, "同地区", f"region={region}")
    code, out, err = cli("coupon", "issue", "--segment", "同地区", "--percent", "10",
                         "--from", "2000-01-01", "--until", "2099-12-31", "--json")
    assert code == 0, err
    issued = json.loads(out)
    assert issued["issued"] >= 1
    with unlock(cli.db) as vault, vault.sessions() as s:
        mine = coupons.of_customer(s, cid)[0].code
    code, out, err = cli("coupon", "use", mine, "--purchase", str(pid))
    assert code == 0, err
    code, out, err = cli("coupon", "use", mine, "--purchase", str(pid))
    assert code == 5 and "已于" in err and "使用过" in err, err
