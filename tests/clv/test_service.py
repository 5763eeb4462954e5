"""Fit, score, store and read back predicted values against the real encrypted file;
bad input leaves the previous figures; the daily tier refresh carries them along."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pytest

from app.errors import InvalidInput, ValidationError
from app.i18n import set_language
from app.models import ClvRun, CustomerClv, Purchase, TierRun
from app.services.clv import bgnbd, gamma, service, store
from app.services.clv.inputs import summarise
from app.services.clv.score import Prediction, score
from app.services.customers.service import move_to_trash
from app.services.tiers.rules import save_rules
from app.services.tiers.service import refresh_if_stale
from tests.clv.cdnow import CALIBRATION_END, plant, transactions
from tests.daily_helpers import count, make_customer, query_plans

N = 150  # CDNOW customers planted: enough for both fits, quick to create


@pytest.fixture
def planted(vault):
    return plant(vault, N)


def _clock(day: date):
    return lambda: datetime.combine(day, datetime.min.time()) + timedelta(hours=9)


def test_refresh_stores_what_the_models_give(vault, planted):
    with vault.sessions.begin() as s:
        result = service.refresh(s, CALIBRATION_END, clock=_clock(CALIBRATION_END))
    assert result.customers == N and result.repeat_buyers > 10
    # The same fit and scores straight from the arrays of the same customers.
    cid, day, cents = transactions()
    mine = summarise(cid[cid <= N], day[cid <= N], cents[cid <= N], CALIBRATION_END)
    bg = bgnbd.fit(*mine.weeks())
    rep = mine.x > 0
    gg = gamma.fit(mine.x[rep], mine.zbar[rep] / 100)
    expect = score(bg, gg, mine.x, mine.t_x, mine.T, mine.zbar, 90, 0.10)
    assert result.fit.bg.r == pytest.approx(bg.r, rel=1e-6)
    with vault.sessions() as s:
        run = store.latest_run(s)
        assert (run.as_of, run.customers, run.horizon_days, run.discount_rate) == (
            CALIBRATION_END, N, 90, 0.10)
        got = service.latest(s, [planted[k] for k in range(1, N + 1)])
    assert len(got) == N
    for i, k in enumerate(mine.cid.tolist()):
        p = got[planted[k]]
        assert p.clv_fen == expect.clv_fen[i]
        assert p.expected_spend_fen == expect.expected_spend_fen[i]
        assert p.p_alive == pytest.approx(expect.p_alive[i])
    assert any(p.clv_fen > 0 for p in got.values())


def test_the_sentence_in_both_languages():
    p = Prediction(1, date(2026, 6, 1), 90, 0.823, 1.26, 170000, 214012)
    set_language("zh")
    try:
        assert p.reason() == "预计未来 90 天购买 1.3 次，仍活跃概率 82%，预测价值 ¥2,140"
    finally:
        set_language("en")
    assert p.reason() == ("Expected to buy 1.3 times in the next 90 days, 82% likely still "
                          "active, predicted value ¥2,140")
    assert set(p.to_json()) == {"p_alive", "expected_purchases", "expected_spend_fen",
                                "clv_fen", "horizon_days", "reason"}


def test_only_the_latest_few_dates_are_kept_and_a_date_is_replaced(vault, planted):
    days = [CALIBRATION_END + timedelta(days=d) for d in (0, 1, 2, 3, 3)]
    for day in days:
        with vault.sessions.begin() as s:
            service.refresh(s, day, clock=_clock(day))
    with vault.sessions() as s:
        kept = s.query(ClvRun.as_of).order_by(ClvRun.as_of).all()
        assert [d for (d,) in kept] == days[1:4]
        rows = s.query(CustomerClv.as_of).distinct().order_by(CustomerClv.as_of).all()
        assert [d for (d,) in rows] == days[1:4]
    assert count(vault, CustomerClv) == store.KEEP_RUNS * N


def test_top_pages_by_the_index_and_skips_the_trash(vault, planted):
    with vault.sessions.begin() as s:
        service.refresh(s, CALIBRATION_END, clock=_clock(CALIBRATION_END))
    with vault.sessions() as s:
        best = service.top(s, 5)
    values = [t.prediction.clv_fen for t in best]
    assert values == sorted(values, reverse=True) and len(best) == 5
    with vault.sessions.begin() as s:
        move_to_trash(s, [best[0].code])
    with vault.sessions() as s:
        after = service.top(s, 5)
        plans = query_plans(s, lambda s: service.top(s, 5))
    assert best[0].code not in [t.code for t in after]
    assert after[0].code == best[1].code
    # Sorted by the index, not by a temporary B-tree over the rows.
    assert any("ix_customer_clv_as_of_clv" in line for line in plans), plans
    assert not any("TEMP B-TREE" in line for line in plans), plans


def test_another_horizon_is_rescored_from_the_stored_inputs(vault, planted):
    with vault.sessions.begin() as s:
        service.refresh(s, CALIBRATION_END, clock=_clock(CALIBRATION_END))
    cid = planted[1]  # CDNOW customer 1: three purchase days in calibration
    with vault.sessions() as s:
        stored = service.predict(s, cid)
        same = service.predict(s, cid, horizon_days=90)
        longer = service.predict(s, cid, horizon_days=365)
        on_the_spot = service.predict(s, cid, as_of=CALIBRATION_END - timedelta(days=30))
    assert same == stored and stored.horizon_days == 90
    assert longer.horizon_days == 365
    assert longer.expected_purchases > stored.expected_purchases
    assert longer.clv_fen > stored.clv_fen
    assert longer.p_alive == pytest.approx(stored.p_alive)
    assert on_the_spot.as_of == CALIBRATION_END - timedelta(days=30)
    assert count(vault, ClvRun) == 1  # the on-the-spot fit wrote nothing


def test_discount_rate_comes_from_the_rules(vault, planted):
    with vault.sessions.begin() as s:
        with pytest.raises(ValidationError, match="clv_discount_rate"):
            save_rules(s, {"clv_discount_rate": 2})
        save_rules(s, {"clv_discount_rate": 0.0})
        plain = service.refresh(s, CALIBRATION_END, clock=_clock(CALIBRATION_END))
    with vault.sessions.begin() as s:
        save_rules(s, {"clv_discount_rate": 1.0})
        service.refresh(s, CALIBRATION_END, clock=_clock(CALIBRATION_END))
    with vault.sessions() as s:
        run = store.latest_run(s)
        assert run.discount_rate == 1.0
        p = service.predict(s, planted[1])
    x, t_x, T = (np.array([v]) for v in (2, 213, 272))
    undiscounted = score(plain.fit.bg, plain.fit.gg, x, t_x, T, np.array([2234.5]), 90, 0.0)
    assert 0 < p.clv_fen < undiscounted.clv_fen[0]


def test_bad_input_keeps_the_previous_figures(vault, planted):
    with vault.sessions.begin() as s:
        service.refresh(s, CALIBRATION_END, clock=_clock(CALIBRATION_END))
    with vault.sessions() as s:
        before = service.latest(s, planted.values())
    with vault.sessions.begin() as s:
        move_to_trash(s, [planted[k] for k in range(1, N - 20)])  # 21 customers left
    later = CALIBRATION_END + timedelta(days=1)
    with pytest.raises(InvalidInput, match="at least 30 customers"), \
            vault.sessions.begin() as s:
        service.refresh(s, later, clock=_clock(later))
    with vault.sessions() as s:
        assert store.latest_run(s).as_of == CALIBRATION_END
        assert service.latest(s, planted.values()) == before


def _one_timers(vault, n: int, day: date) -> None:
    for i in range(n):
        cid = make_customer(vault, f"一次{i}")
        with vault.sessions.begin() as s:
            s.add(Purchase(customer_id=cid, amount_fen=1000 + i,
                           purchased_on=day - timedelta(days=i)))


def test_everyone_bought_once_is_said_so(vault):
    day = date(2026, 6, 1)
    _one_timers(vault, 35, day)
    with pytest.raises(InvalidInput, match="bought only once"), vault.sessions.begin() as s:
        service.refresh(s, day, clock=_clock(day))
    assert count(vault, ClvRun) == 0


def test_daily_refresh_keeps_the_tiers_when_the_values_cannot_fit(vault):
    day = date(2026, 6, 1)
    _one_timers(vault, 5, day)
    steps = []
    with vault.sessions.begin() as s:
        summary = refresh_if_stale(s, clock=_clock(day), progress=lambda k, n: steps.append(k))
    assert summary.customers == 5 and "at least 30 customers" in summary.clv
    assert count(vault, TierRun) == 1 and count(vault, ClvRun) == 0
    assert steps == [1, 2, 3]  # the read was done; the fit stopped it


def test_daily_refresh_brings_the_values_along(vault, planted):
    day = CALIBRATION_END
    steps = []
    with vault.sessions.begin() as s:
        summary = refresh_if_stale(s, clock=_clock(day), progress=lambda k, n: steps.append((k, n)))
    assert summary.clv is None
    assert steps == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    with vault.sessions() as s:
        assert store.latest_run(s).as_of == day
    assert count(vault, CustomerClv) == N
