"""The models' inputs, as in the papers, from the purchase table.

Per customer, counting purchase *days* (several purchases on one day are one, their
amounts summed) up to and including the as-of date:
- x: repeat purchase days (all but the first);
- t_x: days from the first to the last purchase day; T: days from the first to as-of
  (the models take them in weeks: `weeks()`);
- zbar: the mean net value of the repeat purchase days, in fen (Gamma-Gamma).

Refunds are negative amounts. A day whose net amount is negative is no purchase day;
its amount is taken off the customer's latest purchase day before it (the purchase
it returns, as far as the data tell), and a day that refunds bring to zero or below
is no purchase day either: a fully returned purchase is no purchase. A day of zero
value that no refund touched (a free item) is a purchase day, as in the papers' data.
A refund before any purchase has nothing to net against and is ignored.
Customers whose first purchase is after as-of are not counted (they have no rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from app.services.tiers.vector import parse_days

DAYS_PER_WEEK = 7.0

# One row per customer, every purchase up to as_of concatenated (Python sees 100k rows,
# not 1M): dates 10 characters each, amounts comma-separated, in the order of the
# (customer_id, purchased_on) index, which the GROUP BY walks — named, because SQLite
# otherwise prefers the (purchased_on, customer_id) index and sorts a million rows
# (the read went from about 1.9 to 3.2 s). The sums per day are made in numpy
# (_per_day): a GROUP BY customer, day inside this one made SQLite sort its output.
_SQL = """
SELECT customer_id, count(*), group_concat({day}, ''), group_concat(amount_fen, ',')
FROM purchase INDEXED BY ix_purchase_customer_date WHERE purchased_on <= :as_of
GROUP BY customer_id
"""
_FAST = text(_SQL.format(day="purchased_on"))
_NORMALISED = text(_SQL.format(day="date(purchased_on)"))
# PostgreSQL (team mode): no index to name; the order the index walk gives is asked for,
# the same in both lists.
_PG = text("""
SELECT customer_id, count(*),
       string_agg(to_char(purchased_on, 'YYYY-MM-DD'), '' ORDER BY purchased_on, id),
       string_agg(CAST(amount_fen AS TEXT), ',' ORDER BY purchased_on, id)
FROM purchase WHERE purchased_on <= :as_of
GROUP BY customer_id ORDER BY customer_id
""").bindparams(bindparam("as_of", type_=Date()))
_PG_ACTIVE = ("SELECT string_agg(CAST(id AS TEXT), ',' ORDER BY id) FROM customer "
              "WHERE deleted_at IS NULL")


@dataclass(frozen=True)
class Inputs:
    """Arrays over the customers with a purchase day by as-of, in customer id order."""

    as_of: date
    cid: np.ndarray  # int64
    x: np.ndarray  # int64, repeat purchase days
    t_x: np.ndarray  # int64, days
    T: np.ndarray  # int64, days
    zbar: np.ndarray  # float, fen; 0 where x == 0

    def __len__(self) -> int:
        return len(self.cid)

    @property
    def repeat_buyers(self) -> int:
        return int((self.x > 0).sum())

    def weeks(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.x, self.t_x / DAYS_PER_WEEK, self.T / DAYS_PER_WEEK

    def take(self, mask: np.ndarray) -> Inputs:
        return Inputs(self.as_of, self.cid[mask], self.x[mask], self.t_x[mask],
                      self.T[mask], self.zbar[mask])


def summarise(cid: np.ndarray, day: np.ndarray, amount: np.ndarray, as_of: date,
              refund: np.ndarray | None = None) -> Inputs:
    """The inputs from purchases or per-day sums: customer ids, day ordinals, amounts
    in fen (negative: a refund), in any order; `refund` marks the rows that include a
    refund (default: the negative ones). Days after as_of are ignored."""
    cid, day, amount = (np.asarray(a, dtype=np.int64) for a in (cid, day, amount))
    refund = amount < 0 if refund is None else np.asarray(refund, dtype=bool)
    keep = day <= as_of.toordinal()
    cid, day, amount, refund = cid[keep], day[keep], amount[keep], refund[keep]
    order = np.lexsort((day, cid))
    cid, day, amount, refund = cid[order], day[order], amount[order], refund[order]
    # Merge rows of the same customer and day (the SQL already did; callers may not).
    if len(cid) > 1:
        new = np.r_[True, (cid[1:] != cid[:-1]) | (day[1:] != day[:-1])]
        if not new.all():
            at = np.cumsum(new) - 1
            amount = np.bincount(at, weights=amount).astype(np.int64)
            refund = np.bincount(at, weights=refund) > 0
            cid, day = cid[new], day[new]
    amount, touched = _net_refunds(cid, amount, refund)
    bought = (amount > 0) | ((amount == 0) & ~touched)
    cid, day, amount = cid[bought], day[bought], amount[bought]
    if len(cid) == 0:
        empty = np.zeros(0, np.int64)
        return Inputs(as_of, empty, empty, empty, empty, np.zeros(0))
    first_row = np.r_[True, cid[1:] != cid[:-1]]
    starts = np.flatnonzero(first_row)
    counts = np.diff(np.r_[starts, len(cid)])
    ends = starts + counts - 1
    total = np.add.reduceat(amount, starts)
    x = counts - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        zbar = np.where(x > 0, (total - amount[starts]) / np.maximum(x, 1), 0.0)
    return Inputs(as_of, cid[starts], x, day[ends] - day[starts],
                  as_of.toordinal() - day[starts], zbar)


def _net_refunds(cid: np.ndarray, amount: np.ndarray,
                 refund: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(amounts, touched by a refund): each negative day's amount moved onto the same
    customer's latest non-negative day before it (rows sorted by customer, day), the
    negative days set to 0. One pass: a day emptied by a refund passes nothing on."""
    out, touched = amount.copy(), refund.copy()
    negative = out < 0
    if not negative.any():
        return out, touched
    idx = np.arange(len(out))
    last_kept = np.maximum.accumulate(np.where(~negative, idx, -1))
    target = np.r_[-1, last_kept[:-1]]  # the latest non-negative day strictly before
    ok = negative & (target >= 0)
    ok[ok] &= cid[target[ok]] == cid[ok]
    np.add.at(out, target[ok], out[ok])
    touched[target[ok]] = True
    out[negative] = 0
    return out, touched


def _per_day(cid: np.ndarray, day: np.ndarray, amount: np.ndarray):
    """Purchases → one row per customer and day: the net amount, and whether a refund
    (a negative amount) is among them. Rows come in index order (customer, then day);
    sorted here only if they do not."""
    if len(cid) > 1:
        later = (cid[1:] > cid[:-1]) | ((cid[1:] == cid[:-1]) & (day[1:] >= day[:-1]))
        if not later.all():
            order = np.lexsort((day, cid))
            cid, day, amount = cid[order], day[order], amount[order]
    if len(cid) == 0:
        return cid, day, amount, np.zeros(0, bool)
    starts = np.flatnonzero(np.r_[True, (cid[1:] != cid[:-1]) | (day[1:] != day[:-1])])
    return (cid[starts], day[starts], np.add.reduceat(amount, starts),
            np.minimum.reduceat(amount, starts) < 0)


def _active_ids(session: Session) -> np.ndarray:
    # Trashed customers and merge tombstones both have deleted_at set.
    conn = session.connection()
    text_ = conn.exec_driver_sql(
        _PG_ACTIVE if conn.dialect.name == "postgresql" else
        "SELECT group_concat(id) FROM customer WHERE deleted_at IS NULL").scalar()
    return np.array(text_.split(","), dtype=np.int64) if text_ else np.zeros(0, np.int64)


def read(session: Session, as_of: date) -> Inputs:
    """The inputs of every active customer (not trashed, not merged away) as of as_of."""
    conn = session.connection()
    params = {"as_of": as_of.isoformat()}
    rows = (conn.execute(_PG, {"as_of": as_of}).all() if conn.dialect.name == "postgresql"
            else conn.execute(_FAST, params).cursor.fetchall())
    if rows:
        cids, counts, days, amounts = zip(*rows, strict=True)
        counts = np.array(counts, dtype=np.int64)
        day_text = "".join(days)
        if len(day_text) != 10 * int(counts.sum()):  # a date stored oddly: normalise
            rows = conn.execute(_NORMALISED, params).cursor.fetchall()
            cids, counts, days, amounts = zip(*rows, strict=True)
            counts = np.array(counts, dtype=np.int64)
            day_text = "".join(d or "" for d in days)
        cid, day, amount, refund = _per_day(
            np.repeat(np.array(cids, dtype=np.int64), counts), parse_days(day_text),
            np.array(",".join(amounts).split(","), dtype=np.int64))
    else:
        cid = day = amount = np.zeros(0, np.int64)
        refund = np.zeros(0, bool)
    active = np.isin(cid, _active_ids(session))
    return summarise(cid[active], day[active], amount[active], as_of, refund[active])
