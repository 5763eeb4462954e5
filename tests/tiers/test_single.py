"""The tiers of one customer recomputed alone (after a merge) are the row a full
recompute of the same day writes for it: its own figures exactly, its quintiles and
ABC class counted among the customers the latest run ranked."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.models import Customer, CustomerTier, Purchase
from app.services.demo.generator import generate_demo_data
from app.services.duplicates.merge import merge_customers
from app.services.tiers.service import recompute
from app.services.tiers.single import recompute_customers


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

DAY = date(2026, 12, 1)
STAMP = datetime(2026, 12, 1, 9, 0)
FIGURES = ("value_tier", "lifecycle_stage", "frequency", "monetary_fen", "first_purchase",
           "last_purchase", "r_score", "f_score", "m_score", "abc_class", "rhythm_days",
           "churned_after_days", "reason")


def _row(session, cid) -> tuple:
    t = session.get(CustomerTier, cid)
    return tuple(getattr(t, f) for f in FIGURES) if t else None


def _demo(vault):
    generate_demo_data(vault.sessions, 250, seed=7, today=DAY)
    with vault.sessions.begin() as s:
        recompute(s, DAY, clock=lambda: STAMP)
        return list(s.scalars(select(Customer.id).order_by(Customer.id)))


def test_one_customer_alone_gets_the_row_of_a_full_recompute(vault):
    ids = _demo(vault)
    rng = random.Random(3)
    for cid in rng.sample(ids, 12):
        with vault.sessions.begin() as s:  # new purchases move the customer's figures
            for n in range(rng.randint(1, 6)):
                s.add(Purchase(customer_id=cid, purchased_on=date(2026, 11, 1 + 3 * n),
                               amount_fen=rng.randint(1, 90) * 10_000, product="加购"))
        with vault.sessions.begin() as s:
            recompute_customers(s, [cid], clock=lambda: STAMP)
            alone = _row(s, cid)
        with vault.sessions.begin() as s:
            recompute(s, DAY, clock=lambda: STAMP)
            assert _row(s, cid) == alone


def test_every_customer_alone_gets_back_the_row_the_full_run_wrote(vault):
    ids = _demo(vault)
    with vault.sessions() as s:
        full = {cid: _row(s, cid) for cid in ids}
    with vault.sessions.begin() as s:
        for cid in ids:
            assert recompute_customers(s, [cid], clock=lambda: STAMP) == 0
            assert _row(s, cid) == full[cid], cid


def test_a_merge_recomputes_the_kept_customer_and_drops_the_merged_rows(vault):
    ids = _demo(vault)
    with vault.sessions() as s:
        buyers = list(s.scalars(select(CustomerTier.customer_id)
                                .where(CustomerTier.value_tier.is_not(None))))
    kept, other = buyers[3], buyers[40]
    with vault.sessions.begin() as s:
        before = _row(s, kept)
        merge_customers(s, kept, [other], now=STAMP)
        after = _row(s, kept)
        assert s.get(CustomerTier, other) is None
    assert after != before  # the other's purchases count now
    with vault.sessions.begin() as s:
        recompute(s, DAY, clock=lambda: STAMP)
        assert _row(s, kept) == after
    assert len(ids) > 200


def test_nothing_is_written_before_the_first_full_run(vault):
    generate_demo_data(vault.sessions, 20, seed=2, today=DAY)
    with vault.sessions.begin() as s:
        cid = s.scalars(select(Customer.id)).first()
        assert recompute_customers(s, [cid]) == 0
        assert s.get(CustomerTier, cid) is None
