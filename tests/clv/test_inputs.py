"""The models' inputs on a small hand-made purchase history, in arrays and from the
encrypted file."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from app.models import Purchase
from app.services.clv.inputs import read, summarise
from app.services.customers.service import move_to_trash
from app.services.duplicates.merge import merge_customers
from tests.daily_helpers import make_customer

AS_OF = date(2026, 6, 1)
D0 = AS_OF.toordinal()

# customer: [(days before as-of, fen)] — what each case shows is in the comment.
HISTORY = {
    1: [(70, 10000), (70, 5000), (35, 3000), (0, 4000)],  # two on one day: one day, summed
    2: [(56, 20000), (28, 8000), (21, -3000)],  # a partial refund nets off the day before
    3: [(42, 6000), (14, 9000), (7, -9000)],  # the second purchase returned in full
    4: [(30, -500), (21, 7000)],  # a refund before any purchase: nothing to net
    5: [(-3, 5000)],  # first purchase after as-of: left out
    6: [(14, 1000), (-7, 99999)],  # a purchase after as-of does not count
    7: [(28, 2000), (14, 0)],  # a free item on a day no refund touched: a purchase day
    8: [(28, 2000), (14, 3000), (14, -3000)],  # bought and returned the same day: none
}


def _arrays():
    rows = [(c, D0 - ago, fen) for c, items in HISTORY.items() for ago, fen in items]
    rng = np.random.default_rng(7)
    rows = [rows[i] for i in rng.permutation(len(rows))]  # any order in
    return tuple(np.array(col) for col in zip(*rows, strict=True))


EXPECTED = {  # customer: (x, t_x days, T days, zbar fen)
    1: (2, 70, 70, 3500.0),
    2: (1, 28, 56, 5000.0),
    3: (0, 0, 42, 0.0),
    4: (0, 0, 21, 0.0),
    6: (0, 0, 14, 0.0),
    7: (1, 14, 28, 0.0),
    8: (0, 0, 28, 0.0),
}


def _as_dict(inputs) -> dict:
    return {int(c): (int(x), int(tx), int(T), float(z)) for c, x, tx, T, z in zip(
        inputs.cid, inputs.x, inputs.t_x, inputs.T, inputs.zbar, strict=True)}


def test_days_refunds_and_as_of_in_arrays():
    inputs = summarise(*_arrays(), AS_OF)
    assert _as_dict(inputs) == EXPECTED
    assert inputs.repeat_buyers == 3
    _x, t_x, T = inputs.weeks()
    assert t_x[0] == 10.0 and T[0] == 10.0  # 70 days: weeks


def test_the_file_gives_the_same_inputs_without_the_trash(vault):
    ids = {c: make_customer(vault, f"客户{c}") for c in (*HISTORY, 9, 10)}
    with vault.sessions.begin() as s:
        for c, items in HISTORY.items():
            for ago, fen in items:
                s.add(Purchase(customer_id=ids[c], amount_fen=fen,
                               purchased_on=AS_OF - timedelta(days=ago)))
        s.add(Purchase(customer_id=ids[9], amount_fen=100, purchased_on=AS_OF))
        s.add(Purchase(customer_id=ids[10], amount_fen=700,
                       purchased_on=AS_OF - timedelta(days=7)))
    with vault.sessions.begin() as s:
        move_to_trash(s, [ids[9]])  # trashed: not counted
        merge_customers(s, ids[4], [ids[10]], recompute_tiers=False)  # 10's purchase moves
    with vault.sessions() as s:
        inputs = read(s, AS_OF)
    back = {c: ids[c] for c in EXPECTED}
    expected = {back[c]: v for c, v in EXPECTED.items()}
    expected[ids[4]] = (1, 14, 21, 700.0)  # its own day 21, and the merged-in day 7
    assert _as_dict(inputs) == expected


def test_per_day_sums_are_the_same_whatever_order_the_rows_come_in():
    """The SQL gives purchases in index order; _per_day must not depend on it."""
    import numpy as np

    from app.services.clv.inputs import _per_day

    rng = np.random.default_rng(3)
    cid = np.sort(rng.integers(1, 40, 600))
    day = rng.integers(0, 30, 600)
    order = np.lexsort((day, cid))
    amount = rng.integers(-500, 5000, 600)
    expected = _per_day(cid[order], day[order], amount[order])
    shuffled = rng.permutation(600)
    got = _per_day(cid[shuffled], day[shuffled], amount[shuffled])
    for a, b in zip(expected, got, strict=True):
        assert np.array_equal(a, b)
    pairs = {(c, d) for c, d in zip(cid.tolist(), day.tolist(), strict=True)}
    assert len(expected[0]) == len(pairs)  # one row per customer and day
    first = (expected[0][0], expected[1][0])
    mask = (cid == first[0]) & (day == first[1])
    assert expected[2][0] == amount[mask].sum()
    assert expected[3][0] == (amount[mask].min() < 0)
