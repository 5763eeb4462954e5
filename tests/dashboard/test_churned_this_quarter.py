"""The card "churned this quarter" (本季度流失) counts the customers who BECAME churned within the
quarter, through real tier recomputes: a file whose tiers were first computed today
shows its churned customers as churned, but none as churned this quarter (we never saw
them churn); a customer that later moves from at risk to churned within the quarter
counts, and its card lists exactly it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.models import Purchase
from app.services.customers.listing import page_ids
from app.services.dashboard.kpis import compute_kpis, drill_filter
from app.services.dashboard.scope import DashboardFilter
from app.services.tiers.service import recompute, summary
from tests.daily_helpers import make_customer


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

FIRST = datetime(2026, 4, 10, 12)  # Q2 2026 starts 2026-04-01
LATER = datetime(2026, 5, 10, 12)


def _buy(vault, customer_id: int, *days: date) -> None:
    with vault.sessions.begin() as s:
        s.add_all(Purchase(customer_id=customer_id, purchased_on=d, amount_fen=10000)
                  for d in days)


def _recompute(vault, when: datetime) -> None:
    with vault.sessions.begin() as s:
        recompute(s, when.date(), clock=lambda: when)


def _churned(vault, now: datetime) -> tuple[int, set[int]]:
    flt = DashboardFilter(date(now.year, 1, 1), now.date())
    with vault.sessions() as s:
        k = compute_kpis(s, flt, now=now)
        listed = set(page_ids(s, drill_filter(s, flt, "churned", now=now), limit=1000))
    return k.churned, listed


def test_only_customers_that_churned_within_the_quarter_count(vault):
    old = [make_customer(vault, name, phone=f"1391234000{n}") for n, name in
           enumerate(("甲", "乙"))]
    for cid in old:  # silent for two years: churned at the first computation
        _buy(vault, cid, date(2024, 1, 1), date(2024, 2, 1))
    moving = make_customer(vault, "丙", phone="13912340009")
    # Every 30 days, then silent from 2025-10-31: at risk after 60 days, churned after
    # max(180, 4 × 30) = 180 days, i.e. between the two computations below.
    _buy(vault, moving, date(2025, 10, 1), date(2025, 10, 31))

    _recompute(vault, FIRST)  # the file's first computation: one snapshot each
    with vault.sessions() as s:
        assert summary(s).stages["churned"] == 2
    assert _churned(vault, FIRST) == (0, set())

    _recompute(vault, LATER)  # 丙: at risk on 04-10 → churned on 05-10
    with vault.sessions() as s:
        assert summary(s).stages["churned"] == 3
    assert _churned(vault, LATER) == (1, {moving})


def test_another_customers_later_snapshot_does_not_hide_a_churn(vault):
    """Each customer's own latest non-churned snapshot decides when it churned: a
    later change of someone else (丁 turning at risk after 丙 churned) must not
    push 丙's churn out of the quarter (the subquery once took the file's latest)."""
    moving = make_customer(vault, "丙", phone="13912340009")
    _buy(vault, moving, date(2025, 10, 1), date(2025, 10, 31))
    other = make_customer(vault, "丁", phone="13912340010")
    _buy(vault, other, date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 30))
    _recompute(vault, FIRST)
    _recompute(vault, LATER)  # 丙 churned on 05-10
    end = datetime(2026, 6, 30, 12)
    _recompute(vault, end)  # 丁: 61 days silent, at risk: a snapshot after 丙's churn
    with vault.sessions() as s:
        assert summary(s).stages["at_risk"] == 1
    assert _churned(vault, end) == (1, {moving})
