"""value_basis "clv": the M score and the ABC classes rank each customer's latest
predicted value instead of the revenue in the window; without a prediction a
customer keeps their revenue, without any CLV run the tiers are the "monetary" ones,
and a customer recomputed alone lands where the full run put them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import ClvRun, Customer, CustomerTier, Purchase
from app.services.clv import store
from app.services.demo.generator import generate_demo_data
from app.services.tiers.reason import describe
from app.services.tiers.rules import Rules, active_rules, save_rules, validate
from app.services.tiers.service import recompute, refresh_if_stale, tier_of
from app.services.tiers.single import recompute_customers
from tests.clv.cdnow import CALIBRATION_END as CLV_DAY
from tests.clv.cdnow import plant
from tests.clv_helpers import PLANTED
from tests.clv_helpers import clock as clv_clock
from tests.daily_helpers import count
from tests.tier_helpers import AS_OF, EXPECTED, make_tier_fixture, store_clv

STAMP = datetime.combine(AS_OF, datetime.min.time())
CLV_RULES = Rules(validate({"value_basis": "clv"}))


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store


def _rows(vault, rules: Rules) -> dict[str, CustomerTier]:
    with vault.sessions.begin() as s:
        recompute(s, AS_OF, clock=lambda: STAMP, rules=rules)
    with vault.sessions() as s:
        q = select(Customer.name, CustomerTier).join(CustomerTier,
                                                     CustomerTier.customer_id == Customer.id)
        rows = {name: t for name, t in s.execute(q)}
        s.expunge_all()
        return rows


def test_a_small_buyer_with_a_high_prediction_ranks_higher_by_clv(vault):
    ids = make_tier_fixture(vault)
    # 丁 spent little (M 2, class C: mid); its prediction is the highest of all. 乙 has
    # no prediction (as if it first bought after the run): its revenue stands in.
    store_clv(vault, AS_OF, {ids["甲"]: 30000, ids["丙"]: 20000, ids["丁"]: 900000,
                              ids["戊"]: 1000})
    by_revenue = _rows(vault, Rules(validate({})))
    assert (by_revenue["丁"].value_tier, by_revenue["丁"].m_score,
            by_revenue["丁"].abc_class) == ("mid", 2, "C")
    by_clv = _rows(vault, CLV_RULES)
    ding = by_clv["丁"]
    # Values ranked: 戊 1000, 乙 15000 (revenue), 丙 20000, 甲 30000, 丁 900000.
    assert (ding.m_score, ding.abc_class, ding.value_tier) == (5, "A", "high")
    assert ding.monetary_fen == 6000  # the revenue is still what it is
    assert (by_clv["乙"].m_score, by_clv["乙"].abc_class) == (2, "C")
    assert by_clv["甲"].m_score == 4 and by_clv["戊"].m_score == 1
    assert "(by predicted value)" in describe(ding.reason, "en")
    assert "预测价值" in describe(ding.reason, "zh")
    assert "predicted" not in describe(by_clv["乙"].reason, "en")  # fell back to revenue
    with vault.sessions() as s:
        assert "predicted value" in tier_of(s, ids["丁"]).reason


def test_without_any_clv_run_clv_ranks_as_revenue(vault):
    make_tier_fixture(vault)
    by_clv = _rows(vault, CLV_RULES)
    for name, (tier, stage, r, f, m, abc) in EXPECTED.items():
        t = by_clv[name]
        assert (t.value_tier, t.lifecycle_stage, t.r_score, t.f_score, t.m_score,
                t.abc_class) == (tier, stage, r, f, m, abc), name
        assert "basis" not in t.reason


def test_a_clv_run_after_the_tier_date_is_not_used(vault):
    ids = make_tier_fixture(vault)
    store_clv(vault, date(2026, 7, 1), {ids["丁"]: 900000})  # a month after AS_OF
    assert _rows(vault, CLV_RULES)["丁"].value_tier == "mid"


def test_an_unknown_value_basis_is_refused(vault):
    for basis in ("revenue", "CLV", "", None, 1):
        with pytest.raises(ValidationError) as caught:
            validate({"value_basis": basis})
        assert caught.value.field == "value_basis" and "monetary" in str(caught.value)
        with pytest.raises(ValidationError), vault.sessions.begin() as s:
            save_rules(s, {"value_basis": basis})
    with vault.sessions() as s:
        assert active_rules(s)["value_basis"] == "monetary"  # nothing saved


def test_the_default_basis_is_monetary_and_clv_is_kept(vault):
    with vault.sessions.begin() as s:
        assert active_rules(s)["value_basis"] == "monetary"
        save_rules(s, {"value_basis": "clv"})
    with vault.sessions() as s:
        assert active_rules(s)["value_basis"] == "clv"


DAY = date(2026, 12, 1)


def _row(session, cid) -> tuple | None:
    t = session.get(CustomerTier, cid)
    return (t.value_tier, t.m_score, t.abc_class, t.r_score, t.f_score, t.monetary_fen,
            t.reason) if t else None


def test_the_daily_run_ranks_todays_predictions_and_one_customer_alone_agrees(vault):
    plant(vault, PLANTED)  # CDNOW customers: enough for both fits
    with vault.sessions.begin() as s:
        save_rules(s, {"value_basis": "clv"})
    steps = []
    with vault.sessions.begin() as s:
        summary = refresh_if_stale(s, clock=clv_clock, progress=lambda k, n: steps.append(k))
    assert summary.clv is None, summary.clv
    assert steps == [1, 2, 3, 4, 5]
    with vault.sessions() as s:
        assert store.latest_run(s).as_of == CLV_DAY  # fitted before the tiers ranked it
        ids = list(s.scalars(select(Customer.id).order_by(Customer.id)))
        full = {cid: _row(s, cid) for cid in ids}
    assert sum("basis" in (r[6] or "") for r in full.values() if r) == PLANTED
    with vault.sessions.begin() as s:
        for cid in ids:
            assert recompute_customers(s, [cid], clock=lambda: STAMP) == 0
            assert _row(s, cid) == full[cid], cid


def test_one_customer_alone_agrees_with_the_full_run_with_and_without_a_prediction(vault):
    generate_demo_data(vault.sessions, 250, seed=7, today=DAY)
    with vault.sessions.begin() as s:
        ids = list(s.scalars(select(Customer.id).order_by(Customer.id)))
    # Predictions for every other customer only: the rest rank by their revenue.
    store_clv(vault, date(2026, 11, 1), {cid: 1000 * ((cid * 37) % 97) for cid in ids[::2]})
    with vault.sessions.begin() as s:
        save_rules(s, {"value_basis": "clv"})
        recompute(s, DAY, clock=lambda: STAMP)
    assert count(vault, ClvRun) == 1
    for n, cid in enumerate(ids[:40:3]):
        with vault.sessions.begin() as s:  # new purchases move the customer's figures
            s.add(Purchase(customer_id=cid, purchased_on=date(2026, 11, 10 + n % 10),
                           amount_fen=(n + 1) * 70_000, product="加购"))
        with vault.sessions.begin() as s:
            recompute_customers(s, [cid], clock=lambda: STAMP)
            alone = _row(s, cid)
        with vault.sessions.begin() as s:
            recompute(s, DAY, clock=lambda: STAMP)
            assert _row(s, cid) == alone, cid
