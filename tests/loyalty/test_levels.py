"""Member levels up and down with the reason in words, by points or by value tier; the
daily run follows the tiers in a savepoint; merge, unmerge, erase and the person's copy
carry the points."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.models import Coupon, LevelChange, MemberLevel, PointsEntry, TierRun
from app.services.loyalty import daily, ledger, levels
from app.services.tiers.rules import save_rules
from tests.loyalty.people import buy, customer, points_of, tier


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store


def _level(vault, cid: int) -> levels.LevelRow:
    with vault.sessions() as s:
        return levels.level_of(s, cid)


def test_levels_go_up_and_down_with_the_reason_in_words(vault):
    with vault.sessions.begin() as s:
        a = customer(s)
        low = customer(s, "王芳")
        buy(s, a, date(2026, 1, 10), 1200)  # 1,200 points: 银卡 from 1,000
        buy(s, low, date(2026, 1, 10), 999)
        up = daily.run(s, date(2026, 2, 1))
    assert (up.level_ups, up.level_downs) == (1, 0)
    row = _level(vault, a)
    assert (row.level, row.rank) == ("银卡", 1)
    assert _level(vault, low).level == "普卡" and _level(vault, low).history == ()
    with vault.sessions() as s:
        [change] = levels.changes(s, a)
        words = levels.describe(change.reason, change.old_level, change.new_level, "zh")
    assert words == "由普卡升为银卡：近 365 天获得积分 1,200，达到银卡门槛 1,000"
    with vault.sessions.begin() as s:  # a year on, the window no longer holds them
        assert daily.run(s, date(2026, 12, 31)).level_downs == 0
        down = daily.run(s, date(2027, 1, 11))
    assert down.level_downs == 1 and _level(vault, a).level == "普卡"
    latest = _level(vault, a).history[0]
    with vault.sessions() as s:
        change = levels.changes(s, a)[0]
        words = levels.describe(change.reason, change.old_level, change.new_level, "zh")
    assert words == "由银卡降为普卡：近 365 天获得积分 0，低于银卡门槛 1,000"
    assert latest[1:3] == ("银卡", "普卡")


def test_redeeming_does_not_lower_a_level_but_a_refund_does(vault):
    with vault.sessions.begin() as s:
        a = customer(s)
        buy(s, a, date(2026, 1, 10), 5200)
        daily.run(s, date(2026, 2, 1))
        ledger.adjust(s, a, -3000, reason="兑换", today=date(2026, 2, 2))
        daily.run(s, date(2026, 2, 3))
    assert _level(vault, a).level == "金卡"  # 5,200 earned; spending is not un-earning
    with vault.sessions.begin() as s:
        buy(s, a, date(2026, 2, 4), -500)  # takes back 500: 4,700 earned
        daily.run(s, date(2026, 2, 5))
    assert points_of(vault, a) == 1700 and _level(vault, a).level == "银卡"
    with vault.sessions() as s:
        change = levels.changes(s, a)[0]
        assert levels.describe(change.reason, change.old_level, change.new_level, "zh") == \
            "由金卡降为银卡：近 365 天获得积分 4,700，低于金卡门槛 5,000"


def test_levels_by_value_tier_when_the_rules_say_so(vault):
    with vault.sessions.begin() as s:
        save_rules(s, {"loyalty": {"levels": {"basis": "tier", "names": ["会员", "贵宾"],
                                              "min_points": [0, 100],
                                              "by_tier": {"vip": "贵宾", "high": "贵宾",
                                                          "mid": "会员", "low": "会员"}}}})
        a, b = customer(s), customer(s, "王芳")
        tier(s, a, "high")
        tier(s, b, "mid")
        result = levels.recompute(s, date(2026, 6, 1))
    assert result.counts == {"会员": 1, "贵宾": 1} and result.ups == 1
    with vault.sessions() as s:
        change = levels.changes(s, a)[0]
        assert levels.describe(change.reason, change.old_level, change.new_level, "zh") == \
            "由会员升为贵宾：价值等级为高价值"


def test_the_daily_tier_run_brings_points_along_and_a_failure_keeps_the_tiers(vault,
                                                                               monkeypatch):
    from app.services.tiers.service import refresh_if_stale

    with vault.sessions.begin() as s:
        a = customer(s)
        buy(s, a, date(2026, 5, 1), 300)
    day = datetime(2026, 6, 1, 9, 0)
    with vault.sessions.begin() as s:
        summary = refresh_if_stale(s, clock=lambda: day)
    assert summary.loyalty is None and points_of(vault, a) == 300
    with vault.sessions.begin() as s:
        buy(s, a, date(2026, 6, 1), 50)

    def broken(session, *args, **kw):  # writes half-way, then fails
        session.add(PointsEntry(customer_id=a, kind="adjust", points=999,
                                day=date(2026, 6, 2), reason="half-way"))
        session.flush()
        raise InvalidInput("points broke", "积分出错")

    monkeypatch.setattr(daily, "run", broken)
    with vault.sessions.begin() as s:
        summary = refresh_if_stale(s, clock=lambda: datetime(2026, 6, 2, 9, 0))
    assert summary is not None and summary.loyalty in ("points broke", "积分出错")
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(TierRun)) == 2  # the tiers stand
    assert points_of(vault, a) == 300  # nothing of the failed run was kept


def test_a_merge_moves_the_points_and_an_unmerge_gives_them_back(vault):
    from app.services.duplicates.merge import merge_customers, unmerge

    with vault.sessions.begin() as s:
        a = customer(s, "张伟", phone="13912345678")
        b = customer(s, "张伟", phone="13912345679")
        buy(s, a, date(2026, 3, 1), 600)
        buy(s, b, date(2026, 3, 2), 700)
        daily.run(s, date(2026, 4, 1))
        ledger.adjust(s, b, -100, reason="兑换", today=date(2026, 4, 2))
        s.add(Coupon(code="QTESTCODE1", customer_id=b, value_fen=500,
                     valid_from=date(2026, 4, 1), valid_until=date(2026, 12, 31)))
    assert (points_of(vault, a), points_of(vault, b)) == (600, 600)
    assert _level(vault, a).level == "普卡"
    with vault.sessions.begin() as s:
        result = merge_customers(s, a, [b], now=datetime(2026, 4, 3, 10, 0))
    assert result.moved["points_entry"] == 2 and result.moved["coupon"] == 1
    assert points_of(vault, a) == 1200 and points_of(vault, b) == 0
    assert _level(vault, a).level == "银卡"  # 1,300 earned between them
    with vault.sessions.begin() as s:
        unmerge(s, result.merge_id, now=datetime(2026, 4, 4, 10, 0))
    assert (points_of(vault, a), points_of(vault, b)) == (600, 600)
    assert _level(vault, a).level == "普卡"
    with vault.sessions() as s:
        assert s.scalars(select(Coupon.customer_id)).one() == b


def test_erasing_a_person_erases_their_points_coupons_and_levels(vault):
    from app.services.privacy.erase import erase

    with vault.sessions.begin() as s:
        a, other = customer(s), customer(s, "王芳")
        buy(s, a, date(2026, 3, 1), 1500)
        buy(s, other, date(2026, 3, 1), 80)
        daily.run(s, date(2026, 4, 1))
        ledger.adjust(s, a, -10, reason="兑换张伟的礼品", today=date(2026, 4, 2))
        s.add(Coupon(code="QTESTCODE2", customer_id=a, percent_off=10,
                     valid_from=date(2026, 4, 1), valid_until=date(2026, 12, 31)))
    with vault.sessions.begin() as s:
        erase(s, a, reason="本人申请删除")
    with vault.sessions() as s:
        for model in (PointsEntry, Coupon, MemberLevel, LevelChange):
            owners = set(s.scalars(select(model.customer_id)))
            assert a not in owners, model.__tablename__
        assert set(s.scalars(select(PointsEntry.customer_id))) == {other}
    assert points_of(vault, other) == 80


def test_the_persons_copy_holds_points_where_present(vault):
    from app.services.privacy.person_copy import collect
    from app.services.privacy.person_xlsx import build

    with vault.sessions.begin() as s:
        a, none = customer(s), customer(s, "王芳")
        buy(s, a, date(2026, 3, 1), 1500)
        daily.run(s, date(2026, 4, 1))
        s.add(Coupon(code="QTESTCODE3", customer_id=a, percent_off=10,
                     valid_from=date(2026, 4, 1), valid_until=date(2026, 12, 31)))
    with vault.sessions() as s:
        copy, empty = collect(s, a), collect(s, none)
    assert empty.points is None
    pts = copy.points
    assert (pts.balance, pts.level) == (1500, "银卡")
    assert [(e.kind, e.points) for e in pts.ledger] == [("消费积分", 1500)]
    assert pts.coupons[0].offer == "9折" and "升为银卡" in pts.level_changes[0]
    wb = build(copy)
    assert "积分" in wb.sheetnames and "优惠券" in wb.sheetnames
    assert "积分" not in build(empty).sheetnames
    values = [c.value for row in wb["积分"].iter_rows() for c in row]
    assert 1500 in values and "银卡" in values
