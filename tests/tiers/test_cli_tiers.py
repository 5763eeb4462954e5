"""`tiers recompute`, `tiers summary` and `tier CUSTOMER` through app.cli.main."""

from __future__ import annotations

import json

from app.models import CustomerTier
from app.security.vault import Vault
from app.services.customers.service import get_customer
from tests.conftest import CLI_PASSWORD as PW
from tests.daily_helpers import count
from tests.tier_helpers import AS_OF, make_tier_fixture


def _fixture(cli) -> dict[str, int]:
    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, PW) as vault:
        return make_tier_fixture(vault)


def test_recompute_then_summary_and_one_customer(cli):
    ids = _fixture(cli)
    code, out, err = cli("tiers", "summary")
    assert code == 0 and "tiers recompute" in err  # nothing yet: told what to do
    code, out, err = cli("tiers", "recompute", "--as-of", AS_OF.isoformat())
    assert code == 0, err
    assert "6" in out
    with Vault.open_with_password(cli.db, PW) as vault:
        assert count(vault, CustomerTier) == 6
        with vault.sessions() as s:
            code_of_yi = get_customer(s, ids["乙"]).code
    code, out, _ = cli("tiers", "summary", "--json")
    summary = json.loads(out)
    assert summary["tiers"] == {"vip": 1, "high": 1, "mid": 2, "low": 1, "potential": 1}
    assert summary["stages"]["churned"] == 2 and summary["total"] == 6
    code, out, _ = cli("tier", code_of_yi, "--json")
    data = json.loads(out)
    assert (data["tier"], data["stage"], data["abc"]) == ("high", "repeat", "B")
    assert (data["r_score"], data["f_score"], data["m_score"]) == (4, 4, 3)
    assert (data["recency_days"], data["frequency"], data["monetary"]) == (10, 3, 15000)
    assert data["first_purchase"] == "2025-11-13" and data["churn_risk"] == 0.0
    assert data["reason"]
    code, out, _ = cli("tier", code_of_yi, env={"KEHU_LANG": "zh_CN"})
    assert code == 0 and "高价值" in out and "复购" in out


def test_bad_date_and_unknown_customer_exit_5(cli):
    _fixture(cli)
    code, _, err = cli("tiers", "recompute", "--as-of", "2026-13-40")
    assert code == 5 and "--as-of" in err
    code, _, err = cli("tier", "NOPE-1")
    assert code == 5 and "NOPE-1" in err
