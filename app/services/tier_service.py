"""Recompute, read and summarise value tiers and lifecycle stages.

`recompute` replaces the current rows (table customer_tier) in one transaction
and adds a `tier_snapshot` only for customers whose tier or stage changed, with
the reason, so the snapshots are the history of changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import Customer, CustomerTier
from app.models.base import now
from app.services import audit
from app.services.tier_compute import ROW_FIELDS, compute_table, compute_tiers
from app.services.tier_reason import describe
from app.services.tier_rules import Rules, active_rules


@dataclass(frozen=True)
class RecomputeSummary:
    as_of: date
    customers: int
    changed: int  # customers whose tier or stage changed (snapshots written)
    tiers: dict[str, int]
    stages: dict[str, int]
    rule_set_version: int


@dataclass(frozen=True)
class TierCounts:
    tiers: dict[str, int]  # "potential" counts the customers with no value tier
    stages: dict[str, int]
    total: int


def preview_counts(session: Session, rules: Rules, as_of: date,
                   cancel: Callable[[], bool] | None = None) -> TierCounts:
    """How many customers would land in each tier and stage under `rules`; no writes."""
    tiers: Counter[str] = Counter()
    stages: Counter[str] = Counter()
    for r in compute_tiers(session, as_of, rules, cancel):
        tiers[r.value_tier or "potential"] += 1
        stages[r.lifecycle_stage] += 1
    return TierCounts(dict(tiers), dict(stages), sum(stages.values()))


_INSERT_CURRENT = (
    "INSERT INTO customer_tier (customer_id, value_tier, lifecycle_stage, recency_days, "
    "frequency, monetary_fen, first_purchase, last_purchase, r_score, f_score, m_score, "
    "abc_class, churn_risk, reason, as_of, computed_at, rule_set_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_SNAPSHOT = (
    "INSERT INTO tier_snapshot (customer_id, value_tier, lifecycle_stage, recency_days, "
    "frequency, monetary_fen, r_score, f_score, m_score, abc_class, churn_risk, reason, "
    "computed_at, rule_set_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


# Positions in a current row of the snapshot's columns (no first/last purchase).
_SNAPSHOT_FIELDS = tuple(ROW_FIELDS.index(name) for name in (
    "customer_id", "value_tier", "lifecycle_stage", "recency_days", "frequency",
    "monetary_fen", "r_score", "f_score", "m_score", "abc_class", "churn_risk", "reason"))


def recompute(session: Session, as_of: date | None = None, *,
              clock: Callable[[], datetime] = now, rules: Rules | None = None,
              progress: Callable[[int, int], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> RecomputeSummary | None:
    """Recompute every active customer as of `as_of` (default: today) within the
    caller's transaction. Returns None, having written nothing, when cancelled."""
    at = clock()
    as_of = as_of or at.date()
    rules = rules or active_rules(session)
    # Stored as SQLAlchemy stores dates and times on SQLite, written by the driver
    # directly: a hundred thousand rows through the ORM would cost seconds.
    stamp, day = at.strftime("%Y-%m-%d %H:%M:%S.%f"), as_of.isoformat()
    previous = dict(session.connection().exec_driver_sql(
        "SELECT customer_id, coalesce(value_tier, '') || '|' || lifecycle_stage "
        "FROM customer_tier").fetchall())
    table = compute_table(session, as_of, rules, cancel)
    if table is None:
        return None
    cols = table.columns
    tail = (day, stamp, rules.rule_set_id)
    current = [(*row, *tail) for row in table.rows()]
    changed = [i for i, key in enumerate(map("{}|{}".format,
                                             (t or "" for t in cols["value_tier"]),
                                             cols["lifecycle_stage"]))
               if previous.get(cols["customer_id"][i]) != key]
    snapshots = [(*(current[i][k] for k in _SNAPSHOT_FIELDS), stamp, rules.rule_set_id)
                 for i in changed]
    tiers = Counter(t or "potential" for t in cols["value_tier"])
    stages = Counter(cols["lifecycle_stage"])
    if cancel is not None and cancel():
        return None
    if progress is not None:
        progress(1, 2)
    conn = session.connection()
    session.execute(delete(CustomerTier))
    if current:
        conn.exec_driver_sql(_INSERT_CURRENT, current)
    if snapshots:
        conn.exec_driver_sql(_INSERT_SNAPSHOT, snapshots)
    audit.record(session, "tiers.recompute", "customer_tier", None,
                 {"as_of": day, "customers": len(current), "changed": len(snapshots),
                  "rule_set_version": rules.version})
    if progress is not None:
        progress(2, 2)
    return RecomputeSummary(as_of, len(current), len(snapshots),
                            {k: v for k, v in tiers.items()},
                            {str(k): v for k, v in stages.items()}, rules.version)


def summary(session: Session) -> TierCounts:
    """Counts per current tier and stage (active customers; none if never computed)."""
    base = (select(CustomerTier.value_tier, CustomerTier.lifecycle_stage, func.count())
            .join(Customer, Customer.id == CustomerTier.customer_id)
            .where(Customer.deleted_at.is_(None))
            .group_by(CustomerTier.value_tier, CustomerTier.lifecycle_stage))
    tiers: Counter[str] = Counter()
    stages: Counter[str] = Counter()
    for tier, stage, n in session.execute(base):
        tiers[tier or "potential"] += n
        stages[stage] += n
    return TierCounts(dict(tiers), dict(stages), sum(stages.values()))


@dataclass(frozen=True)
class TierInfo:
    customer_id: int
    code: str
    name: str
    recency_days: int | None
    frequency: int
    monetary: int  # fen
    first_purchase: date | None
    last_purchase: date | None
    r_score: int | None
    f_score: int | None
    m_score: int | None
    abc: str | None
    tier: str | None
    stage: str
    churn_risk: float | None
    reason: str  # in words
    as_of: date
    computed_at: datetime

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, date | datetime):
                out[key] = value.isoformat()
        return out


def tier_of(session: Session, customer_id: int) -> TierInfo | None:
    """The customer's current tier, or None if tiers were never computed for them."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"No customer #{customer_id}.", f"没有编号为 #{customer_id} 的客户。")
    t = session.get(CustomerTier, customer_id)
    if t is None:
        return None
    return TierInfo(customer_id, customer.code, customer.name, t.recency_days, t.frequency,
                    t.monetary_fen, t.first_purchase, t.last_purchase, t.r_score, t.f_score,
                    t.m_score, t.abc_class, t.value_tier, t.lifecycle_stage, t.churn_risk,
                    describe(t.reason), t.as_of, t.computed_at)
