"""Value tier and lifecycle stage of every active customer as of a date; no writes.

One pass over the purchase index (SQL) gives each customer's purchase days and
revenue in the window; tier_vector scores R, F and M by quintiles, places each
customer on the revenue curve (or, with value_basis "clv", the curve of predicted
value: tiers.value) and applies the lifecycle rules to all of them at
once. R ranks the longest silence lowest, so the most recent buyers score 5.
ABC: customers ordered by revenue; a customer is A while the revenue of those
strictly above them is below `a_share` of the total, B below `b_share`, else C
(ties share a class; the top customer is always A).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from app.services.tiers import vector as tv
from app.services.tiers.rules import ABC_ORDER, TIERS, Rules
from app.services.tiers.value import ranked_values

# Index-only for the dates (ix_purchase_customer_date); the amounts need the rows.
# Days come back as one string per customer, 10 characters a date, ascending. When
# no purchase is dated after `as_of` (the latest date is one look in
# ix_purchase_date_customer), the date test on every row is left out: it would keep
# them all.
# The customers' rows come back joined into one row of four lists (the four
# group_concat walk the same rows in the same order): parsing them in numpy costs far
# less than 85k row tuples from the driver.
_SQL = """
SELECT group_concat(c), group_concat(n), group_concat(m), group_concat(d, '') FROM (
SELECT customer_id AS c, count(*) AS n,
       coalesce(sum(amount_fen) FILTER (WHERE purchased_on >= :start), 0) AS m,
       group_concat({day}, '') AS d
FROM purchase
{where}
GROUP BY customer_id)
"""
_UP_TO = "WHERE purchased_on <= :as_of"
_FAST = {True: text(_SQL.format(day="purchased_on", where="")),
         False: text(_SQL.format(day="purchased_on", where=_UP_TO))}
_NORMALISED = text(_SQL.format(day="date(purchased_on)", where=_UP_TO))  # a date stored oddly
_LATEST = text("SELECT max(purchased_on) FROM purchase")
# PostgreSQL (team mode): the same four lists; its dates are typed (none stored oddly),
# and the order SQLite's index walk gives is asked for.
_PG_SQL = text("""
SELECT string_agg(CAST(c AS TEXT), ',' ORDER BY c), string_agg(CAST(n AS TEXT), ',' ORDER BY c),
       string_agg(CAST(m AS TEXT), ',' ORDER BY c), string_agg(d, '' ORDER BY c) FROM (
SELECT customer_id AS c, count(*) AS n,
       coalesce(sum(amount_fen) FILTER (WHERE purchased_on >= :start), 0) AS m,
       string_agg(to_char(purchased_on, 'YYYY-MM-DD'), '' ORDER BY purchased_on) AS d
FROM purchase WHERE purchased_on <= :as_of
GROUP BY customer_id) AS per_customer
""").bindparams(bindparam("start", type_=Date()), bindparam("as_of", type_=Date()))
_PG_ACTIVE = "SELECT string_agg(CAST(id AS TEXT), ',' ORDER BY id) FROM customer " \
    "WHERE deleted_at IS NULL"


# The stored columns of customer_tier, in this order in TierTable.rows().
ROW_FIELDS = ("customer_id", "value_tier", "lifecycle_stage", "frequency", "monetary_fen",
              "first_purchase", "last_purchase", "r_score", "f_score", "m_score", "abc_class",
              "rhythm_days", "churned_after_days", "reason")


def abc_classes(above: np.ndarray, total: int, rules: Rules) -> np.ndarray:
    """0, 1, 2 for A, B, C."""
    if total <= 0:
        return np.full(len(above), 2, dtype=np.int64)
    share = above / total
    return np.where(share < rules["abc"]["a_share"], 0,
                    np.where(share < rules["abc"]["b_share"], 1, 2))


def value_tiers(score: np.ndarray, abc: np.ndarray, rules: Rules) -> np.ndarray:
    """0..3 for VIP, high, mid, low (TIER_CODES): the first tier whose minimum score
    and ABC class the customer reaches."""
    conditions = []
    for tier in ("vip", "high", "mid"):
        need = rules["tiers"][tier]
        conditions.append((score >= need["min_score"])
                          & (abc <= ABC_ORDER.index(need["min_abc"])))
    return np.select(conditions, [0, 1, 2], default=3)


def window_start(as_of: date, rules: Rules) -> str:
    days = rules["window_days"]
    return "0000-00-00" if days is None else (as_of - timedelta(days=int(days) - 1)).isoformat()


def _reason(stage: int, rhythm: int, count: int, gap: int, back: int, score: int, abc: str,
            tier: str, from_clv: bool = False) -> str:
    """The reason as stored: no day counts, so it stays the same from day to day
    (tier_reason adds the days since the last purchase when it is shown). "basis"
    appears only when M and ABC ranked the predicted value (reason.py words it)."""
    basis = ',"basis":"clv"' if from_clv else ""
    tail = (f'"rhythm":{rhythm},"count":{count},"score":{score},"abc":"{abc}",'
            f'"tier":"{tier}"{basis}}}')
    if stage in (tv.AT_RISK, tv.CHURNED):
        return '{"code":"silent",' + tail
    if stage == tv.WON_BACK:
        return f'{{"code":"won_back","gap":{gap},"back":"{date.fromordinal(back)}",' + tail
    if stage == tv.NEW:
        return '{"code":"first",' + tail
    return '{"code":"rhythm",' + tail


NO_PURCHASE = '{"code":"no_purchase"}'


def _read(session: Session, as_of: date,
          rules: Rules) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """(customer ids, purchase counts, revenue in the window, all purchase days)."""
    params = {"as_of": as_of.isoformat(), "start": window_start(as_of, rules)}
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        return _read_pg(conn, as_of, rules)
    latest = conn.execute(_LATEST).scalar()
    all_of_them = latest is not None and str(latest)[:10] <= params["as_of"] and len(
        str(latest)) == 10  # (a date stored oddly takes the normalised read below)
    cids, counts, money, days = conn.execute(_FAST[all_of_them], params).cursor.fetchone()
    if cids is None:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, ""
    counts = int_list(counts)
    if len(days or "") != 10 * int(counts.sum()):
        cids, counts, money, days = conn.execute(_NORMALISED, params).cursor.fetchone()
        counts = int_list(counts)
    return int_list(cids), counts, int_list(money), days or ""


TIER_CODES = tuple(str(t) for t in TIERS)  # value_tiers() codes 0..3; -1 = none
ABC_CODES = ("A", "B", "C")
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio) for the digest


@dataclass
class TierTable:
    """Every active customer's figures as arrays, buyers first, then the potential
    customers. Missing figures are -1 (0 for the scores and dates of a potential
    customer); row() gives a customer's stored row as customer_tier holds it."""

    cid: np.ndarray
    tier: np.ndarray
    stage: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray
    first: np.ndarray  # date ordinals
    last: np.ndarray
    r: np.ndarray
    f: np.ndarray
    m: np.ndarray
    abc: np.ndarray
    rhythm: np.ndarray
    churned_after: np.ndarray
    count: np.ndarray
    gap: np.ndarray
    back: np.ndarray
    score: np.ndarray
    recency: np.ndarray
    risk: np.ndarray
    from_clv: np.ndarray | None = None  # True where M and ABC ranked the predicted value

    def __len__(self) -> int:
        return len(self.cid)

    def tier_counts(self) -> dict[str, int]:
        n = np.bincount(self.tier + 1, minlength=len(TIER_CODES) + 1)  # -1 → 0
        return {(TIER_CODES[c - 1] if c else "potential"): int(n[c])
                for c in np.flatnonzero(n).tolist()}

    def stage_counts(self) -> dict[str, int]:
        n = np.bincount(self.stage, minlength=len(tv.STAGES))
        return {str(tv.STAGES[c]): int(n[c]) for c in np.flatnonzero(n).tolist()}

    def digest(self, rule_set_id: int | None) -> np.ndarray:
        """A 64-bit fingerprint of each stored row (the reason follows from the same
        figures), so a recompute can tell which rows changed without reading them."""
        h = np.full(len(self), np.uint64(rule_set_id if rule_set_id is not None else 0)
                    ^ np.uint64(0x5BD1E995))
        for column in (self.tier, self.stage, self.frequency, self.monetary, self.first,
                       self.last, self.r, self.f, self.m, self.abc, self.rhythm,
                       self.churned_after, self.count, self.gap, self.back):
            h = (h ^ column.astype(np.int64).astype(np.uint64)) * _MIX
            h ^= h >> np.uint64(29)
        if self.from_clv is not None and self.from_clv.any():
            # The reason names the basis; a ranked-by-CLV row must differ from the same
            # figures ranked by revenue. Left alone otherwise: "monetary" digests as before.
            mixed = (h ^ np.uint64(1)) * _MIX
            h = np.where(self.from_clv, mixed ^ (mixed >> np.uint64(29)), h)
        return h.view(np.int64)

    def row(self, i: int) -> tuple:
        """The stored columns (ROW_FIELDS) of the i-th customer."""
        stage = int(self.stage[i])
        if stage == 0:
            return (int(self.cid[i]), None, "potential", 0, 0, None, None, None, None, None,
                    None, None, None, NO_PURCHASE)
        tier, abc = TIER_CODES[self.tier[i]], ABC_CODES[self.abc[i]]
        rhythm = int(self.rhythm[i])
        return (int(self.cid[i]), tier, str(tv.STAGES[stage]), int(self.frequency[i]),
                int(self.monetary[i]), date.fromordinal(int(self.first[i])).isoformat(),
                date.fromordinal(int(self.last[i])).isoformat(), int(self.r[i]),
                int(self.f[i]), int(self.m[i]), abc, rhythm, int(self.churned_after[i]),
                _reason(stage, rhythm, int(self.count[i]), int(self.gap[i]),
                        int(self.back[i]), int(self.score[i]), abc, tier,
                        self.from_clv is not None and bool(self.from_clv[i])))

    def day_figures(self, i: int) -> tuple[int | None, float | None]:
        """(days since the last purchase, churn risk) on the day computed."""
        if self.stage[i] == 0:
            return None, None
        return int(self.recency[i]), float(self.risk[i])


def _read_pg(conn, as_of: date, rules: Rules) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                      str]:
    days = rules["window_days"]
    start = date.min if days is None else as_of - timedelta(days=int(days) - 1)
    cids, counts, money, day_text = conn.execute(
        _PG_SQL, {"as_of": as_of, "start": start}).one()
    if cids is None:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, ""
    return int_list(cids), int_list(counts), int_list(money), day_text or ""


def _active_ids(session: Session) -> np.ndarray:
    conn = session.connection()
    text_ = conn.exec_driver_sql(
        _PG_ACTIVE if conn.dialect.name == "postgresql" else
        "SELECT group_concat(id) FROM customer WHERE deleted_at IS NULL").scalar()
    return int_list(text_)


def int_list(text_: str | None) -> np.ndarray:
    """The integers of a comma-separated list (group_concat), parsed in C."""
    return np.fromstring(text_, dtype=np.int64, sep=",") if text_ else np.zeros(0, np.int64)


def members(values: np.ndarray, of: np.ndarray) -> np.ndarray:
    """np.isin(values, of) for non-negative ids, through a table of the ids (ids run
    to the number of customers: a table beats sorting both)."""
    if not len(values) or not len(of):
        return np.zeros(len(values), dtype=bool)
    top = int(max(values.max(), of.max())) + 1
    table = np.zeros(top, dtype=bool)
    table[of] = True
    return table[values]


def compute_table(session: Session, as_of: date, rules: Rules,
                  cancel: Callable[[], bool] | None = None) -> TierTable | None:
    """Every active customer's tier and stage on `as_of` (those with no purchase by
    then are potential); None when cancel() became true."""
    cids, counts, money, day_text = _read(session, as_of, rules)
    active = _active_ids(session)
    if cancel is not None and cancel():
        return None
    days = tv.parse_days(day_text) if day_text else np.zeros(0, dtype=np.int64)
    group = np.repeat(np.arange(len(cids)), counts)
    if len(days) > 1 and np.any((group[1:] == group[:-1]) & (days[1:] < days[:-1])):
        days = days[np.lexsort((days, group))]  # the scan did not come in date order
    keep = members(cids, active)  # the trash takes no part in the ranking
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
    value, from_clv = ranked_values(session, as_of, rules, cids, money)
    m_s = tv.quintile_scores(value)
    abc = abc_classes(tv.revenue_above(value), int(value.sum()), rules)
    score = r_s + f_s + m_s
    potential = active[~members(active, cids)]  # (ascending, as setdiff1d gave them)

    def cat(values, fill=-1, dtype=np.int64) -> np.ndarray:
        return np.concatenate([np.asarray(values, dtype=dtype),
                               np.full(len(potential), fill, dtype=dtype)])

    last = days[starts + counts - 1] if len(days) else days
    return TierTable(
        cid=np.concatenate([cids, potential]), tier=cat(value_tiers(score, abc, rules)),
        stage=cat(st.stage, 0), frequency=cat(freq, 0), monetary=cat(money, 0),
        first=cat(days[starts] if len(days) else days, 0), last=cat(last, 0),
        r=cat(r_s, 0), f=cat(f_s, 0), m=cat(m_s, 0), abc=cat(abc), rhythm=cat(st.rhythm),
        churned_after=cat(st.churned_after), count=cat(counts, 0),
        gap=cat(st.comeback_gap, 0), back=cat(np.where(st.comeback_gap > 0,
                                                       today - st.comeback_ago, 0), 0),
        score=cat(score, 0), recency=cat(st.recency), risk=cat(st.risk, np.nan, np.float64),
        from_clv=cat(from_clv, False, bool))
