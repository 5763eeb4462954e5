"""Recompute, read and summarise value tiers and lifecycle stages.

`recompute` brings the current rows (table customer_tier) up to date in one
transaction, rewriting only the rows whose figures changed, and adds a
`tier_snapshot` only for customers whose tier or stage changed, with the reason,
so the snapshots are the history of changes. Each run is recorded in `tier_run`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import Customer, CustomerTier, TierRun
from app.models.base import now
from app.services import audit
from app.services.team.dialect import driver_sql
from app.services.team.roles import refuse_for_a_branch, session_branch
from app.services.tiers.compute import ROW_FIELDS, compute_table, int_list, members
from app.services.tiers.lifecycle import churn_risk
from app.services.tiers.reason import describe, with_days
from app.services.tiers.rules import Rules, active_rules


@dataclass(frozen=True)
class RecomputeSummary:
    as_of: date
    customers: int
    changed: int  # customers whose tier or stage changed (snapshots written)
    tiers: dict[str, int]
    stages: dict[str, int]
    rule_set_version: int
    rewritten: int = 0  # current rows written (any stored figure changed)
    clv: str | None = None  # why the predicted values could not follow (refresh_if_stale)
    loyalty: str | None = None  # why points and member levels could not follow


@dataclass(frozen=True)
class TierCounts:
    tiers: dict[str, int]  # "potential" counts the customers with no value tier
    stages: dict[str, int]
    total: int


def preview_counts(session: Session, rules: Rules, as_of: date,
                   cancel: Callable[[], bool] | None = None) -> TierCounts:
    """How many customers would land in each tier and stage under `rules`; no writes."""
    table = compute_table(session, as_of, rules, cancel)
    if table is None:
        return TierCounts({}, {}, 0)
    return TierCounts(table.tier_counts(), table.stage_counts(), len(table))


_UPSERT = (f"INSERT INTO customer_tier ({', '.join(ROW_FIELDS)}, rule_set_id, digest, "
           f"changed_at) VALUES ({', '.join('?' * (len(ROW_FIELDS) + 3))}) "
           "ON CONFLICT (customer_id) DO UPDATE SET "
           + ", ".join(f"{c} = excluded.{c}" for c in (*ROW_FIELDS[1:], "rule_set_id",
                                                        "digest", "changed_at")))
_INSERT_SNAPSHOT = (
    "INSERT INTO tier_snapshot (customer_id, value_tier, lifecycle_stage, recency_days, "
    "frequency, monetary_fen, r_score, f_score, m_score, abc_class, churn_risk, reason, "
    "computed_at, rule_set_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _dated(reason: str, recency: int | None, as_of: date) -> str:
    """A stored reason with the day counts of `as_of`, as a snapshot keeps it."""
    if recency is None:
        return reason
    figures = with_days(reason, as_of, as_of - timedelta(days=recency))
    return json.dumps(figures, ensure_ascii=False, separators=(",", ":"))


def _old_digests(conn) -> tuple[np.ndarray, np.ndarray]:
    """(customer ids ascending, their digests) of the current rows."""
    ids, digests = conn.exec_driver_sql(
        "SELECT string_agg(CAST(customer_id AS TEXT), ',' ORDER BY customer_id), "
        "string_agg(CAST(digest AS TEXT), ',' ORDER BY customer_id) FROM customer_tier"
        if conn.dialect.name == "postgresql" else
        "SELECT group_concat(customer_id), group_concat(digest) FROM "
        "(SELECT customer_id, digest FROM customer_tier ORDER BY customer_id)").one()
    return int_list(ids), int_list(digests)


def _old_keys(conn, ids: list[int]) -> dict[int, tuple[str | None, str]]:
    """(tier, stage) now stored for `ids`."""
    out: dict[int, tuple[str | None, str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        out.update((cid, (tier, stage)) for cid, tier, stage in conn.exec_driver_sql(
            driver_sql(conn, "SELECT customer_id, value_tier, lifecycle_stage FROM "
                       f"customer_tier WHERE customer_id IN ({', '.join('?' * len(chunk))})"),
            tuple(chunk)))
    return out


def recompute(session: Session, as_of: date | None = None, *,
              clock: Callable[[], datetime] = now, rules: Rules | None = None,
              progress: Callable[[int, int], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> RecomputeSummary | None:
    """Recompute every active customer as of `as_of` (default: today) within the
    caller's transaction. Only rows whose stored figures changed are rewritten; a
    tier or stage change also adds a snapshot. Returns None, having written
    nothing, when cancelled."""
    at = clock()
    as_of = as_of or at.date()
    rules = rules or active_rules(session)
    conn = session.connection()
    refuse_for_a_branch(conn, "The tier recompute", "重算价值等级")
    table = compute_table(session, as_of, rules, cancel)
    if table is None or (cancel is not None and cancel()):
        return None
    if progress is not None:
        progress(1, 2)
    old_ids, old_digests = _old_digests(conn)
    digests = table.digest(rules.rule_set_id)
    at_old = np.minimum(np.searchsorted(old_ids, table.cid), max(len(old_ids) - 1, 0))
    known = (old_ids[at_old] == table.cid) if len(old_ids) else np.zeros(len(table), bool)
    changed = np.flatnonzero(~known | (old_digests[at_old] != digests) if len(old_ids)
                             else ~known).tolist()
    gone = old_ids[~members(old_ids, table.cid)].tolist()  # trashed since the last run
    for start in range(0, len(gone), 500):
        chunk = gone[start:start + 500]
        conn.exec_driver_sql(driver_sql(conn, "DELETE FROM customer_tier WHERE customer_id "
                                        f"IN ({', '.join('?' * len(chunk))})"), tuple(chunk))
    moved = write_rows(conn, table, changed, rules, at, as_of, digests,
                       known_before=bool(len(old_ids)))
    session.add(TierRun(as_of=as_of, computed_at=at, rule_set_id=rules.rule_set_id,
                        customers=len(table), changed=len(changed) + len(gone),
                        snapshots=moved))
    audit.record(session, "tiers.recompute", "customer_tier", None,
                 {"as_of": as_of.isoformat(), "customers": len(table),
                  "changed": len(changed), "snapshots": moved,
                  "rule_set_version": rules.version})
    if progress is not None:
        progress(2, 2)
    return RecomputeSummary(as_of, len(table), moved, table.tier_counts(),
                            table.stage_counts(), rules.version, rewritten=len(changed))


def write_rows(conn, table, changed: list[int], rules: Rules, at: datetime, as_of: date,
               digests: np.ndarray | None = None, *, known_before: bool = True) -> int:
    """Upsert the current rows of `table`'s customers at `changed`, with a snapshot
    for each whose tier or stage moved; returns how many moved. Written by the driver
    directly, dates and times as SQLAlchemy stores them on SQLite; only the changed
    rows become Python tuples at all."""
    if digests is None:
        digests = table.digest(rules.rule_set_id)
    stamp = at.strftime("%Y-%m-%d %H:%M:%S.%f")
    rows = {i: table.row(i) for i in changed}
    before = _old_keys(conn, [rows[i][0] for i in changed]) if known_before else {}
    moved = [i for i in changed if before.get(rows[i][0]) != (rows[i][1], rows[i][2])]
    if changed:
        conn.exec_driver_sql(driver_sql(conn, _UPSERT),
                             [(*rows[i], rules.rule_set_id, int(digests[i]), stamp)
                              for i in changed])
    snapshots = []
    for i in moved:
        row, (recency, risk) = rows[i], table.day_figures(i)
        snapshots.append((*row[:3], recency, *row[3:5], *row[7:11], risk,
                          _dated(row[13], recency, as_of), stamp, rules.rule_set_id))
    if snapshots:
        conn.exec_driver_sql(driver_sql(conn, _INSERT_SNAPSHOT), snapshots)
    return len(moved)


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


def refresh_if_stale(session: Session, *, clock: Callable[[], datetime] = now,
                     progress: Callable[[int, int], None] | None = None
                     ) -> RecomputeSummary | None:
    """Recompute as of today unless a run already did (None then): a daily recompute
    rewrites only what moved, so doing it when the file opens keeps the badges,
    filters and plans current without anyone remembering to. The predicted values
    (services.clv) follow, in a savepoint: when they cannot be fitted the tiers
    stand and `clv` of the summary says why. With value_basis "clv" the values come
    first, as the tiers rank them (a failed fit leaves the latest earlier run). Points
    and member levels (services.loyalty.daily) come last, in their own savepoint:
    `loyalty` says why when they could not."""
    run = latest_run(session)
    if run is not None and run.as_of >= clock().date():
        return None
    if session_branch(session.connection()) is not None:
        return None  # a branch's login on a team server: head office's run is the day's
    from app.services.clv.service import refresh_after_tiers

    def steps(first: int):
        return None if progress is None else lambda k, _n: progress(first + k, 5)

    if active_rules(session)["value_basis"] == "clv":
        # Tiers that rank predicted value take today's predictions: values first, so
        # the run, the preview and a later single-customer recompute use one CLV run.
        clv = refresh_after_tiers(session, clock().date(), clock=clock, progress=steps(0))
        tiers = recompute(session, clock=clock, progress=steps(3))
    else:
        tiers = recompute(session, clock=clock, progress=steps(0))
        if tiers is None:
            return None
        clv = refresh_after_tiers(session, tiers.as_of, clock=clock, progress=steps(2))
    if tiers is None:
        return None
    from app.services.loyalty.daily import refresh_after_tiers as loyalty_after_tiers

    points = loyalty_after_tiers(session, tiers.as_of, clock=clock)
    return replace(tiers, clv=clv if isinstance(clv, str) else None,
                   loyalty=points if isinstance(points, str) else None)


def latest_run(session: Session) -> TierRun | None:
    return session.scalars(select(TierRun).order_by(TierRun.id.desc()).limit(1)).first()


def tier_of(session: Session, customer_id: int, today: date | None = None) -> TierInfo | None:
    """The customer's current tier, or None if tiers were never computed for them. The
    day counts are as of the latest run (or `today` if there was none)."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"No customer #{customer_id}.", f"没有编号为 #{customer_id} 的客户。")
    t = session.get(CustomerTier, customer_id)
    if t is None:
        return None
    run = latest_run(session)
    as_of = run.as_of if run else (today or date.today())
    recency = (as_of - t.last_purchase).days if t.last_purchase else None
    risk = (churn_risk(recency, t.rhythm_days, t.churned_after_days)
            if recency is not None and t.rhythm_days is not None else None)
    return TierInfo(customer_id, customer.code, customer.name, recency, t.frequency,
                    t.monetary_fen, t.first_purchase, t.last_purchase, t.r_score, t.f_score,
                    t.m_score, t.abc_class, t.value_tier, t.lifecycle_stage, risk,
                    describe(t.reason, as_of=as_of, last_purchase=t.last_purchase), as_of,
                    run.computed_at if run else t.changed_at)
