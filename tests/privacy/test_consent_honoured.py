"""Where consent decides who is contacted: a win-back call is marketing by phone, an
export can be limited to the customers who consent to a purpose now. Whoever withdrew is
left out, and the count of those left out is said with the reason."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from app.errors import InvalidInput
from app.models.base import now
from app.services.exports.rows import ExportFilter
from app.services.exports.service import ExportOptions, export
from app.services.privacy import consent
from app.services.revisits.planner import preview_plan
from tests.revisits.test_revisit_planner import CLOCK, add_customer, rules, set_tier


def test_no_win_back_call_to_whoever_withdrew_phone_marketing(session):
    s = session
    asked, withdrew, sms_only = (add_customer(s, n) for n in ("愿意", "撤回", "只撤短信"))
    for cid in (asked, withdrew, sms_only):
        set_tier(s, cid, "mid", date(2026, 3, 1), stage="at_risk")
    consent.record(s, withdrew, ["marketing_phone"], False, channel="phone")
    consent.record(s, sms_only, ["marketing_sms"], False, channel="sms")
    plan = preview_plan(s, date(2026, 9, 1), 30, rules(), clock=lambda: CLOCK)
    calls = {p.customer_id for p in plan.items if p.kind == "win_back"}
    assert calls == {asked, sms_only}
    assert plan.no_consent == {"win_back": 1} and plan.to_json()["no_consent"] == {
        "win_back": 1}
    # Revisits are service, not marketing: still planned for everyone.
    assert plan.counts()["win_back"] == 2


def _names(path) -> set[str]:
    ws = load_workbook(path, read_only=True)["客户名册"]
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if "客户名称" in r)
    col = rows[header].index("客户名称")
    return {r[col] for r in rows[header + 1:] if r[col]}


def test_an_export_for_an_sms_campaign_leaves_out_who_has_not_agreed(vault, tmp_path):
    with vault.sessions.begin() as s:
        agreed, withdrew, _never = (add_customer(s, n) for n in ("同意", "撤回", "未问"))
        consent.record(s, agreed, ["marketing_sms"], True, channel="paper")
        consent.record(s, withdrew, ["marketing_sms"], True, channel="paper")
        consent.record(s, withdrew, ["marketing_sms"], False, channel="sms")
    options = ExportOptions(sheets=("register",), flt=ExportFilter(consent="marketing_sms"))
    with vault.sessions() as s:
        result = export(s, tmp_path / "sms.xlsx", options, now=now())
    assert _names(tmp_path / "sms.xlsx") == {"同意"}
    assert result.no_consent == 2 and result.rows == {"register": 1}


def test_an_unknown_purpose_writes_no_file(vault, tmp_path):
    options = ExportOptions(sheets=("register",), flt=ExportFilter(consent="fax"))
    with pytest.raises(InvalidInput), vault.sessions() as s:
        export(s, tmp_path / "x.xlsx", options, now=now())
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_export_says_how_many_were_left_out(cli, tmp_path):
    assert cli("init")[0] == 0 and cli("demo", "--customers", "30")[0] == 0
    assert cli("consent", "KH000002", "--withdraw", "marketing")[0] == 0
    code, out, err = cli("consent", "KH000003", "--grant", "marketing_wechat", "--json")
    assert json.loads(out)["current"]["marketing_wechat"] is True
    code, out, err = cli("export", str(tmp_path / "w.xlsx"), "--sheets", "register",
                         "--consent", "marketing_wechat")
    assert code == 0, err
    assert "未同意微信营销" in out or "no consent to marketing by WeChat" in out
    assert "KH000003" not in out and "Traceback" not in err
