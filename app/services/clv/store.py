"""Reading and writing clv_run / customer_clv. A run replaces any earlier run of the
same as-of date and drops the runs beyond the latest KEEP_RUNS dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import ClvRun, Customer, CustomerClv
from app.services.clv.bgnbd import BgNbd
from app.services.clv.gamma import GammaGamma
from app.services.clv.inputs import Inputs
from app.services.clv.score import Prediction, Scores
from app.services.team.dialect import driver_sql

# Today's figures, and two earlier dates to compare with; see models.customer_clv.
KEEP_RUNS = 3

_INSERT = ("INSERT INTO customer_clv (as_of, customer_id, run_id, frequency, recency_days, "
           "age_days, repeat_spend_fen, p_alive, expected_purchases, expected_spend_fen, "
           "clv_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def save(session: Session, inputs: Inputs, bg: BgNbd, gg: GammaGamma, scores: Scores, *,
         computed_at: datetime, horizon_days: int, discount_rate: float) -> ClvRun:
    as_of = inputs.as_of
    session.execute(delete(CustomerClv).where(CustomerClv.as_of == as_of))
    session.execute(delete(ClvRun).where(ClvRun.as_of == as_of))
    run = ClvRun(as_of=as_of, computed_at=computed_at, customers=len(inputs),
                 repeat_buyers=inputs.repeat_buyers, horizon_days=horizon_days,
                 discount_rate=discount_rate, r=bg.r, alpha=bg.alpha, a=bg.a, b=bg.b,
                 log_likelihood=bg.log_likelihood, p=gg.p, q=gg.q, gamma=gg.gamma)
    session.add(run)
    session.flush()
    day = as_of.isoformat()  # as SQLAlchemy stores a Date on SQLite
    rows = zip([day] * len(inputs), inputs.cid.tolist(), [run.id] * len(inputs),
               inputs.x.tolist(), inputs.t_x.tolist(), inputs.T.tolist(),
               np.rint(inputs.zbar).astype(np.int64).tolist(), scores.p_alive.tolist(),
               scores.expected_purchases.tolist(), scores.expected_spend_fen.tolist(),
               scores.clv_fen.tolist(), strict=True)
    conn = session.connection()
    conn.exec_driver_sql(driver_sql(conn, _INSERT), list(rows))
    _prune(session)
    return run


def _prune(session: Session) -> None:
    kept = select(ClvRun.as_of).order_by(ClvRun.as_of.desc()).limit(KEEP_RUNS)
    old = session.scalars(select(ClvRun.as_of).where(ClvRun.as_of.not_in(kept))).all()
    if old:
        session.execute(delete(CustomerClv).where(CustomerClv.as_of.in_(old)))
        session.execute(delete(ClvRun).where(ClvRun.as_of.in_(old)))


def latest_run(session: Session) -> ClvRun | None:
    return session.scalars(select(ClvRun).order_by(ClvRun.as_of.desc()).limit(1)).first()


def run_on(session: Session, as_of: date) -> ClvRun | None:
    return session.scalars(select(ClvRun).where(ClvRun.as_of == as_of)).first()


def models_of(run: ClvRun) -> tuple[BgNbd, GammaGamma]:
    return (BgNbd(run.r, run.alpha, run.a, run.b, run.log_likelihood),
            GammaGamma(run.p, run.q, run.gamma, 0.0))


def _prediction(run: ClvRun, row) -> Prediction:
    return Prediction(row.customer_id, run.as_of, run.horizon_days, row.p_alive,
                      row.expected_purchases, row.expected_spend_fen, row.clv_fen)


def predictions(session: Session, run: ClvRun,
                customer_ids: Iterable[int]) -> dict[int, Prediction]:
    ids = list(customer_ids)
    out: dict[int, Prediction] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in session.scalars(select(CustomerClv).where(
                CustomerClv.as_of == run.as_of, CustomerClv.customer_id.in_(chunk))):
            out[row.customer_id] = _prediction(run, row)
    return out


def row_of(session: Session, run: ClvRun, customer_id: int) -> CustomerClv | None:
    return session.get(CustomerClv, (run.as_of, customer_id))


def top_rows(session: Session, run: ClvRun, limit: int) -> list[tuple[Prediction, str, str]]:
    """(prediction, code, name) of the active customers of highest value, best first:
    the (as_of, clv_fen) index read backwards."""
    q = (select(CustomerClv, Customer.code, Customer.name)
         .join(Customer, Customer.id == CustomerClv.customer_id)
         .where(CustomerClv.as_of == run.as_of, Customer.deleted_at.is_(None))
         .order_by(CustomerClv.clv_fen.desc(), CustomerClv.customer_id.desc()).limit(limit))
    return [(_prediction(run, row), code, name) for row, code, name in session.execute(q)]
