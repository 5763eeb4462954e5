"""Value tier and lifecycle stage of every active customer as of a date; no writes.

One pass over the purchase index (SQL) gives each customer's purchase days and
revenue in the window; tier_vector scores R, F and M by quintiles, places each
customer on the revenue curve and applies the lifecycle rules to all of them at
once. R ranks the longest silence lowest, so the most recent buyers score 5.
ABC: customers ordered by revenue; a customer is A while the revenue of those
strictly above them is below `a_share` of the total, B below `b_share`, else C
(ties share a class; the top customer is always A).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models.enums import LifecycleStage
from app.services import tier_vector as tv
from app.services.tier_rules import ABC_ORDER, Rules

# Index-only for the dates (ix_purchase_customer_date); the amounts need the rows.
# Days come back as one string per customer, 10 characters a date, ascending.
_SQL = """
SELECT customer_id, count(*),
       coalesce(sum(CASE WHEN purchased_on >= :start THEN amount_fen END), 0),
       group_concat({day}, '')
FROM purchase
WHERE purchased_on <= :as_of
GROUP BY customer_id
"""
_FAST = text(_SQL.format(day="purchased_on"))
_NORMALISED = text(_SQL.format(day="date(purchased_on)"))  # if a date was stored oddly


@dataclass(frozen=True)
class TierResult:
    customer_id: int
    value_tier: str | None
    lifecycle_stage: str
    recency_days: int | None
    frequency: int
    monetary_fen: int
    first_purchase: date | None
    last_purchase: date | None
    r_score: int | None
    f_score: int | None
    m_score: int | None
    abc_class: str | None
    churn_risk: float | None
    reason: str  # JSON, see tier_reason


ROW_FIELDS = ("customer_id", "value_tier", "lifecycle_stage", "recency_days", "frequency",
              "monetary_fen", "first_purchase", "last_purchase", "r_score", "f_score",
              "m_score", "abc_class", "churn_risk", "reason")


def abc_classes(above: np.ndarray, total: int, rules: Rules) -> np.ndarray:
    if total <= 0:
        return np.full(len(above), "C", dtype=object)
    share = above / total
    return np.where(share < rules["abc"]["a_share"], "A",
                    np.where(share < rules["abc"]["b_share"], "B", "C")).astype(object)


def value_tiers(score: np.ndarray, abc: np.ndarray, rules: Rules) -> np.ndarray:
    rank = np.select([abc == "A", abc == "B"], [0, 1], default=2)
    conditions, names = [], []
    for tier in ("vip", "high", "mid"):
        need = rules["tiers"][tier]
        conditions.append((score >= need["min_score"])
                          & (rank <= ABC_ORDER.index(need["min_abc"])))
        names.append(tier)
    return np.select(conditions, names, default="low").astype(object)


def window_start(as_of: date, rules: Rules) -> str:
    days = rules["window_days"]
    return "0000-00-00" if days is None else (as_of - timedelta(days=int(days) - 1)).isoformat()


def _reason(stage: int, recency: int, rhythm: int, count: int, gap: int, ago: int,
            score: int, abc: str, tier: str) -> str:
    tail = f'"score":{score},"abc":"{abc}","tier":"{tier}"}}'
    figures = f'"recency":{recency},"rhythm":{rhythm},"count":{count},'
    if stage in (tv.AT_RISK, tv.CHURNED):
        return '{"code":"silent",' + figures + tail
    if stage == tv.WON_BACK:
        return f'{{"code":"won_back","gap":{gap},"ago":{ago},' + figures + tail
    if stage == tv.NEW:
        return '{"code":"first",' + figures + tail
    return '{"code":"rhythm",' + figures + tail


NO_PURCHASE = '{"code":"no_purchase"}'


def _read(session: Session, as_of: date, rules: Rules) -> tuple[list, str]:
    params = {"as_of": as_of.isoformat(), "start": window_start(as_of, rules)}
    conn = session.connection()
    rows = conn.execute(_FAST, params).cursor.fetchall()  # plain tuples: no row objects
    days = "".join(r[3] for r in rows)
    if len(days) != 10 * sum(r[1] for r in rows):
        rows = conn.execute(_NORMALISED, params).cursor.fetchall()
        days = "".join(r[3] for r in rows if r[3])
    return rows, days


@dataclass
class TierTable:
    """Every active customer's figures, column by column (potential ones last)."""

    columns: dict[str, list]

    def __len__(self) -> int:
        return len(self.columns["customer_id"])

    def rows(self) -> Iterator[tuple]:
        return zip(*(self.columns[name] for name in ROW_FIELDS), strict=True)


def _iso_days(ordinals: list[int]) -> list[str]:
    cache: dict[int, str] = {}
    out = []
    for o in ordinals:
        text_ = cache.get(o)
        if text_ is None:
            text_ = cache[o] = date.fromordinal(o).isoformat()
        out.append(text_)
    return out


def compute_table(session: Session, as_of: date, rules: Rules,
                  cancel: Callable[[], bool] | None = None) -> TierTable | None:
    """Every active customer's tier and stage on `as_of` (those with no purchase by
    then are potential); None when cancel() became true. Dates as ISO text."""
    rows, day_text = _read(session, as_of, rules)
    active = np.fromiter(session.execute(text(
        "SELECT id FROM customer WHERE deleted_at IS NULL")).scalars(), dtype=np.int64)
    if cancel is not None and cancel():
        return None
    cids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    counts = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    money = np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))
    days = tv.parse_days(day_text) if day_text else np.zeros(0, dtype=np.int64)
    group = np.repeat(np.arange(len(rows)), counts)
    if len(days) > 1 and np.any((group[1:] == group[:-1]) & (days[1:] < days[:-1])):
        days = days[np.lexsort((days, group))]  # the scan did not come in date order
    keep = np.isin(cids, active)  # the trash takes no part in the ranking
    if not keep.all():
        kept_days = np.repeat(keep, counts)
        days, cids, counts, money = days[kept_days], cids[keep], counts[keep], money[keep]
        group = np.repeat(np.arange(len(cids)), counts)
    today = as_of.toordinal()
    start = (date.fromisoformat(window_start(as_of, rules)).toordinal()
             if rules["window_days"] is not None else 0)
    starts = np.cumsum(counts) - counts
    freq = np.bincount(group, weights=(days >= start), minlength=len(cids)).astype(np.int64)
    st = tv.stages(days, counts, today, rules.lifecycle)
    r_s = tv.quintile_scores(-st.recency)
    f_s = tv.quintile_scores(freq)
    m_s = tv.quintile_scores(money)
    abc = abc_classes(tv.revenue_above(money), int(money.sum()), rules)
    score = r_s + f_s + m_s
    tiers = value_tiers(score, abc, rules).tolist()
    stage_codes = st.stage.tolist()
    recency, rhythm, abc_list = st.recency.tolist(), st.rhythm.tolist(), abc.tolist()
    reasons = list(map(_reason, stage_codes, recency, rhythm, counts.tolist(),
                       st.comeback_gap.tolist(), st.comeback_ago.tolist(), score.tolist(),
                       abc_list, tiers))
    names = tv.STAGES.tolist()
    bought = set(cids.tolist())
    potential = [cid for cid in active.tolist() if cid not in bought]
    extra = len(potential)
    none = [None] * extra
    columns = {
        "customer_id": cids.tolist() + potential,
        "value_tier": tiers + none,
        "lifecycle_stage": [names[s] for s in stage_codes] + [str(LifecycleStage.POTENTIAL)]
        * extra,
        "recency_days": recency + none,
        "frequency": freq.tolist() + [0] * extra,
        "monetary_fen": money.tolist() + [0] * extra,
        "first_purchase": _iso_days(days[starts].tolist() if len(days) else []) + none,
        "last_purchase": _iso_days(days[starts + counts - 1].tolist() if len(days) else [])
        + none,
        "r_score": r_s.tolist() + none,
        "f_score": f_s.tolist() + none,
        "m_score": m_s.tolist() + none,
        "abc_class": abc_list + none,
        "churn_risk": st.risk.tolist() + none,
        "reason": reasons + [NO_PURCHASE] * extra,
    }
    return TierTable(columns)


def compute_tiers(session: Session, as_of: date, rules: Rules,
                  cancel: Callable[[], bool] | None = None) -> Iterator[TierResult]:
    """compute_table, one TierResult (real dates) per customer."""
    table = compute_table(session, as_of, rules, cancel)
    if table is None:
        return
    for row in table.rows():
        first, last = row[6], row[7]
        yield TierResult(*row[:6], first and date.fromisoformat(first),
                         last and date.fromisoformat(last), *row[8:])
