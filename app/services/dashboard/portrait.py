"""Customer portrait (客户画像): one customer's purchases per month, their R/F/M against
the medians of the customers in the same tier, contacts per channel and their
satisfaction scores over time, and the latest predicted value (services.clv; None
when there is no run or the run did not score the customer). Everything grouped in
SQL; the medians are read with ORDER BY … LIMIT/OFFSET over the tier's rows (one index
walk each), not in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import ContactEvent, Customer, CustomerTier, Purchase
from app.services.clv import service as clv_service
from app.services.clv.score import Prediction
from app.services.daily.satisfaction import DEFAULT_TARGET
from app.services.dashboard.scope import scores

SCORE_LIMIT = 200  # the newest scores drawn; a longer history only blurs the line
_EVER, _NEVER = datetime(1900, 1, 1), datetime(9999, 1, 1)


@dataclass(frozen=True)
class RfmMetric:
    name: str  # recency_days | frequency | monetary_fen
    value: float | None  # this customer
    tier_median: float | None  # the median over the customers of the same tier


@dataclass(frozen=True)
class Portrait:
    customer_id: int
    name: str
    purchases: tuple[tuple[str, int, int], ...]  # (month "2026-01", count, amount fen)
    tier: str | None  # value tier code; None = potential or not computed
    stage: str | None  # lifecycle stage; None = no tier computed yet
    rfm: tuple[RfmMetric, ...]  # empty when no tier is computed
    contacts: tuple[tuple[str, int], ...]  # (channel, count), most first
    scores: tuple[tuple[datetime, int], ...]  # oldest first
    target: float = DEFAULT_TARGET
    prediction: Prediction | None = None

    @property
    def has_purchases(self) -> bool:
        return bool(self.purchases)

    @property
    def purchase_count(self) -> int:
        return sum(n for _m, n, _a in self.purchases)


def _median(session: Session, column, tier: str | None) -> float | None:
    same = (CustomerTier.value_tier.is_(None) if tier is None
            else CustomerTier.value_tier == tier)
    base = (select(column).join(Customer, Customer.id == CustomerTier.customer_id)
            .where(same, column.is_not(None), Customer.deleted_at.is_(None)))
    n = int(session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    if not n:
        return None
    middle = list(session.scalars(base.order_by(column).offset((n - 1) // 2)
                                  .limit(1 if n % 2 else 2)))
    return sum(middle) / len(middle)


def load_portrait(session: Session, customer_id: int,
                  target: float = DEFAULT_TARGET) -> Portrait:
    name = session.scalar(select(Customer.name).where(Customer.id == customer_id))
    if name is None:
        raise NotFound(f"No customer #{customer_id}.", f"找不到客户 #{customer_id}。")
    month = func.substr(Purchase.purchased_on, 1, 7).label("m")
    purchases = tuple(
        (m, int(n), int(total or 0)) for m, n, total in session.execute(
            select(month, func.count(), func.sum(Purchase.amount_fen))
            .where(Purchase.customer_id == customer_id).group_by(month).order_by(month)))
    tier_row = session.get(CustomerTier, customer_id)
    rfm: tuple[RfmMetric, ...] = ()
    if tier_row is not None:
        # Days since the last purchase as of the latest tier run (not stored per row).
        from app.services.tiers.service import latest_run

        run = latest_run(session)
        as_of = run.as_of if run else date.today()
        recency = (func.julianday(as_of.isoformat())
                   - func.julianday(CustomerTier.last_purchase))
        own = (as_of - tier_row.last_purchase).days if tier_row.last_purchase else None
        rfm = (RfmMetric("recency_days", own, _median(session, recency, tier_row.value_tier)),
               *(RfmMetric(col.key, getattr(tier_row, col.key),
                           _median(session, col, tier_row.value_tier))
                 for col in (CustomerTier.frequency, CustomerTier.monetary_fen)))
    contacts = tuple(
        (channel, int(n)) for channel, n in session.execute(
            select(ContactEvent.channel, func.count())
            .where(ContactEvent.customer_id == customer_id)
            .group_by(ContactEvent.channel).order_by(func.count().desc(), ContactEvent.channel)))
    s = scores(_EVER, _NEVER, customer_id=customer_id)
    newest = list(session.execute(select(s.c.at, s.c.score)
                                  .order_by(s.c.at.desc(), s.c.source.desc()).limit(SCORE_LIMIT)))
    return Portrait(
        customer_id, name, purchases,
        tier=tier_row.value_tier if tier_row else None,
        stage=tier_row.lifecycle_stage if tier_row else None,
        rfm=rfm, contacts=contacts,
        scores=tuple((when, int(score)) for when, score in reversed(newest)),
        target=float(target), prediction=clv_service.latest_of(session, customer_id))
