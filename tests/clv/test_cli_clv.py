"""`clv fit`, `clv CUSTOMER`, `clv top` through app.cli.main: JSON shapes, usage."""

from __future__ import annotations

import json

import pytest

from app.security.vault import Vault
from app.services.customers.service import get_customer
from tests.clv.cdnow import CALIBRATION_END, plant
from tests.conftest import CLI_PASSWORD as PW


def _planted(cli, n=60) -> dict[int, str]:
    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, PW) as vault:
        ids = plant(vault, n)
        with vault.sessions() as s:
            return {k: get_customer(s, v).code for k, v in ids.items()}


def test_fit_customer_and_top_json(cli):
    codes = _planted(cli)
    code, out, err = cli("clv", "fit", "--as-of", CALIBRATION_END.isoformat(), "--json")
    assert code == 0, err
    fit = json.loads(out)
    assert set(fit) == {"time_unit", "r", "alpha", "a", "b", "p", "q", "gamma",
                        "log_likelihood", "customers", "as_of"}
    assert fit["time_unit"] == "week" and fit["customers"] == 60
    assert fit["as_of"] == "1997-09-30" and fit["log_likelihood"] < 0
    code, out, err = cli("clv", codes[1], "--json")
    assert code == 0, err
    one = json.loads(out)
    assert set(one) == {"p_alive", "expected_purchases", "expected_spend_fen", "clv_fen",
                        "horizon_days", "reason"}
    assert one["horizon_days"] == 90 and 0 < one["p_alive"] <= 1
    assert isinstance(one["clv_fen"], int) and "90 days" in one["reason"]
    code, out, _ = cli("clv", codes[1], "--horizon-days", "180", "--json")
    assert json.loads(out)["horizon_days"] == 180
    assert json.loads(out)["expected_purchases"] > one["expected_purchases"]
    code, out, _ = cli("clv", "top", "--limit", "3", "--json")
    top = json.loads(out)
    assert len(top) == 3 and top[0]["clv_fen"] >= top[1]["clv_fen"] >= top[2]["clv_fen"]
    assert {"code", "name", "clv_fen", "reason"} <= set(top[0])
    code, out, _ = cli("clv", "top")
    assert code == 0 and "As of 1997-09-30" in out
    code, out, _ = cli("clv", codes[1])
    assert code == 0 and out.startswith("Expected to buy")


def test_usage_and_bad_input(cli, capsys):
    codes = _planted(cli, 20)
    for args, word in ((("fit", "--limit", "3"), "--limit"),
                       (("top", "--horizon-days", "30"), "--horizon-days")):
        with pytest.raises(SystemExit) as exit_:  # argparse's usage error, status 2
            cli("clv", *args)
        assert exit_.value.code == 2 and word in capsys.readouterr().err
    code, _, err = cli("clv", codes[1])
    assert code == 5 and "clv fit" in err  # nothing computed yet: told what to do
    code, _, err = cli("clv", "fit", "--as-of", CALIBRATION_END.isoformat())
    assert code == 5 and "at least 30 customers" in err and "there are 20" in err
    code, _, err = cli("clv", "KH999999")
    assert code == 5 and "KH999999" in err
