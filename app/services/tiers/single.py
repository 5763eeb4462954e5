"""The tiers of a few customers, placed among the others as the latest run left them.

A merge changes one customer's purchases; recomputing all 100,000 for it would take a
second where the merge should take a blink. The kept customer's own figures (purchase
days, lifecycle stage, window revenue) are computed exactly, from its purchases; its
R, F and M quintiles and its ABC class count the customers the latest run ranked
(one aggregate over customer_tier; ranking predicted value, joined to the CLV run the
full run used), so it sits among them as a full run would place it
on that day. The others' quintiles shift by one customer at most, which the next daily
recompute takes in (the merge leaves the run's date alone, so the day still gets one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import numpy as np
from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from app.models.base import now
from app.services.team.roles import session_branch
from app.services.tiers import vector as tv
from app.services.tiers.compute import TierTable, abc_classes, value_tiers, window_start
from app.services.tiers.rules import Rules, active_rules
from app.services.tiers.value import clv_day, uses_clv

_DAYS = text("SELECT group_concat(d, ''), count(*), coalesce(sum(m), 0) FROM ("
             "SELECT date(purchased_on) AS d, CASE WHEN purchased_on >= :start "
             "THEN amount_fen END AS m FROM purchase "
             "WHERE customer_id = :cid AND purchased_on <= :as_of ORDER BY purchased_on)")
_PG_DAYS = text(
    "SELECT string_agg(to_char(purchased_on, 'YYYY-MM-DD'), '' ORDER BY purchased_on), "
    "count(*), coalesce(sum(CASE WHEN purchased_on >= :start THEN amount_fen END), 0) "
    "FROM purchase WHERE customer_id = :cid AND purchased_on <= :as_of"
).bindparams(bindparam("start", type_=Date()), bindparam("as_of", type_=Date()))
# Everyone the latest run ranked (buyers: a value tier is set), the customers being
# recomputed left out: how many, and how many rank below on each figure. {value} is
# what M and ABC rank: the stored revenue, or (value_basis "clv") the prediction of
# the CLV run the full run used, the revenue where it has none (tiers.value).
_COHORT = (
    "SELECT count(*), coalesce(sum(CASE WHEN t.last_purchase < :last THEN 1 END), 0), "
    "coalesce(sum(CASE WHEN t.frequency < :freq THEN 1 END), 0), "
    "coalesce(sum(CASE WHEN {value} < :money THEN 1 END), 0), "
    "coalesce(sum({value}), 0), "
    "coalesce(sum(CASE WHEN {value} > :money THEN {value} END), 0) "
    "FROM customer_tier AS t {join} "
    "WHERE t.value_tier IS NOT NULL AND t.customer_id NOT IN ({skip})")
_BY_REVENUE = {"value": "t.monetary_fen", "join": ""}
_BY_CLV = {"value": "coalesce(clv.clv_fen, t.monetary_fen)",
           "join": "LEFT JOIN customer_clv AS clv ON clv.as_of = :clv_day "
                   "AND clv.customer_id = t.customer_id"}
_CLV_OF = text("SELECT clv_fen FROM customer_clv WHERE as_of = :day AND customer_id = :cid")


def _one(session: Session, cid: int, as_of: date, rules: Rules, skip: list[int]) -> TierTable:
    start = window_start(as_of, rules)
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        first = date.min if rules["window_days"] is None else date.fromisoformat(start)
        day_text, count, money = conn.execute(
            _PG_DAYS, {"cid": cid, "start": first, "as_of": as_of}).one()
    else:
        day_text, count, money = conn.execute(
            _DAYS, {"cid": cid, "start": start, "as_of": as_of.isoformat()}).one()
    if not count:
        zero = np.zeros(1, np.int64)
        return TierTable(np.array([cid]), np.full(1, -1), zero, zero, zero, zero, zero,
                         zero, zero, zero, np.full(1, -1), np.full(1, -1), np.full(1, -1),
                         zero, zero, zero, zero, np.full(1, -1), np.full(1, np.nan))
    days = tv.parse_days(day_text)
    counts = np.array([count])
    today = as_of.toordinal()
    window = date.fromisoformat(start).toordinal() if rules["window_days"] is not None else 0
    freq = np.array([int((days >= window).sum())])
    st = tv.stages(days, counts, today, rules.lifecycle)
    last = date.fromordinal(int(days[-1]))
    money = int(money)
    value, from_clv, shape = money, False, _BY_REVENUE
    day = clv_day(session, as_of) if uses_clv(rules) else None
    params = {"last": last, "freq": int(freq[0])}
    if day is not None:
        shape = _BY_CLV
        params["clv_day"] = day
        predicted = conn.execute(_CLV_OF, {"day": day.isoformat(), "cid": cid}).scalar()
        if predicted is not None:
            value, from_clv = int(predicted), True
    params["money"] = value
    skipped = ", ".join(str(int(i)) for i in skip)
    cohort = text(_COHORT.format(skip=skipped, **shape)).bindparams(
        *(bindparam(name, type_=Date()) for name in ("last", "clv_day") if name in params))
    n, earlier, fewer, less, total, above = conn.execute(cohort, params).one()
    size = int(n) + 1

    def score(below: int) -> np.ndarray:  # quintile_scores with the customer among them
        return np.array([1 + (5 * int(below)) // size])

    r_s, f_s, m_s = score(earlier), score(fewer), score(less)
    abc = abc_classes(np.array([int(above)]), int(total) + value, rules)
    points = r_s + f_s + m_s
    gap = st.comeback_gap
    return TierTable(
        cid=np.array([cid]), tier=value_tiers(points, abc, rules), stage=st.stage,
        frequency=freq, monetary=np.array([money]), first=days[:1], last=days[-1:],
        r=r_s, f=f_s, m=m_s, abc=abc, rhythm=st.rhythm, churned_after=st.churned_after,
        count=counts, gap=gap, back=np.where(gap > 0, today - st.comeback_ago, 0),
        score=points, recency=st.recency, risk=st.risk, from_clv=np.array([from_clv]))


def recompute_customers(session: Session, ids: list[int], *, gone: list[int] = (),
                        clock: Callable[[], datetime] = now) -> int:
    """Recompute the tiers of `ids` as of the latest run and drop the rows of `gone`
    (customers no longer active); returns how many tiers or stages changed. Does
    nothing when tiers were never computed: the first full run will place everyone;
    on a team server a branch's login only drops the rows of `gone` (see below)."""
    from app.services.tiers.service import latest_run, write_rows

    run = latest_run(session)
    if run is None:
        return 0
    conn = session.connection()
    if gone:
        conn.exec_driver_sql(f"DELETE FROM customer_tier WHERE customer_id IN "
                             f"({', '.join(str(int(i)) for i in gone)})")
    if session_branch(conn) is not None:
        # A branch's login on a team server (a clerk's merge) sees its branch's rows of
        # customer_tier only: the cohort would rank the customer among that branch alone
        # and store a tier head office's run would not give. The row keeps its figures
        # until head office's next run, whose digests see that they moved.
        return 0
    rules = active_rules(session)
    skip = [*ids, *gone] or [0]
    moved = 0
    for cid in ids:
        moved += write_rows(conn, _one(session, cid, run.as_of, rules, skip), [0], rules,
                            clock(), run.as_of)
    return moved
