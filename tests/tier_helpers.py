"""A small, hand-computed tiering fixture shared by the tier tests.

As of 2026-06-01, window 365 days, default rules:

| customer | purchases (days ago × fen)  | R | F | M | RFM | ABC | tier | stage     |
|----------|-----------------------------|---|---|---|-----|-----|------|-----------|
| 甲 c1    | 120, 90, 60, 30, 0 × 10000  | 5 | 5 | 5 | 15  | A   | vip  | loyal     |
| 乙 c2    | 200, 100, 10 × 5000         | 4 | 4 | 3 | 11  | B   | high | repeat    |
| 丙 c3    | 50 × 20000                  | 3 | 2 | 4 | 9   | A   | mid  | new       |
| 丁 c4    | 300, 250 × 3000             | 2 | 3 | 2 | 7   | C   | mid  | churned   |
| 戊 c5    | 500 × 100000 (outside)      | 1 | 1 | 1 | 3   | C   | low  | churned   |
| 己 c6    | none                        | – | – | – | –   | –   | –    | potential |

R: recency 500, 250, 50, 10, 0 ranked longest first → 1..5. F: 0, 1, 2, 3, 5 → 1..5.
M: 0, 6000, 15000, 20000, 50000 → 1..5. ABC over 91000: revenue strictly above c1 0
(A), c3 50000 = 55 % (A), c2 70000 = 77 % (B), c4 85000 = 93 % (C), c5 91000 (C).
c2's gaps 100 and 90: rhythm 90. c4: one gap of 50, silent 250 > max(180, 4 × 50).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np

from app.models import Purchase
from tests.daily_helpers import make_customer

AS_OF = date(2026, 6, 1)
HISTORY = {
    "甲": [(120, 10000), (90, 10000), (60, 10000), (30, 10000), (0, 10000)],
    "乙": [(200, 5000), (100, 5000), (10, 5000)],
    "丙": [(50, 20000)],
    "丁": [(300, 3000), (250, 3000)],
    "戊": [(500, 100000)],
    "己": [],
}
EXPECTED = {  # name: (tier, stage, r, f, m, abc)
    "甲": ("vip", "loyal", 5, 5, 5, "A"),
    "乙": ("high", "repeat", 4, 4, 3, "B"),
    "丙": ("mid", "new", 3, 2, 4, "A"),
    "丁": ("mid", "churned", 2, 3, 2, "C"),
    "戊": ("low", "churned", 1, 1, 1, "C"),
    "己": (None, "potential", None, None, None, None),
}


def add_purchase(session, customer_id: int, days_ago: int, fen: int,
                 as_of: date = AS_OF) -> None:
    session.add(Purchase(customer_id=customer_id, purchased_on=as_of - timedelta(days=days_ago),
                         amount_fen=fen, product="理财", category="理财"))


def make_tier_fixture(vault, owner: str = "王经理") -> dict[str, int]:
    """The six customers above; returns name → id."""
    ids = {}
    for n, (name, purchases) in enumerate(HISTORY.items()):
        ids[name] = make_customer(vault, name, phone=f"1391234{n:04d}", owner=owner)
        with vault.sessions.begin() as s:
            for ago, fen in purchases:
                add_purchase(s, ids[name], ago, fen)
    return ids


def store_clv(vault, as_of: date, clv_fen: dict[int, int]) -> None:
    """A CLV run as of `as_of` with these predicted values (customer id → fen), written
    through the clv store; the models' parameters do not matter to the tiers."""
    from app.services.clv import store
    from app.services.clv.bgnbd import BgNbd
    from app.services.clv.gamma import GammaGamma
    from app.services.clv.inputs import Inputs
    from app.services.clv.score import Scores

    ids = np.array(sorted(clv_fen), dtype=np.int64)
    n = len(ids)
    one = np.ones(n, dtype=np.int64)
    inputs = Inputs(as_of, ids, one, one * 30, one * 60, np.full(n, 5000.0))
    scores = Scores(np.full(n, 0.9), np.full(n, 1.0), one * 5000,
                    np.array([clv_fen[int(i)] for i in ids], dtype=np.int64))
    with vault.sessions.begin() as s:
        store.save(s, inputs, BgNbd(0.2, 4.0, 0.8, 2.4, -100.0),
                   GammaGamma(6.0, 4.0, 15.0, -50.0), scores,
                   computed_at=datetime.combine(as_of, datetime.min.time()),
                   horizon_days=90, discount_rate=0.1)
