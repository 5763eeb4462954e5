"""Campaigns against a real encrypted file: consent per channel, holds, the control
group drawn with the recorded seed, call reminders under the daily capacity on working
days, outcomes from the agenda, the evaluation against the control group, the CLI,
and bad input that writes nothing."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.models import Campaign, CampaignMember, Purchase, Reminder
from app.models.enums import ReminderKind
from app.services.campaigns import define, evaluate, launch, outcome
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.daily.reminders import complete_reminder
from app.services.privacy import consent, hold
from app.services.revisits.work_calendar import is_working_day
from app.services.segments import service as segments


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

TODAY = date(2026, 12, 7)  # a Monday
NOW = datetime(2026, 12, 7, 9, 0)


def _people(vault, n=60, owner="王经理") -> list[int]:
    """n customers in Hangzhou; every 10th withdrew SMS/phone marketing, every 7th was
    never asked, one is on hold; all others consent to phone and SMS marketing."""
    ids = []
    with vault.sessions.begin() as s:
        for i in range(n):
            c = create_customer(s, CustomerInput(name=f"客户{i:03d}", phone=f"139{i:08d}",
                                                 owner=owner, region="西湖区"))
            ids.append(c.id)
            if i % 7 == 3:
                continue  # never asked
            consent.record(s, c.id, ["marketing_phone", "marketing_sms"], True,
                           channel="paper", at=datetime.now() - timedelta(days=30))
            if i % 10 == 5:
                consent.record(s, c.id, ["marketing_phone", "marketing_sms"], False,
                               channel="phone", at=datetime.now() - timedelta(days=2))
        hold.put(s, ids[1], until=TODAY + timedelta(days=90), reason="诉讼保全", today=TODAY)
        segments.save(s, "西湖客户", "region=西湖区")
    return ids


def _expected_exclusions(n=60) -> dict[str, int]:
    out = {"hold": 1, "withdrawn": 0, "no_consent": 0}
    for i in range(n):
        if i == 1:
            continue
        if i % 10 == 5 and i % 7 != 3:
            out["withdrawn"] += 1
        elif i % 7 == 3:
            out["no_consent"] += 1
    return out


def _create(s, name="冬季回馈", channel="phone", **kw):
    return define.create(s, name, segment="西湖客户", channel=channel, starts_on=TODAY,
                         ends_on=TODAY + timedelta(days=13), seed=42, **kw)


def test_launch_excludes_by_consent_and_hold_and_holds_out_a_control_group(vault):
    ids = _people(vault)
    with vault.sessions.begin() as s:
        _create(s, control_pct=20)
        result = launch.launch(s, "冬季回馈", today=TODAY, clock=lambda: NOW)
    expected = _expected_exclusions()
    assert result.excluded == {k: v for k, v in expected.items() if v}
    eligible = 60 - sum(expected.values())
    assert result.control == round(eligible * 0.2)
    assert result.contacted == eligible - result.control == result.reminders
    with vault.sessions() as s:
        groups = dict(s.execute(select(CampaignMember.grp, func.count())
                                .group_by(CampaignMember.grp)).all())
        assert groups == {"target": result.contacted, "control": result.control,
                          "excluded": sum(expected.values())}
        withdrawn = consent.withdrawn_ids(s, "marketing_phone")
        called = set(s.scalars(select(Reminder.customer_id).where(
            Reminder.kind == ReminderKind.CAMPAIGN)))
        control = set(s.scalars(select(CampaignMember.customer_id).where(
            CampaignMember.grp == "control")))
        assert not called & withdrawn and ids[1] not in called and not called & control
    # the same seed draws the same control group
    eligible_ids = sorted(called | control)
    assert launch.draw_control(eligible_ids, 20, 42) == control


def test_calls_are_spread_over_working_days_under_the_daily_capacity(vault):
    _people(vault, n=80)
    with vault.sessions.begin() as s:
        from app.services.tiers.rules import active_rules, save_rules

        save_rules(s, {**active_rules(s).body, "daily_capacity": 5})
        _create(s, control_pct=0)
        result = launch.launch(s, "冬季回馈", today=TODAY, clock=lambda: NOW)
    with vault.sessions() as s:
        per_day = s.execute(select(func.date(Reminder.due_at), func.count())
                            .where(Reminder.kind == ReminderKind.CAMPAIGN)
                            .group_by(func.date(Reminder.due_at))).all()
    assert per_day and all(n <= 5 for _d, n in per_day)
    assert all(is_working_day(date.fromisoformat(str(d))) for d, _n in per_day)
    assert result.reminders == sum(n for _d, n in per_day)
    assert result.unscheduled == result.contacted - result.reminders > 0  # 10 days × 5


def test_outcomes_from_the_agenda_and_the_lift_against_the_control_group(vault):
    _people(vault)
    with vault.sessions.begin() as s:
        _create(s, control_pct=30)
        launch.launch(s, "冬季回馈", today=TODAY, clock=lambda: NOW)
    with vault.sessions.begin() as s:
        members = s.execute(select(CampaignMember.customer_id, CampaignMember.grp,
                                   CampaignMember.reminder_id)
                            .where(CampaignMember.grp != "excluded")).all()
        targets = [m for m in members if m.grp == "target"]
        controls = [m for m in members if m.grp == "control"]
        # half the target group bought ¥100 after the call, one control customer did
        for m in targets[: len(targets) // 2]:
            s.add(Purchase(customer_id=m.customer_id, purchased_on=TODAY + timedelta(days=3),
                           amount_fen=10000))
        s.add(Purchase(customer_id=controls[0].customer_id,
                       purchased_on=TODAY + timedelta(days=5), amount_fen=10000))
        s.add(Purchase(customer_id=controls[1].customer_id,  # before the launch: not counted
                       purchased_on=TODAY - timedelta(days=5), amount_fen=10000))
        first, second = targets[0], targets[1]
        complete_reminder(s, first.reminder_id, outcome="有意向", purpose="sale",
                          now=NOW + timedelta(days=1))
        complete_reminder(s, second.reminder_id, outcome="未接通", purpose="sale",
                          now=NOW + timedelta(days=1))
    with vault.sessions.begin() as s:
        ev = evaluate.evaluate(s, "冬季回馈", today=TODAY + timedelta(days=10))
    nt, nc = len(targets), len(controls)
    assert ev.target.customers == nt and ev.control.customers == nc
    assert ev.target.buyers == nt // 2 and ev.control.buyers == 1
    assert ev.target.revenue_fen == 10000 * (nt // 2) and ev.control.revenue_fen == 10000
    assert ev.contacted == 2 and ev.responded == 1
    assert ev.outcomes["interested"] == 1 and ev.outcomes["unreachable"] == 1
    pt, pc = (nt // 2) / nt, 1 / nc
    assert ev.lift.difference == pytest.approx(pt - pc)
    import math

    se = math.sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc)
    assert ev.lift.low == pytest.approx(pt - pc - 1.959964 * se)
    assert ev.lift.high == pytest.approx(pt - pc + 1.959964 * se)
    assert set(ev.per_tier) == {"none"}
    j = ev.to_json()
    assert j["excluded_by_consent"] == _expected_exclusions()["withdrawn"] + \
        _expected_exclusions()["no_consent"]


def test_an_sms_list_never_holds_whoever_withdrew_and_is_masked(vault, tmp_path):
    _people(vault)
    with vault.sessions.begin() as s:
        _create(s, name="短信通知", channel="sms")
        launch.launch(s, "短信通知", today=TODAY, clock=lambda: NOW)
        assert s.scalar(select(func.count()).select_from(Reminder)) == 0  # no calls
    path = tmp_path / "sms.xlsx"
    with vault.sessions() as s:
        rows = launch.write_list(s, "短信通知", path)
        withdrawn = consent.withdrawn_ids(s, "marketing_sms")
        from app.models import Customer

        phones_withdrawn = set(s.scalars(select(Customer.phone).where(
            Customer.id.in_(withdrawn))))
    cells = [c for row in load_workbook(path).active.iter_rows(values_only=True) for c in row]
    assert rows == len(load_workbook(path).active["A"]) - 1 > 0
    assert all("*" in str(c) for c in cells if str(c).startswith("139"))  # masked
    masked_withdrawn = {p[:3] + "****" + p[-4:] for p in phones_withdrawn}
    listed = {c for c in cells if isinstance(c, str) and c.startswith("139")}
    assert not listed & masked_withdrawn
    with vault.sessions() as s, pytest.raises(InvalidInput, match=r"reason|原因"):
        launch.write_list(s, "短信通知", tmp_path / "x.xlsx", masked=False)
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("kw, words", [
    ({"segment": "没有这个分群"}, "没有这个分群"),
    ({"channel": "fax"}, "fax"),
    ({"control_pct": 80}, "80"),
    ({"ends_on": TODAY - timedelta(days=1)}, "before|早于"),
])
def test_bad_definitions_are_refused_and_nothing_written(vault, kw, words):
    _people(vault, n=3)
    args = {"segment": "西湖客户", "channel": "phone", "starts_on": TODAY,
            "ends_on": TODAY + timedelta(days=5), **kw}
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=words):
        define.create(s, "坏活动", **args)
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0


def test_an_empty_segment_or_nobody_consenting_launches_nothing(vault):
    with vault.sessions.begin() as s:
        segments.save(s, "空分群", "region=火星")
        define.create(s, "空", segment="空分群", channel="phone", starts_on=TODAY,
                      ends_on=TODAY + timedelta(days=5))
        c = create_customer(s, CustomerInput(name="孤", phone="13800000001", region="月球"))
        segments.save(s, "月球", "region=月球")
        define.create(s, "无同意", segment="月球", channel="sms", starts_on=TODAY,
                      ends_on=TODAY + timedelta(days=5))
        assert c.id
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"no customers|没有客户"):
        launch.launch(s, "空", today=TODAY)
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"未同意|never"):
        launch.launch(s, "无同意", today=TODAY)
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CampaignMember)) == 0
        assert all(c.launched_at is None for c in s.scalars(select(Campaign)))


def test_a_dry_run_writes_nothing_and_a_second_launch_is_refused(vault):
    _people(vault)
    with vault.sessions.begin() as s:
        _create(s)
        dry = launch.launch(s, "冬季回馈", dry_run=True, today=TODAY, clock=lambda: NOW)
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CampaignMember)) == 0
        assert s.scalar(select(func.count()).select_from(Reminder)) == 0
    with vault.sessions.begin() as s:
        real = launch.launch(s, "冬季回馈", today=TODAY, clock=lambda: NOW)
    assert (dry.contacted, dry.control, dry.excluded) == (real.contacted, real.control,
                                                          real.excluded)
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"launched|已于"):
        launch.launch(s, "冬季回馈", today=TODAY)


def test_an_unknown_outcome_or_a_control_customer_is_refused(vault):
    _people(vault)
    with vault.sessions.begin() as s:
        _create(s, control_pct=30)
        launch.launch(s, "冬季回馈", today=TODAY, clock=lambda: NOW)
        control = s.scalar(select(CampaignMember.customer_id).where(
            CampaignMember.grp == "control"))
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"maybe|可选"):
        outcome.record(s, "冬季回馈", control, "maybe")
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"target|目标组"):
        outcome.record(s, "冬季回馈", control, "interested")


def test_cli_create_launch_show(cli, tmp_path):
    code, _o, err = cli("init")
    assert code == 0, err
    from app.security.vault import Vault
    from tests.conftest import CLI_PASSWORD

    vault = Vault.open_with_password(cli.db, CLI_PASSWORD)
    try:
        _people(vault, n=30)
    finally:
        vault.lock()
    code, out, err = cli("campaign", "create", "回访活动", "--segment", "西湖客户",
                         "--channel", "phone", "--from", "2026-12-07", "--to", "2026-12-31",
                         "--control", "10", "--seed", "7")
    assert code == 0, err
    code, out, err = cli("campaign", "launch", "回访活动", "--dry-run", "--json")
    dry = json.loads(out)
    assert code == 0 and dry["dry_run"] and dry["excluded_total"] > 0
    code, out, err = cli("campaign", "launch", "回访活动", "--json")
    launched = json.loads(out)
    assert code == 0 and launched["contacted"] == dry["contacted"]
    code, out, err = cli("campaign", "show", "回访活动", "--json")
    shown = json.loads(out)
    assert code == 0
    for key in ("targeted", "excluded_by_consent", "control", "contacted", "responded",
                "revenue_after_fen", "control_revenue_after_fen", "lift"):
        assert key in shown
    assert shown["targeted"] == 30 and shown["control"] == launched["control"]
    code, out, err = cli("campaign", "launch", "回访活动")
    assert code != 0 and ("已于" in err or "launched" in err)
    code, out, err = cli("campaign", "create", "坏", "--segment", "无", "--channel", "sms",
                         "--from", "2026-12-07", "--to", "2026-12-08")
    assert code != 0 and "无" in err


def test_a_coupon_offer_goes_to_the_target_group_and_its_cost_is_counted(vault):
    from app.models import Coupon
    from app.services.loyalty import coupons

    _people(vault)
    until = TODAY + timedelta(days=40)
    with vault.sessions.begin() as s:
        _create(s, control_pct=20,
                offer={"coupon_value_fen": 2000, "coupon_until": until.isoformat()})
        result = launch.launch(s, "冬季回馈", today=TODAY, clock=lambda: NOW)
    with vault.sessions() as s:
        linked = s.execute(select(CampaignMember.grp, func.count(CampaignMember.coupon_id))
                           .group_by(CampaignMember.grp)).all()
        assert dict(linked) == {"target": result.contacted, "control": 0, "excluded": 0}
        first = s.scalar(select(Coupon).order_by(Coupon.id).limit(1))
        assert first.value_fen == 2000 and first.valid_until == until
        holder = first.customer_id
    with vault.sessions.begin() as s:
        p = Purchase(customer_id=holder, purchased_on=TODAY + timedelta(days=2),
                     amount_fen=30000)
        s.add(p)
        s.flush()
        coupons.use(s, first.code, p.id)
    with vault.sessions.begin() as s:
        ev = evaluate.evaluate(s, "冬季回馈")
    assert ev.cost == {"coupons_issued": result.contacted, "coupons_used": 1,
                       "coupon_cost_fen": 2000}


def test_the_persons_copy_says_which_campaigns_reached_them_and_erasure_removes_them(vault):
    from app.reports.person_pdf import pdf_lines
    from app.services.privacy.erase import erase
    from app.services.privacy.person_copy import collect
    from app.services.privacy.person_xlsx import build

    ids = _people(vault, n=12)
    with vault.sessions.begin() as s:
        outsider = create_customer(s, CustomerInput(name="外地客户", phone="13700000000",
                                                    region="滨江区")).id
        _create(s)
        launch.launch(s, "冬季回馈", today=TODAY, clock=lambda: NOW)
    with vault.sessions() as s:
        held, other = collect(s, ids[1]), collect(s, outsider)
    assert held.campaigns == (
        f"冬季回馈（电话，{TODAY} 至 {TODAY + timedelta(days=13)}）：已排除，处于保留冻结",)
    assert other.campaigns == () and "营销活动" not in build(other).sheetnames
    assert "营销活动" in build(held).sheetnames and "营销活动" in pdf_lines(held)
    with vault.sessions.begin() as s:
        hold.release(s, ids[1])
        erase(s, ids[0], reason="本人申请")
    with vault.sessions() as s:
        assert ids[0] not in set(s.scalars(select(CampaignMember.customer_id)))
        assert s.scalar(select(func.count()).select_from(CampaignMember)) == 11


def test_cli_an_sms_campaign_with_a_coupon_launched_then_its_list_written(cli, tmp_path):
    code, _o, err = cli("init")
    assert code == 0, err
    from app.security.vault import Vault
    from tests.conftest import CLI_PASSWORD

    vault = Vault.open_with_password(cli.db, CLI_PASSWORD)
    try:
        _people(vault, n=20)
    finally:
        vault.lock()
    code, out, err = cli("campaign", "create", "短信券", "--segment", "西湖客户", "--channel",
                         "sms", "--from", "2026-12-07", "--to", "2026-12-31", "--coupon", "20")
    assert code == 0, err
    code, out, err = cli("campaign", "launch", "短信券", "--json")
    assert code == 0, err
    launched = json.loads(out)
    assert launched["reminders"] == 0 and launched["contacted"] > 0
    path = tmp_path / "sms.xlsx"
    code, out, err = cli("campaign", "contacts", "短信券", str(path))
    assert code == 0 and path.exists(), err
    assert load_workbook(path).active.max_row == launched["contacted"] + 1
    code, out, err = cli("campaign", "show", "短信券", "--json")
    shown = json.loads(out)
    assert shown["cost"]["coupons_issued"] == launched["contacted"]
    assert shown["definition"]["offer"]["coupon_until"] == "2026-12-31"
