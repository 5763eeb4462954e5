"""Spending points: expiry oldest first, the balance never below zero, redemptions
that take points and stock together (or nothing), coupons refused with the reason,
adjustments and redemptions audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import CouponRefused, InvalidInput, NotEnoughPoints, OutOfStock
from app.models import AuditLog, Coupon, PointsEntry, Reward
from app.services.loyalty import coupons, daily, ledger, rewards
from app.services.segments import service as segments
from tests.loyalty.people import buy, customer, ledger_count, points_of


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store


def _audits(vault, action: str) -> list[dict]:
    with vault.sessions() as s:
        return [a.detail for a in s.scalars(select(AuditLog).where(AuditLog.action == action))]


def _two_years(vault) -> int:
    """100 points earned in 2024 (spendable until 2025-12-31), 200 in 2025 (to 2026-12-31)."""
    with vault.sessions.begin() as s:
        a = customer(s)
        buy(s, a, date(2024, 3, 1), 100)
        buy(s, a, date(2025, 3, 1), 200)
        daily.run(s, date(2025, 3, 2))
    assert points_of(vault, a) == 300
    return a


def test_the_oldest_points_expire_first_and_once(vault):
    a = _two_years(vault)
    with vault.sessions.begin() as s:
        assert daily.run(s, date(2025, 12, 31)).expired == 0  # the last day they count
        assert daily.run(s, date(2026, 1, 1)).expired == 1
    assert points_of(vault, a) == 200  # 2024's 100 went, 2025's stay
    with vault.sessions.begin() as s:
        assert daily.run(s, date(2026, 1, 2)).expired == 0
        assert daily.run(s, date(2026, 1, 3), full=True).expired == 0
    assert points_of(vault, a) == 200
    with vault.sessions.begin() as s:
        daily.run(s, date(2027, 1, 1))
    assert points_of(vault, a) == 0
    with vault.sessions() as s:
        gone = [e.points for e in ledger.entries(s, a) if e.kind == "expire"]
    assert gone == [-200, -100]


def test_points_of_an_old_purchase_entered_late_expire_at_the_next_run(vault):
    a = _two_years(vault)
    with vault.sessions.begin() as s:
        daily.run(s, date(2026, 6, 1))  # 2024's 100 expire here
        buy(s, a, date(2024, 5, 1), 40)  # entered late: spendable until 2025-12-31
        later = daily.run(s, date(2026, 6, 2))
    assert (later.earned, later.expired) == (1, 1)
    assert points_of(vault, a) == 200


def test_what_was_spent_came_from_the_oldest_points(vault):
    a = _two_years(vault)
    with vault.sessions.begin() as s:  # spends 2024's 100 and 50 of 2025's
        ledger.adjust(s, a, -150, reason="兑换会员礼", today=date(2025, 6, 1))
        assert daily.run(s, date(2026, 1, 1)).expired == 0
    assert points_of(vault, a) == 150
    with vault.sessions.begin() as s:
        daily.run(s, date(2027, 1, 1))
    assert points_of(vault, a) == 0


def test_a_deduction_beyond_the_balance_is_refused_and_writes_nothing(vault):
    a = _two_years(vault)
    before = ledger_count(vault), len(_audits(vault, "points.adjust"))
    with pytest.raises(NotEnoughPoints, match="300"), vault.sessions.begin() as s:
        ledger.adjust(s, a, -301, reason="误操作", today=date(2025, 6, 1))
    # What expired by then cannot be spent either: 2024's 100 are gone in 2026.
    with pytest.raises(NotEnoughPoints) as caught, vault.sessions.begin() as s:
        ledger.adjust(s, a, -250, reason="兑换", today=date(2026, 2, 1))
    assert caught.value.balance == 200 and "积分不足" in caught.value.zh
    for bad in ({"points": 5, "reason": "  "}, {"points": 0, "reason": "零"}):
        with pytest.raises(InvalidInput), vault.sessions.begin() as s:
            ledger.adjust(s, a, bad["points"], reason=bad["reason"], today=date(2025, 6, 1))
    assert (ledger_count(vault), len(_audits(vault, "points.adjust"))) == before
    assert points_of(vault, a) == 300


def test_an_adjustment_needs_a_reason_and_is_audited(vault):
    a = _two_years(vault)
    with vault.sessions.begin() as s:
        row = ledger.adjust(s, a, 25, reason="系统故障补偿", today=date(2025, 6, 1))
    assert (row.kind, row.points, row.reason) == ("adjust", 25, "系统故障补偿")
    assert row.expires_on == date(2026, 12, 31)  # added points expire like earned ones
    [detail] = _audits(vault, "points.adjust")
    assert detail["points"] == 25 and detail["reason"] == "系统故障补偿"
    assert detail["balance"] == 325


def _catalogue(vault, **kw) -> None:
    with vault.sessions.begin() as s:
        rewards.add(s, "保温杯", points_cost=kw.get("cost", 120), stock=kw.get("stock", 1))
        rewards.add(s, "50元券", kind="coupon", points_cost=100, stock=5,
                    coupon_value_fen=5000, coupon_days=30)


def _state(vault, a: int) -> tuple:
    with vault.sessions() as s:
        return (ledger.balance(s, a), int(s.scalar(select(func.count()).select_from(PointsEntry))),
                tuple(s.scalars(select(Reward.stock).order_by(Reward.id))),
                int(s.scalar(select(func.count()).select_from(Coupon))))


def test_a_redemption_takes_points_and_stock_together(vault):
    a = _two_years(vault)
    _catalogue(vault)
    with vault.sessions.begin() as s:
        done = rewards.redeem(s, a, "保温杯", today=date(2025, 6, 1))
    assert (done.points, done.balance, done.stock_left) == (120, 180, 0)
    assert _state(vault, a) == (180, 3, (0, 5), 0)
    [detail] = _audits(vault, "points.redeem")
    assert detail["reward"] == "保温杯" and detail["balance"] == 180
    with vault.sessions.begin() as s:  # a coupon reward issues the coupon with it
        done = rewards.redeem(s, a, "50元券", today=date(2025, 6, 1))
        [coupon] = coupons.of_customer(s, a)
    assert coupon.code == done.coupon and coupon.value_fen == 5000
    assert coupon.valid_until == date(2025, 7, 1)


def test_out_of_stock_or_over_the_balance_writes_nothing(vault):
    a = _two_years(vault)
    _catalogue(vault, stock=0)
    before = _state(vault, a)
    with pytest.raises(OutOfStock, match="保温杯"), vault.sessions.begin() as s:
        rewards.redeem(s, a, "保温杯", today=date(2025, 6, 1))
    assert _state(vault, a) == before
    with vault.sessions.begin() as s:
        ledger.adjust(s, a, -250, reason="兑换", today=date(2025, 6, 1))
    before = _state(vault, a)
    assert before[0] == 50
    with pytest.raises(NotEnoughPoints) as caught, vault.sessions.begin() as s:
        rewards.redeem(s, a, "50元券", today=date(2025, 6, 1))
    assert (caught.value.balance, caught.value.wanted) == (50, 100)
    with pytest.raises(InvalidInput, match=r"没有奖品|no reward"), vault.sessions.begin() as s:
        rewards.redeem(s, a, "游艇", today=date(2025, 6, 1))
    assert _state(vault, a) == before
    assert len(_audits(vault, "points.redeem")) == 0


def _segment_with_coupons(vault) -> tuple[int, int, list[str]]:
    with vault.sessions.begin() as s:
        a = customer(s, "张伟", region="杭州")
        b = customer(s, "李娜", region="杭州")
        customer(s, "王芳", region="宁波")
        segments.save(s, "杭州客户", "region=杭州")
        result = coupons.issue_to_segment(s, "杭州客户", value_fen=2000,
                                          valid_from=date(2026, 6, 1),
                                          valid_until=date(2099, 6, 30))
    assert result.issued == 2 and result.held_out == 0
    return a, b, list(result.codes)


def test_coupons_go_to_a_segment_and_are_used_once_on_a_purchase(vault):
    a, b, codes = _segment_with_coupons(vault)
    with vault.sessions.begin() as s:
        owned = {c.customer_code: c.code for c in coupons.of_customer(s, a)
                 + coupons.of_customer(s, b)}
        assert sorted(owned.values()) == sorted(codes) and len(owned) == 2
        mine = coupons.of_customer(s, a)[0].code
        purchase = buy(s, a, date(2026, 6, 15), 300)
        used = coupons.use(s, mine.lower(), purchase)
    assert used.purchase_id == purchase and used.used_at is not None
    assert _audits(vault, "coupon.use")[0]["purchase_id"] == purchase
    assert _audits(vault, "coupon.issue")[0]["segment"] == "杭州客户"
    with pytest.raises(CouponRefused) as caught, vault.sessions.begin() as s:
        coupons.use(s, mine, buy(s, a, date(2026, 6, 16), 10))
    assert caught.value.reason == "used" and f"#{purchase}" in caught.value.zh


@pytest.mark.parametrize(("day", "whose", "reason", "words"), [
    (date(2099, 7, 1), "own", "expired", "已于 2099-06-30 过期"),
    (date(2026, 5, 31), "own", "not_yet", "自 2026-06-01 起"),
    (date(2026, 6, 15), "other", "not_owner", "该券属于"),
])
def test_a_coupon_past_its_date_or_someone_elses_is_refused(vault, day, whose, reason, words):
    a, b, _codes = _segment_with_coupons(vault)
    with vault.sessions.begin() as s:
        code = coupons.of_customer(s, a)[0].code
        purchase = buy(s, a if whose == "own" else b, day, 100)
    with pytest.raises(CouponRefused) as caught, vault.sessions.begin() as s:
        coupons.use(s, code, purchase)
    assert caught.value.reason == reason and words in caught.value.zh, caught.value.zh
    with vault.sessions() as s:
        assert s.scalars(select(Coupon).where(Coupon.code == code)).one().used_at is None
    assert _audits(vault, "coupon.use") == []


def test_an_empty_segment_or_a_bad_offer_issues_nothing(vault):
    with vault.sessions.begin() as s:
        customer(s, "王芳", region="宁波")
        segments.save(s, "北京客户", "region=北京")
    for kw in ({"segment": "北京客户", "value_fen": 1000},
               {"segment": "北京客户", "value_fen": 1000, "percent_off": 10},
               {"segment": "北京客户", "percent_off": 100}):
        with pytest.raises(InvalidInput), vault.sessions.begin() as s:
            coupons.issue_to_segment(s, valid_until=date(2099, 1, 1), **kw)
    with pytest.raises(InvalidInput, match=r"没有成员|no members"), vault.sessions.begin() as s:
        coupons.issue_to_segment(s, "北京客户", value_fen=1000, valid_until=date(2099, 1, 1))
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Coupon)) == 0
    assert coupons.offer_words(None, 10, "zh") == "9折"
    assert coupons.offer_words(None, 15, "zh") == "8.5折"
