"""Campaigns: consent and holds exclude (counted with the reason), a seeded control
group is held out, calls are spread under the capacity on working days, SMS lists are
masked unless a reason is given, bad input writes nothing, and the result compares the
target with the control group."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.models import AuditLog, Campaign, CampaignMember, Coupon, Reminder
from app.services.campaigns import evaluate, launch, service
from app.services.privacy import consent, hold
from app.services.segments import service as segments
from app.services.tiers.rules import save_rules
from tests.loyalty.people import buy, customer, tier

START, END = date(2027, 3, 1), date(2027, 3, 12)  # Monday to the Friday after next


def _people(vault, n: int = 10, consenting: int = 8) -> list[int]:
    """n customers in 杭州 (owner 王经理), the first `consenting` agree to phone and SMS
    marketing; the last consenting one is on hold."""
    with vault.sessions.begin() as s:
        ids = [customer(s, f"客户{i}", region="杭州", owner="王经理",
                        phone=f"1391234{i:04d}") for i in range(n)]
        customer(s, "外地", region="宁波")
        for cid in ids[:consenting]:
            consent.record(s, cid, ["marketing_phone", "marketing_sms"], True, channel="paper")
        hold.put(s, ids[consenting - 1], until=date(2030, 1, 1), reason="诉讼保全")
        segments.save(s, "杭州客户", "region=杭州")
    return ids


def _create(vault, channel="phone", **kw) -> None:
    with vault.sessions.begin() as s:
        service.create(s, kw.pop("name", "春季回访"), segment=kw.pop("segment", "杭州客户"),
                       channel=channel, starts_on=START, ends_on=END,
                       control_pct=kw.pop("control_pct", 20), seed=42, **kw)


def _written(vault) -> tuple:
    with vault.sessions() as s:
        return (s.scalar(select(func.count()).select_from(CampaignMember)),
                s.scalar(select(func.count()).select_from(Reminder)),
                s.scalar(select(func.count()).select_from(Coupon)),
                tuple(s.scalars(select(Campaign.launched_at))))


def test_a_launch_excludes_with_the_reason_and_holds_out_a_seeded_control(vault):
    ids = _people(vault)
    _create(vault, coupon_value_fen=2000)
    with vault.sessions.begin() as s:
        result = launch.launch(s, "春季回访", today=START)
    assert result.targeted == 10
    assert result.excluded == {"no_consent": 2, "hold": 1}
    eligible = ids[:7]
    control = set(random.Random(42).sample(eligible, round(7 * 0.20)))
    assert result.control == len(control) == 1 and result.contacted == 6
    with vault.sessions() as s:
        groups = dict(s.execute(select(CampaignMember.customer_id, CampaignMember.group)).all())
        reasons = dict(s.execute(select(CampaignMember.customer_id, CampaignMember.reason)).all())
        assert {c for c, g in groups.items() if g == "control"} == control
        assert reasons[ids[7]] == "hold" and reasons[ids[9]] == "no_consent"
        owners = set(s.scalars(select(Coupon.customer_id)))
    assert owners == set(eligible) - control  # a coupon for each target customer, no other
    with pytest.raises(InvalidInput, match=r"已于|launched already"), vault.sessions.begin() as s:
        launch.launch(s, "春季回访", today=START)


def test_calls_are_spread_under_the_capacity_on_working_days(vault):
    _people(vault, n=12, consenting=12)
    with vault.sessions.begin() as s:
        save_rules(s, {"daily_capacity": 2})
    _create(vault, control_pct=0)
    with vault.sessions.begin() as s:
        result = launch.launch(s, "春季回访", today=START)
    with vault.sessions() as s:
        dues = [r.due_at.date() for r in s.scalars(select(Reminder))]
        owners = set(s.scalars(select(Reminder.owner)))
    assert result.reminders == len(dues) == 11 and result.unscheduled == 0
    per_day = {d: dues.count(d) for d in dues}
    assert max(per_day.values()) <= 2 and all(d.weekday() < 5 for d in dues)
    assert min(dues) >= START and max(dues) <= END and owners == {"王经理"}
    with vault.sessions.begin() as s:  # a tighter campaign: what does not fit is counted
        service.create(s, "短期", segment="杭州客户", channel="visit", starts_on=START,
                       ends_on=START + timedelta(days=1), control_pct=0, seed=1)
        short = launch.launch(s, "短期", today=START)
    assert short.reminders == 0 and short.unscheduled == 11  # the days are full already


def test_an_sms_list_is_masked_unless_a_reason_is_given(vault):
    _people(vault)
    _create(vault, channel="sms", control_pct=0)
    with vault.sessions.begin() as s:
        dry = launch.launch(s, "春季回访", today=START, dry_run=True)
    assert len(dry.contact_list) == 7 and all("*" in r.address for r in dry.contact_list)
    assert _written(vault) == (0, 0, 0, (None,))  # a dry run writes nothing
    assert not any(r.name.startswith("客户") and r.name[2:].isdigit() for r in dry.contact_list)
    with vault.sessions.begin() as s:
        shown = launch.launch(s, "春季回访", today=START, reveal_reason="短信平台发送")
    assert shown.contact_list[0].address.startswith("1391234")
    with vault.sessions() as s:
        detail = s.scalars(select(AuditLog.detail).where(
            AuditLog.action == "campaign.launch")).one()
    assert detail["revealed"] == "短信平台发送" and detail["contact_list"] == 7


def test_bad_campaigns_are_refused_and_write_nothing(vault):
    _people(vault, consenting=0 + 1)  # one consents, and is on hold
    with vault.sessions.begin() as s:
        segments.save(s, "北京客户", "region=北京")
    before = _written(vault)
    for kw in ({"segment": "无此分群"}, {"channel": "fax"}, {"control_pct": 80},
               {"coupon_value_fen": 100, "coupon_percent": 10}):
        channel = kw.pop("channel", "phone")
        with pytest.raises(InvalidInput), vault.sessions.begin() as s:
            service.create(s, "坏活动", segment=kw.pop("segment", "杭州客户"),
                           channel=channel, starts_on=START, ends_on=END, **kw)
    _create(vault, name="空分群", segment="北京客户")
    _create(vault, name="无人同意")
    with pytest.raises(InvalidInput, match=r"没有成员|no members"), vault.sessions.begin() as s:
        launch.launch(s, "空分群", today=START)
    with pytest.raises(InvalidInput) as caught, vault.sessions.begin() as s:
        launch.launch(s, "无人同意", today=START)
    assert "9 位未同意" in caught.value.zh and "1 位处于保留冻结" in caught.value.zh
    assert _written(vault)[:3] == before[:3]
    with vault.sessions() as s:
        assert list(s.scalars(select(Campaign.launched_at))) == [None, None]


def test_the_result_compares_the_target_with_the_control(vault):
    ids = _people(vault, n=10, consenting=10)
    _create(vault, control_pct=50)
    with vault.sessions.begin() as s:
        launch.launch(s, "春季回访", today=START)
        groups = dict(s.execute(select(CampaignMember.customer_id, CampaignMember.group)).all())
    target = [c for c in ids if groups[c] == "target"]
    control = [c for c in ids if groups[c] == "control"]
    assert len(target) == 5 and len(control) == 4  # 9 eligible (one on hold)
    soon = date.today() + timedelta(days=2)
    with vault.sessions.begin() as s:
        for cid in target[:3]:
            buy(s, cid, soon, 300)
        buy(s, control[0], soon, 200)
        buy(s, control[1], date.today() + timedelta(days=90), 999)  # after the window
        tier(s, target[0], "vip")
    with vault.sessions() as s:
        r = evaluate.report(s, "春季回访")
    assert (r.targeted, r.control, r.responded, r.control_responded) == (10, 4, 3, 1)
    assert (r.revenue_after_fen, r.control_revenue_after_fen) == (90000, 20000)
    assert r.lift == pytest.approx((90000 / 5) / (20000 / 4) - 1)
    assert r.response_diff == pytest.approx(3 / 5 - 1 / 4)
    assert r.response_diff_ci[0] < r.response_diff < r.response_diff_ci[1]
    assert r.contacted == 0  # nobody called yet
    assert r.by_tier == {
        "vip": {"target": 1, "responded": 1, "revenue_fen": 30000, "control": 0,
                "control_responded": 0, "control_revenue_fen": 0},
        "": {"target": 4, "responded": 2, "revenue_fen": 60000, "control": 4,
             "control_responded": 1, "control_revenue_fen": 20000}}


def test_the_persons_copy_says_which_campaigns_reached_them(vault):
    from app.reports.person_pdf import pdf_lines
    from app.services.privacy.person_copy import collect
    from app.services.privacy.person_xlsx import build

    ids = _people(vault)
    _create(vault)
    with vault.sessions.begin() as s:
        launch.launch(s, "春季回访", today=START)
    with vault.sessions() as s:
        held, other = collect(s, ids[7]), collect(s, ids[9] + 1)  # ids[9] + 1: 外地
    assert held.campaigns == ("春季回访（电话，2027-03-01 至 2027-03-12）：已排除，处于保留冻结",)
    assert other.campaigns == () and "营销活动" not in build(other).sheetnames
    assert "营销活动" in build(held).sheetnames and "营销活动" in pdf_lines(held)


def test_erasing_a_customer_removes_them_from_campaigns(vault):
    from app.services.privacy.erase import erase

    ids = _people(vault)
    _create(vault)
    with vault.sessions.begin() as s:
        launch.launch(s, "春季回访", today=START)
    with vault.sessions.begin() as s:
        erase(s, ids[0], reason="本人申请")
    with vault.sessions() as s:
        assert ids[0] not in set(s.scalars(select(CampaignMember.customer_id)))
        assert s.scalar(select(func.count()).select_from(CampaignMember)) == 9


def test_cli_create_launch_show(cli):
    assert cli("init")[0] == 0
    assert cli("demo", "--customers", "12")[0] == 0
    code, out, err = cli("campaign", "create", "冬季关怀", "--segment", "无此分群",
                         "--channel", "phone", "--from", "2027-01-04", "--to", "2027-01-29")
    assert code == 5 and "Traceback" not in err
    from app.cli.common import unlock

    with unlock(cli.db) as vault, vault.sessions.begin() as s:
        region = s.connection().exec_driver_sql(
            "SELECT region FROM customer WHERE region IS NOT NULL LIMIT 1").scalar()
        segments.save(s, "同地区", f"region={region}")
        members = [cid for cid, _code in segments.members(s, "同地区")]
        consent.record(s, members[0], ["marketing_sms"], True, channel="paper")
    code, out, err = cli("campaign", "create", "冬季关怀", "--segment", "同地区",
                         "--channel", "sms", "--from", "2027-01-04", "--to", "2027-01-29",
                         "--seed", "7", "--json")
    assert code == 0, err
    assert json.loads(out)["seed"] == 7
    code, out, err = cli("campaign", "launch", "冬季关怀", "--dry-run", "--json")
    assert code == 0, err
    assert json.loads(out)["dry_run"] is True
    code, out, err = cli("campaign", "launch", "冬季关怀", "--json")
    assert code == 0, err
    launched = json.loads(out)
    assert launched["contacted"] + launched["control"] >= 1
    assert all("*" in row["address"] for row in launched["contact_list"])
    code, out, err = cli("campaign", "show", "冬季关怀", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["launched"] is True and shown["targeted"] == len(members)
    code, out, err = cli("campaign", "show", "冬季关怀")
    assert code == 0 and "Traceback" not in err and "冬季关怀" in out
    assert set(shown) >= {"targeted", "excluded", "control", "contacted", "responded",
                          "revenue_after_fen", "control_revenue_after_fen", "lift"}
