"""Predicted value (CLV) on the dashboard: how the latest run's values spread over the
customers in scope, and the ten customers of highest value.

The spread is a histogram with an overflow bin: the x axis ends at a round figure just
above the CAP_QUANTILE of the values, so one whale cannot squash every other customer
into the first bar; the customers above it are counted in a last, open-ended bin.
Counted in SQL (one GROUP BY over the run's rows), never every value in Python.
The owner/region filter narrows the customers like every other chart; the period
does not apply (a run predicts from its own as-of date), and the trash is left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from app.models import Customer, CustomerClv
from app.services.clv import store
from app.services.dashboard.scope import DashboardFilter, customer_conds

BINS = 10
TOP = 10
CAP_QUANTILE = 0.95  # the axis ends above 95 % of the values; the rest overflow


@dataclass(frozen=True)
class ClvBin:
    lo_fen: int
    hi_fen: int | None  # None: the open-ended overflow bin (≥ lo_fen)
    count: int


@dataclass(frozen=True)
class TopValue:
    customer_id: int
    code: str
    name: str
    clv_fen: int


@dataclass(frozen=True)
class ClvOverview:
    as_of: date | None  # the run's date; None = no run yet
    horizon_days: int | None
    customers: int  # scored customers in scope
    total_fen: int
    bins: tuple[ClvBin, ...]
    top: tuple[TopValue, ...]  # highest first

    @property
    def has_run(self) -> bool:
        return self.as_of is not None


NO_RUN = ClvOverview(None, None, 0, 0, (), ())


def nice_step(span_fen: int, bins: int = BINS) -> int:
    """A bin width in fen that reads well in yuan (1, 2, 2.5 or 5 × 10^k yuan, at least
    ¥1), so that `bins` of them cover `span_fen`."""
    raw = max(span_fen / bins / 100, 1.0)  # yuan
    power = 10 ** math.floor(math.log10(raw))
    m = next(m for m in (1, 2, 2.5, 5, 10) if m * power >= raw)  # 10 always is
    return round(m * power * 100)


def _scored(run, flt: DashboardFilter):
    return (select(CustomerClv.clv_fen)
            .join(Customer, Customer.id == CustomerClv.customer_id)
            .where(CustomerClv.as_of == run.as_of, *customer_conds(flt)))


def _cap(session: Session, run, flt: DashboardFilter, n: int) -> int:
    """The CAP_QUANTILE value: ORDER BY … OFFSET over the run's index, one walk."""
    offset = min(n - 1, int(CAP_QUANTILE * (n - 1)))
    q = _scored(run, flt).order_by(CustomerClv.clv_fen).offset(offset).limit(1)
    return int(session.scalar(q) or 0)


def histogram(session: Session, run, flt: DashboardFilter,
              bins: int = BINS) -> tuple[int, int, tuple[ClvBin, ...]]:
    """(customers, total fen, bins) of the run's values in scope."""
    n, total = session.execute(
        select(func.count(), func.coalesce(func.sum(CustomerClv.clv_fen), 0))
        .select_from(CustomerClv).join(Customer, Customer.id == CustomerClv.customer_id)
        .where(CustomerClv.as_of == run.as_of, *customer_conds(flt))).one()
    if not n:
        return 0, 0, ()
    step = nice_step(_cap(session, run, flt, n), bins)
    # Negative values cannot come from the models; clamp them into the first bin anyway.
    index = func.min(func.max(cast(CustomerClv.clv_fen / step, Integer), 0), bins).label("i")
    counts = dict(session.execute(
        select(index, func.count()).select_from(CustomerClv)
        .join(Customer, Customer.id == CustomerClv.customer_id)
        .where(CustomerClv.as_of == run.as_of, *customer_conds(flt)).group_by(index)).all())
    out = [ClvBin(i * step, (i + 1) * step, int(counts.get(i, 0))) for i in range(bins)]
    if counts.get(bins):
        out.append(ClvBin(bins * step, None, int(counts.get(bins, 0))))
    return int(n), int(total), tuple(out)


def top_customers(session: Session, run, flt: DashboardFilter,
                  limit: int = TOP) -> tuple[TopValue, ...]:
    """The customers in scope of highest value, best first (ties: newest id first, as
    services.clv.store.top_rows)."""
    q = (select(Customer.id, Customer.code, Customer.name, CustomerClv.clv_fen)
         .join(Customer, Customer.id == CustomerClv.customer_id)
         .where(CustomerClv.as_of == run.as_of, *customer_conds(flt))
         .order_by(CustomerClv.clv_fen.desc(), CustomerClv.customer_id.desc()).limit(limit))
    return tuple(TopValue(cid, code, name, int(fen)) for cid, code, name, fen in
                 session.execute(q))


def clv_overview(session: Session, flt: DashboardFilter, *, bins: int = BINS,
                 top: int = TOP) -> ClvOverview:
    """Both CLV charts' data from the latest run; NO_RUN when there is none."""
    run = store.latest_run(session)
    if run is None:
        return NO_RUN
    n, total, spread = histogram(session, run, flt, bins)
    return ClvOverview(run.as_of, run.horizon_days, n, total, spread,
                       top_customers(session, run, flt, top))
