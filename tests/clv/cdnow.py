"""The CDNOW sample (tests/data/cdnow/README.md) as arrays, and planted in a file."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import numpy as np

from app.models import Purchase
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer

DATA = Path(__file__).parent.parent / "data" / "cdnow"
CALIBRATION_END = date(1997, 9, 30)  # 39 weeks after 1997-01-01
HOLDOUT_END = date(1998, 6, 30)  # 39 weeks later


@cache
def transactions() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(customer 1..2357, day ordinal, amount in cents) per transaction line."""
    cid, day, cents = [], [], []
    for line in (DATA / "CDNOW_sample.txt").read_text().splitlines():
        _master, who, ymd, _cds, dollars = line.split()
        cid.append(int(who))
        day.append(date(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:])).toordinal())
        cents.append(round(float(dollars) * 100))
    return np.array(cid), np.array(day), np.array(cents)


def published_summary() -> dict[str, np.ndarray]:
    with (DATA / "cdnow_customers_summary_with_transactions.csv").open() as f:
        rows = list(csv.DictReader(f))
    return {key: np.array([float(r[key]) for r in rows]) for key in ("ID", "x", "t_x", "T",
                                                                      "zbar")}


def plant(vault, customers: int, shift_days: int = 0) -> dict[int, int]:
    """The first `customers` CDNOW customers as Kehu customers with their purchases
    (cents as fen, dates moved `shift_days` later); returns CDNOW id → customer id."""
    cid, day, cents = transactions()
    ids: dict[int, int] = {}
    with vault.sessions.begin() as s:
        for who in range(1, customers + 1):
            ids[who] = create_customer(s, CustomerInput(name=f"客户{who}")).id
        for who, d, fen in zip(cid.tolist(), day.tolist(), cents.tolist(), strict=True):
            if who <= customers:
                s.add(Purchase(customer_id=ids[who], amount_fen=fen,
                               purchased_on=date.fromordinal(d) + timedelta(days=shift_days)))
    return ids
