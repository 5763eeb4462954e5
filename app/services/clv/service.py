"""Fit, score and store predicted customer value; read it back.

`refresh` fits both models as of a date, scores every customer with a purchase by
then and stores the run, all in the caller's transaction; anything wrong with the
data raises a bilingual InvalidInput *before* a row is written, so the previous
figures stay. `refresh_after_tiers` is the daily step run after the tier recompute:
it never lets a failed fit undo the tiers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from sqlalchemy.orm import Session

from app.errors import InvalidInput, KehuError, NotFound
from app.models.base import now
from app.services.clv import bgnbd, gamma, inputs, store
from app.services.clv.bgnbd import BgNbd
from app.services.clv.gamma import GammaGamma
from app.services.clv.score import DEFAULT_HORIZON_DAYS, FEN_PER_YUAN, Prediction, score
from app.services.team.roles import refuse_for_a_branch
from app.services.tiers.rules import active_rules

log = logging.getLogger(__name__)

# BG/NBD has 4 parameters over all buyers and Gamma-Gamma 3 over the repeat buyers
# alone. Below ~10 repeat buyers the Gamma-Gamma fit follows single customers and
# the dropout parameters (a, b) are barely identified; 30 customers is the floor at
# which the purchase-rate mixture (r, α) means anything. Floors, not guarantees:
# the published fits use 2,357 customers, 946 of them repeat buyers.
MIN_CUSTOMERS = 30
MIN_REPEAT_BUYERS = 10


class NotEnoughData(InvalidInput):
    pass


@dataclass(frozen=True)
class Fit:
    inputs: inputs.Inputs
    bg: BgNbd
    gg: GammaGamma

    def to_json(self) -> dict:
        return {"time_unit": "week", "r": self.bg.r, "alpha": self.bg.alpha, "a": self.bg.a,
                "b": self.bg.b, "p": self.gg.p, "q": self.gg.q, "gamma": self.gg.gamma,
                "log_likelihood": self.bg.log_likelihood, "customers": len(self.inputs),
                "as_of": self.inputs.as_of.isoformat()}


def check(data: inputs.Inputs) -> None:
    """NotEnoughData unless the purchases can carry both models."""
    n, repeat = len(data), data.repeat_buyers
    if n < MIN_CUSTOMERS:
        raise NotEnoughData(
            f"Predicting value needs at least {MIN_CUSTOMERS} customers with a purchase, "
            f"{MIN_REPEAT_BUYERS} of them buying again; there are {n}. The previous "
            "predictions are kept.",
            f"预测价值至少需要 {MIN_CUSTOMERS} 位有购买记录的客户（其中 {MIN_REPEAT_BUYERS} "
            f"位复购）；目前只有 {n} 位。保留上一次的预测。")
    if repeat == 0:
        raise NotEnoughData(
            f"Every one of the {n} customers bought only once (or on one day): there is "
            "no repeat purchase to learn from. The previous predictions are kept.",
            f"全部 {n} 位客户都只购买过一次（或只在一天内购买）：没有复购可供学习。"
            "保留上一次的预测。")
    if repeat < MIN_REPEAT_BUYERS:
        raise NotEnoughData(
            f"Predicting value needs at least {MIN_REPEAT_BUYERS} customers who bought on "
            f"more than one day; there are {repeat} of {n}. The previous predictions are "
            "kept.",
            f"预测价值至少需要 {MIN_REPEAT_BUYERS} 位在不同日期多次购买的客户；目前 {n} 位"
            f"客户中只有 {repeat} 位。保留上一次的预测。")


def fit_inputs(data: inputs.Inputs) -> Fit:
    check(data)
    x, t_x, T = data.weeks()
    bg = bgnbd.fit(x, t_x, T)
    spenders = (data.x > 0) & (data.zbar > 0)  # a free repeat purchase says nothing of spend
    if spenders.sum() < MIN_REPEAT_BUYERS:
        raise NotEnoughData(
            f"Too few repeat purchases with a value above zero ({int(spenders.sum())}; "
            f"at least {MIN_REPEAT_BUYERS} needed). The previous predictions are kept.",
            f"金额大于零的复购客户太少（{int(spenders.sum())} 位；至少需要 "
            f"{MIN_REPEAT_BUYERS} 位）。保留上一次的预测。")
    gg = gamma.fit(data.x[spenders], data.zbar[spenders] / FEN_PER_YUAN)
    return Fit(data, bg, gg)


def fit_as_of(session: Session, as_of: date) -> Fit:
    """Both models fitted as of `as_of`; nothing written."""
    return fit_inputs(inputs.read(session, as_of))


def discount_rate(session: Session) -> float:
    return float(active_rules(session)["clv_discount_rate"])


@dataclass(frozen=True)
class RefreshSummary:
    as_of: date
    customers: int
    repeat_buyers: int
    fit: Fit


def refresh(session: Session, as_of: date | None = None, *,
            clock: Callable[[], datetime] = now, horizon_days: int = DEFAULT_HORIZON_DAYS,
            progress: Callable[[int, int], None] | None = None) -> RefreshSummary:
    """Fit, score every buyer and store the run as of `as_of` (default today) in the
    caller's transaction; replaces a run of the same date."""
    at = clock()
    as_of = as_of or at.date()

    def step(k: int) -> None:
        if progress is not None:
            progress(k, 3)

    refuse_for_a_branch(session.connection(), "Predicting customer value", "预测客户价值")
    data = inputs.read(session, as_of)
    step(1)
    fitted = fit_inputs(data)
    step(2)
    rate = discount_rate(session)
    scores = score(fitted.bg, fitted.gg, data.x, data.t_x, data.T, data.zbar, horizon_days,
                   rate)
    if not (np.isfinite(scores.p_alive).all() and np.isfinite(scores.expected_purchases).all()):
        raise InvalidInput("The fitted model gave no finite prediction for some customers; "
                           "the previous predictions are kept.",
                           "拟合的模型对部分客户给不出有限的预测值；保留上一次的预测。")
    store.save(session, data, fitted.bg, fitted.gg, scores, computed_at=at,
               horizon_days=horizon_days, discount_rate=rate)
    step(3)
    return RefreshSummary(as_of, len(data), data.repeat_buyers, fitted)


def refresh_after_tiers(session: Session, as_of: date, *, clock: Callable[[], datetime] = now,
                        progress: Callable[[int, int], None] | None = None
                        ) -> RefreshSummary | str:
    """The daily step after the tiers: the summary, or why it could not run (the
    message; nothing of it written, the tiers kept). In a savepoint, so a failure
    half-way leaves the caller's transaction as the tiers left it."""
    try:
        with session.begin_nested():
            return refresh(session, as_of, clock=clock, progress=progress)
    except KehuError as exc:
        return str(exc)
    except (ArithmeticError, ValueError) as exc:  # numerical trouble: not the tiers' fault
        log.exception("CLV refresh failed")
        return str(exc)


# --- reading back ---------------------------------------------------------------------

def latest(session: Session, customer_ids: Iterable[int]) -> dict[int, Prediction]:
    """The latest stored prediction of each of `customer_ids` that has one."""
    run = store.latest_run(session)
    return store.predictions(session, run, customer_ids) if run else {}


def latest_of(session: Session, customer_id: int) -> Prediction | None:
    """One customer's latest stored prediction; None without a run or a score."""
    return latest(session, [customer_id]).get(customer_id)


def _no_prediction(as_of: date | None = None) -> NotFound:
    if as_of is None:
        return NotFound("No predicted values yet: run `clv fit` first.",
                        "尚无预测价值：请先运行 `clv fit`。")
    return NotFound(f"This customer had no purchase by {as_of}: no prediction.",
                    f"该客户在 {as_of} 之前没有购买记录：无法预测。")


def predict(session: Session, customer_id: int, *, horizon_days: int | None = None,
            as_of: date | None = None) -> Prediction:
    """One customer's prediction: the stored one (latest run, or the run of `as_of`),
    rescored when another horizon is asked; with `as_of` and no run of that date,
    both models are fitted for it on the spot (nothing written)."""
    run = store.run_on(session, as_of) if as_of else store.latest_run(session)
    if run is None and as_of is None:
        raise _no_prediction()
    if run is None:
        fitted = fit_as_of(session, as_of)
        data = fitted.inputs
        at = np.flatnonzero(data.cid == customer_id)
        if not len(at):
            raise _no_prediction(as_of)
        data = data.take(at)
        bg, gg, rate = fitted.bg, fitted.gg, discount_rate(session)
        x, t_x, T, zbar = data.x, data.t_x, data.T, data.zbar
    else:
        row = store.row_of(session, run, customer_id)
        if row is None:
            raise _no_prediction(run.as_of)
        if horizon_days in (None, run.horizon_days):
            return store.predictions(session, run, [customer_id])[customer_id]
        bg, gg = store.models_of(run)
        rate = run.discount_rate
        x, t_x, T = (np.array([v]) for v in (row.frequency, row.recency_days, row.age_days))
        zbar = np.array([float(row.repeat_spend_fen)])
        as_of = run.as_of
    horizon = horizon_days or DEFAULT_HORIZON_DAYS
    s = score(bg, gg, x, t_x, T, zbar, horizon, rate)
    return Prediction(customer_id, as_of, horizon, float(s.p_alive[0]),
                      float(s.expected_purchases[0]), int(s.expected_spend_fen[0]),
                      int(s.clv_fen[0]))


@dataclass(frozen=True)
class TopCustomer:
    code: str
    name: str
    prediction: Prediction

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name, **self.prediction.to_json()}


def top(session: Session, limit: int = 20) -> list[TopCustomer]:
    """The active customers of highest predicted value in the latest run."""
    run = store.latest_run(session)
    if run is None:
        raise _no_prediction()
    return [TopCustomer(code, name, p) for p, code, name in store.top_rows(session, run, limit)]

