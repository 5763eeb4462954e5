"""Dashboard KPIs, chart series, drill-downs and staff performance against hand-counted
values (tests/dashboard_helpers.py), and the empty file."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import ValidationError
from app.services.customers.listing import count_customers, page_ids
from app.services.dashboard.kpis import KPI_KEYS, compute_kpis, drill_filter
from app.services.dashboard.scope import DashboardFilter, month_keys
from app.services.dashboard.series import (
    Count,
    MonthPurchases,
    MonthSatisfaction,
    OwnerRevisits,
    bar_filter,
    load_series,
)
from app.services.dashboard.staff import staff_performance
from tests.dashboard_helpers import NOW, PERIOD, build


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store


@pytest.fixture
def data(session):
    return build(session)


def test_kpis_match_the_hand_counts(session, data):
    k = compute_kpis(session, PERIOD, now=NOW)
    assert (k.customers, k.tiered, k.active, k.new, k.at_risk, k.churned) == (6, 5, 2, 1, 1, 1)
    assert (k.revisits_planned, k.revisits_done, k.revisit_rate) == (2, 1, 0.5)
    assert k.satisfaction_count == 3
    assert k.satisfaction_average == pytest.approx((5 + 2 + 4) / 3)
    assert k.meets_target is False
    assert (k.complaints_open, k.complaints_overdue) == (2, 1)


def test_kpis_follow_the_owner_and_region(session, data):
    a = compute_kpis(session, PERIOD.with_owner("A"), now=NOW)
    assert (a.customers, a.active, a.new, a.at_risk, a.churned) == (2, 1, 1, 1, 0)
    assert (a.revisits_planned, a.revisits_done, a.complaints_open) == (2, 1, 1)
    r1 = compute_kpis(session, DashboardFilter(PERIOD.start, PERIOD.end, region="R1"), now=NOW)
    assert (r1.customers, r1.complaints_open, r1.complaints_overdue) == (2, 2, 1)


CARD_CASES = [
    ("customers", {"c1", "c2", "c3", "c4", "c5", "c7"}),
    ("active", {"c1", "c5"}),
    ("new", {"c1"}),
    ("at_risk", {"c2"}),
    ("churned", {"c4"}),
    ("revisits", {"c2"}),
    ("satisfaction", {"c1"}),
    ("complaints_open", {"c1", "c3"}),
    ("complaints_overdue", {"c3"}),
]


def test_every_card_has_a_drill_down_case():
    assert [key for key, _ in CARD_CASES] == list(KPI_KEYS)


@pytest.mark.parametrize(("key", "expected"), CARD_CASES)
def test_each_card_lists_exactly_its_customers(session, data, key, expected):
    if key == "satisfaction":
        # The card reads the survey responses (the 1–5 scores carried over ×20): c1's 2
        # of May is 40, below the 80 target; c2's 4 of April is not this month's.
        from app.services.surveys import legacy, templates

        templates.ensure_defaults(session)
        legacy.sync(session)
    flt = drill_filter(session, PERIOD, key, now=NOW)
    shown = set(page_ids(session, flt, limit=100))
    assert shown == {data[name] for name in expected}
    assert count_customers(session, flt) == len(expected)
    assert key in KPI_KEYS


def test_series_match_the_hand_counts(session, data):
    s = load_series(session, PERIOD)
    assert s.months == ("2026-03", "2026-04", "2026-05")
    assert s.tiers == (Count("vip", 1), Count("high", 0), Count("mid", 1), Count("low", 2),
                       Count("potential", 1), Count("none", 1))
    assert dict((c.key, c.count) for c in s.stages) == {
        "potential": 1, "new": 0, "repeat": 0, "loyal": 1, "at_risk": 1, "churned": 2,
        "won_back": 0, "none": 1}
    assert s.purchases == (MonthPurchases("2026-03", 1, 10000),
                           MonthPurchases("2026-04", 1, 3000),
                           MonthPurchases("2026-05", 1, 20000))
    assert {c.channel: c.counts for c in s.contacts} == {"phone": (0, 1, 0),
                                                          "wechat": (0, 0, 1)}
    assert s.satisfaction == (MonthSatisfaction("2026-03", None, 0),
                              MonthSatisfaction("2026-04", 4.5, 2),
                              MonthSatisfaction("2026-05", 2.0, 1))
    # c2's revisit is due 05-25: this month (the card), but after the period (the chart)
    assert s.revisits == (OwnerRevisits("A", 1, 1), OwnerRevisits("B", 1, 0))


@pytest.mark.parametrize(("chart", "key", "expected"), [
    ("tiers", "vip", {"c1"}), ("tiers", "low", {"c4", "c7"}),
    ("tiers", "potential", {"c3"}), ("tiers", "none", {"c5"}),
    ("stages", "churned", {"c4", "c7"}), ("stages", "none", {"c5"}),
    ("purchases", "2026-04", {"c5"}), ("contacts", "2026-05|wechat", {"c1"}),
    ("revisits", "A", {"c1"}), ("revisits", "B", {"c4"}),
])
def test_each_bar_lists_exactly_its_customers(session, data, chart, key, expected):
    flt = bar_filter(session, PERIOD, chart, key)
    assert set(page_ids(session, flt, limit=100)) == {data[name] for name in expected}


def test_tier_bars_use_the_lists_own_tier_filter(session, data):
    flt = bar_filter(session, PERIOD.with_owner("B"), "tiers", "low")
    assert (flt.tier, flt.owner, flt.ids) == ("low", "B", None)
    assert count_customers(session, flt) == 2


def test_staff_performance_matches_the_hand_counts(session, data):
    rows = {r.owner: r for r in staff_performance(session, PERIOD, now=NOW)}
    assert list(rows) == ["B", "A", ""]  # most customers first, nobody last
    a, b, nobody = rows["A"], rows["B"], rows[""]
    assert a.tiers == {"vip": 1, "mid": 1} and a.customers == 2
    assert (a.revisits_due, a.revisits_done, a.revisits_overdue) == (1, 1, 0)
    assert a.contacts == 2
    assert a.satisfaction_average == pytest.approx(11 / 3) and a.satisfaction_count == 3
    assert (a.complaints_resolved, a.complaints_in_time, a.in_time_rate) == (1, 1, 1.0)
    assert b.tiers == {"low": 2, "potential": 1}
    assert (b.revisits_due, b.revisits_done, b.revisits_overdue) == (1, 0, 1)
    assert (b.contacts, b.satisfaction_average, b.in_time_rate) == (0, None, None)
    assert nobody.tiers == {"none": 1}


def test_an_empty_file_gives_zeros_not_errors(session):
    k = compute_kpis(session, PERIOD, now=NOW)
    assert (k.customers, k.active, k.revisits_planned, k.complaints_open) == (0, 0, 0, 0)
    assert k.revisit_rate is None and k.satisfaction_average is None
    assert k.meets_target is None
    s = load_series(session, PERIOD)
    assert [c.count for c in s.tiers] == [0, 0, 0, 0, 0]
    assert all(p.count == 0 and p.revenue_fen == 0 for p in s.purchases)
    assert s.contacts == () and s.revisits == ()
    assert all(m.average is None for m in s.satisfaction)
    assert staff_performance(session, PERIOD, now=NOW) == []


def test_periods_are_checked_and_counted_in_months():
    assert month_keys(date(2025, 11, 15), date(2026, 2, 1)) == [
        "2025-11", "2025-12", "2026-01", "2026-02"]
    assert DashboardFilter.last_months(date(2026, 1, 31), 3).start == date(2025, 11, 1)
    with pytest.raises(ValidationError):
        DashboardFilter(date(2026, 5, 2), date(2026, 5, 1))
    with pytest.raises(ValidationError):
        DashboardFilter(date(2000, 1, 1), date(2026, 5, 1))
