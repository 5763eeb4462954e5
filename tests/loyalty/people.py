"""Customers and purchases for the loyalty tests, on the test's encrypted file."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from app.models import CustomerTier, PointsEntry, Purchase
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer

STAMP = datetime(2026, 6, 1, 9, 0)


def customer(s, name: str = "张伟", **fields) -> int:
    return create_customer(s, CustomerInput(name=name, **fields)).id


def buy(s, cid: int, day: date, yuan: float, category: str | None = None) -> int:
    p = Purchase(customer_id=cid, purchased_on=day, amount_fen=round(yuan * 100),
                 category=category)
    s.add(p)
    s.flush()
    return p.id


def tier(s, cid: int, value_tier: str) -> None:
    s.add(CustomerTier(customer_id=cid, value_tier=value_tier, lifecycle_stage="repeat",
                       changed_at=STAMP))
    s.flush()


def ledger_count(vault) -> int:
    with vault.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(PointsEntry)))


def points_of(vault, cid: int) -> int:
    from app.services.loyalty import ledger

    with vault.sessions() as s:
        return ledger.balance(s, cid)
