"""The tier computation reads the purchases as one row of lists, leaves out the date
test when no purchase is dated later, and finds members through a table of ids
(issue 22): on a demo file, with a customer in the trash, a purchase dated after the
day computed and a date stored with a time, every figure is the one the former
read gave (its code is kept here)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from sqlalchemy import text

from app.models import Purchase
from app.services.demo.generator import generate_demo_data
from app.services.tiers import compute
from app.services.tiers.rules import active_rules

TODAY = date(2026, 11, 24)
_OLD_SQL = """
SELECT customer_id, count(*),
       coalesce(sum(CASE WHEN purchased_on >= :start THEN amount_fen END), 0),
       group_concat({day}, '')
FROM purchase
WHERE purchased_on <= :as_of
GROUP BY customer_id
"""


def _old_read(session, as_of, rules):
    params = {"as_of": as_of.isoformat(), "start": compute.window_start(as_of, rules)}
    conn = session.connection()
    rows = conn.execute(text(_OLD_SQL.format(day="purchased_on")), params).cursor.fetchall()
    if not rows:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, ""
    cids, counts, money, texts = zip(*rows, strict=True)
    counts = np.array(counts, dtype=np.int64)
    days = "".join(texts)
    if len(days) != 10 * int(counts.sum()):
        rows = conn.execute(text(_OLD_SQL.format(day="date(purchased_on)")),
                            params).cursor.fetchall()
        cids, counts, money, texts = zip(*rows, strict=True)
        counts = np.array(counts, dtype=np.int64)
        days = "".join(t or "" for t in texts)
    return (np.array(cids, dtype=np.int64), counts, np.array(money, dtype=np.int64), days)


def _tables(s, as_of, monkeypatch):
    rules = active_rules(s)
    new = compute.compute_table(s, as_of, rules)
    with monkeypatch.context() as m:
        m.setattr(compute, "_read", _old_read)
        m.setattr(compute, "members", lambda values, of: np.isin(values, of))
        old = compute.compute_table(s, as_of, rules)
    return new, old


def _same(new, old) -> None:
    assert np.array_equal(new.cid, old.cid)
    for name in ("tier", "stage", "frequency", "monetary", "first", "last", "r", "f", "m",
                 "abc", "rhythm", "churned_after", "count", "gap", "back", "score",
                 "recency"):
        assert np.array_equal(getattr(new, name), getattr(old, name)), name
    assert np.array_equal(new.risk, old.risk, equal_nan=True)
    assert new.tier_counts() == old.tier_counts() and new.stage_counts() == old.stage_counts()
    assert [new.row(i) for i in range(len(new))] == [old.row(i) for i in range(len(old))]


def test_every_figure_is_the_one_the_former_read_gave(vault, monkeypatch):
    generate_demo_data(vault.sessions, 300, seed=4, today=TODAY)
    with vault.sessions.begin() as s:
        rules = active_rules(s)
        first_day = date.fromisoformat(compute.window_start(TODAY, rules))
        s.add_all([Purchase(customer_id=cid, purchased_on=day, amount_fen=fen, product="理财",
                            category="理财")  # on the window's first day and the day before
                   for cid, day, fen in ((2, first_day, 12345),
                                         (4, first_day - timedelta(days=1), 999))])
        s.flush()
        _same(*_tables(s, TODAY, monkeypatch))  # nothing dated later: no date test
        s.connection().exec_driver_sql(
            "UPDATE customer SET deleted_at = '2026-11-01 10:00:00.000000' WHERE id = 3")
        s.connection().exec_driver_sql(  # one purchase dated after the day computed
            "UPDATE purchase SET purchased_on = '2026-12-20' WHERE id = "
            "(SELECT min(id) FROM purchase)")
        new, old = _tables(s, TODAY, monkeypatch)
        _same(new, old)
        assert 3 not in new.cid.tolist()
        _same(*_tables(s, date(2027, 1, 10), monkeypatch))  # now it counts
        s.connection().exec_driver_sql(  # a date stored with a time: normalised read
            "UPDATE purchase SET purchased_on = '2026-10-02 00:00:00' WHERE id = "
            "(SELECT max(id) FROM purchase WHERE purchased_on < '2026-12-01')")
        _same(*_tables(s, TODAY, monkeypatch))
