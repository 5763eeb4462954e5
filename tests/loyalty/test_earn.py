"""Earning from purchases: once per purchase, refunds take back (never below zero),
tier and birthday multipliers, excluded categories, rules validated with clear words."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import PointsEntry
from app.services.loyalty import daily, ledger
from app.services.revisits.lunar_birthday import birthday_in_year
from app.services.tiers.rules import save_rules
from tests.loyalty.people import buy, customer, ledger_count, points_of, tier


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

DAY = date(2026, 6, 30)


def test_each_purchase_earns_once_and_running_again_adds_nothing(vault):
    with vault.sessions.begin() as s:
        a = customer(s)
        buy(s, a, date(2026, 3, 1), 123.45)
        buy(s, a, date(2026, 4, 1), 10.00)
    with vault.sessions.begin() as s:
        first = daily.run(s, DAY)
    assert (first.earned, first.points) == (2, 133)  # whole yuan: 123 + 10
    assert points_of(vault, a) == 133 and ledger_count(vault) == 2
    with vault.sessions.begin() as s:
        again = daily.run(s, DAY)
        full = daily.run(s, DAY, full=True)  # reads every purchase again
    assert (again.earned, full.earned, full.reversed) == (0, 0, 0)
    assert points_of(vault, a) == 133 and ledger_count(vault) == 2
    with vault.sessions.begin() as s:  # a new purchase the next day: only that one
        buy(s, a, date(2026, 7, 1), 50)
        nxt = daily.run(s, date(2026, 7, 1))
    assert (nxt.earned, nxt.points) == (1, 50) and points_of(vault, a) == 183


def test_a_refund_takes_its_points_back_but_never_below_zero(vault):
    with vault.sessions.begin() as s:
        a = customer(s)
        buy(s, a, date(2026, 3, 1), 100)
        buy(s, a, date(2026, 3, 5), -30)  # a refund is a negative purchase
        daily.run(s, DAY)
    assert points_of(vault, a) == 70
    with vault.sessions.begin() as s:
        ledger.adjust(s, a, -60, reason="兑换线下礼品", today=DAY)
        refund = buy(s, a, date(2026, 7, 1), -50)
        result = daily.run(s, date(2026, 7, 1))
    assert result.reversed == 1 and points_of(vault, a) == 0  # 50 due, 10 left to take
    with vault.sessions() as s:
        entry = s.scalars(select(PointsEntry).where(PointsEntry.purchase_id == refund)).one()
        assert (entry.kind, entry.points) == ("reverse", -10)
        assert "应扣 50，余额仅够扣回 10" in ledger.describe(entry.kind, entry.reason, "zh")
    with vault.sessions.begin() as s:
        assert daily.run(s, date(2026, 7, 2), full=True).reversed == 0
    assert points_of(vault, a) == 0


def test_tier_and_birthday_month_multiply(vault):
    with vault.sessions.begin() as s:
        vip = customer(s, "李娜", birthday=date(1985, 5, 20))
        plain = customer(s, "王芳", birthday=date(1985, 5, 20))
        lunar = customer(s, "赵敏", birthday=date(1985, 5, 20), birthday_lunar=True)
        tier(s, vip, "vip")  # ×2 by default
        for cid in (vip, plain, lunar):
            buy(s, cid, date(2026, 5, 2), 100)  # the birthday month: ×2
            buy(s, cid, date(2026, 6, 2), 100)
        solar = birthday_in_year(date(1985, 5, 20), True, 2026)  # 五月二十 in 2026
        buy(s, lunar, solar, 100)
        buy(s, lunar, date(2026, 6, 2), -100)  # a refund in a month that is not: ×1
        daily.run(s, date(2026, 12, 31))
    assert solar.month not in (5, 6)
    assert points_of(vault, vip) == 400 + 200
    assert points_of(vault, plain) == 200 + 100
    assert points_of(vault, lunar) == 100 + 100 + 200 - 100  # the lunar month, in solar
    with vault.sessions.begin() as s:
        save_rules(s, {"loyalty": {"points_per_yuan": 0.5,
                                   "tier_multipliers": {"vip": 3},
                                   "birthday_multiplier": 1}})
        buy(s, vip, date(2026, 5, 3), 100)
        daily.run(s, DAY)
    assert points_of(vault, vip) == 600 + 150
    with vault.sessions() as s:
        words = ledger.entries(s, vip, 1)[0].reason
    assert "×3" in words


def test_excluded_categories_earn_nothing(vault):
    with vault.sessions.begin() as s:
        save_rules(s, {"loyalty": {"excluded_categories": ["储值卡", "手续费"]}})
        a = customer(s)
        buy(s, a, date(2026, 3, 1), 500, "储值卡")
        buy(s, a, date(2026, 3, 2), 80, "茶叶")
        buy(s, a, date(2026, 3, 3), 20)  # no category: earns
        buy(s, a, date(2026, 3, 4), -500, "储值卡")  # its refund takes nothing back
        daily.run(s, DAY)
    assert points_of(vault, a) == 100 and ledger_count(vault) == 2


@pytest.mark.parametrize(("body", "field", "words"), [
    ({"points_per_yuan": -1}, "loyalty.points_per_yuan", "0 到 1000"),
    ({"tier_multipliers": {"gold": 2}}, "loyalty.tier_multipliers", "gold"),
    ({"birthday_multiplier": "双倍"}, "loyalty.birthday_multiplier", "1 到 10"),
    ({"excluded_categories": "礼品"}, "loyalty.excluded_categories", "名称列表"),
    ({"expiry": {"policy": "monthly"}}, "loyalty.expiry.policy", "year_end"),
    ({"expiry": {"policy": "days", "days": 0}}, "loyalty.expiry.days", "1 到 3650"),
    ({"levels": {"basis": "spend"}}, "loyalty.levels.basis", "points"),
    ({"levels": {"min_points": [0, 500, 500, 900]}}, "loyalty.levels.min_points", "逐级升高"),
    ({"levels": {"names": ["普卡", "金卡"]}}, "loyalty.levels.min_points", "积分门槛"),
    ({"levels": {"by_tier": {"vip": "黑卡"}}}, "loyalty.levels.by_tier", "会员等级名称"),
])
def test_bad_loyalty_rules_are_refused_naming_the_setting(vault, body, field, words):
    with pytest.raises(ValidationError) as caught, vault.sessions.begin() as s:
        save_rules(s, {"loyalty": body})
    assert caught.value.field == field
    assert field in caught.value.zh and words in caught.value.zh, caught.value.zh


def test_a_late_lunar_birthday_falls_in_the_next_solar_year(vault):
    from app.services.revisits.lunar_birthday import lunar_to_solar

    solar = lunar_to_solar(2025, 12, 20)  # 腊月二十 of lunar 2025: early 2026
    assert solar.year == 2026
    with vault.sessions.begin() as s:
        a = customer(s, "钱多多", birthday=date(1980, 12, 20), birthday_lunar=True)
        buy(s, a, solar, 100)
        buy(s, a, date(2026, 12, 20), 100)  # the solar 20 December is not it
        daily.run(s, date(2026, 12, 31))
    assert points_of(vault, a) == 200 + 100
