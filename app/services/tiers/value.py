"""The value the M score and the ABC classes rank: historical revenue, or predicted value.

With the rule `value_basis` = "clv" a customer's value is their predicted value (CLV,
fen) from the latest CLV run dated on or before the tier date (a later run would be
hindsight). A customer without a prediction in that run (a first purchase after it,
say) falls back to their revenue in the window, so they still rank; a reason then
says which of the two it was. With no CLV run at all every customer falls back: the
tiers are exactly the "monetary" ones.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ClvRun
from app.services.tiers.rules import Rules

# Two strings, not 100k row objects (as compute._read); ordered by customer id.
_VALUES = ("SELECT group_concat(customer_id), group_concat(clv_fen) FROM "
           "(SELECT customer_id, clv_fen FROM customer_clv WHERE as_of = ? "
           "ORDER BY customer_id)")
_PG_VALUES = ("SELECT string_agg(CAST(customer_id AS TEXT), ',' ORDER BY customer_id), "
              "string_agg(CAST(clv_fen AS TEXT), ',' ORDER BY customer_id) FROM customer_clv "
              "WHERE as_of = %s")


def clv_day(session: Session, as_of: date) -> date | None:
    """The date of the CLV run a tier computation of `as_of` uses, None if none."""
    return session.scalar(select(ClvRun.as_of).where(ClvRun.as_of <= as_of)
                          .order_by(ClvRun.as_of.desc()).limit(1))


def uses_clv(rules: Rules) -> bool:
    return rules["value_basis"] == "clv"


def ranked_values(session: Session, as_of: date, rules: Rules, cids: np.ndarray,
                  money: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the value ranked per customer, True where it is the predicted value); `cids`
    ascending or not, `money` their revenue in the window."""
    from_clv = np.zeros(len(cids), dtype=bool)
    if not uses_clv(rules) or not len(cids):
        return money, from_clv
    day = clv_day(session, as_of)
    if day is None:
        return money, from_clv
    conn = session.connection()
    id_text, fen_text = conn.exec_driver_sql(
        _PG_VALUES if conn.dialect.name == "postgresql" else _VALUES, (day.isoformat(),)).one()
    if not id_text:
        return money, from_clv
    ids = np.array(id_text.split(","), dtype=np.int64)
    fen = np.array(fen_text.split(","), dtype=np.int64)
    if len(ids) > 1 and np.any(ids[1:] < ids[:-1]):  # searchsorted needs them in order
        order = np.argsort(ids, kind="stable")
        ids, fen = ids[order], fen[order]
    at = np.minimum(np.searchsorted(ids, cids), len(ids) - 1)
    from_clv = ids[at] == cids
    # No prediction (bought first after the run): the revenue in the window stands in.
    return np.where(from_clv, fen[at], money), from_clv
