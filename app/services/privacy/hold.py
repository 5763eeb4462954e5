"""Storage-only holds: put, release, and the condition "not held" every processing of
customers (exports, plans, contact lists) adds. A hold is in force from when it is put
until it is released or its end date has passed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import Customer, CustomerHold
from app.models.base import now
from app.services import audit


@dataclass(frozen=True)
class Hold:
    id: int
    reason: str
    until: date
    created_by: str

    def to_json(self) -> dict:
        return {"id": self.id, "reason": self.reason, "until": self.until.isoformat(),
                "created_by": self.created_by}


def _in_force(today: date):
    return (CustomerHold.released_at.is_(None)) & (CustomerHold.until >= today)


def not_held(today: date | None = None) -> ColumnElement[bool]:
    """SQL condition on Customer: no hold in force."""
    today = today or now().date()
    return Customer.id.not_in(select(CustomerHold.customer_id).where(_in_force(today)))


def held_ids(session: Session, today: date | None = None) -> set[int]:
    today = today or now().date()
    return set(session.scalars(select(CustomerHold.customer_id).where(_in_force(today))))


def active_hold(session: Session, customer_id: int, today: date | None = None) -> Hold | None:
    today = today or now().date()
    row = session.scalars(select(CustomerHold).where(
        CustomerHold.customer_id == customer_id, _in_force(today))
        .order_by(CustomerHold.until.desc())).first()
    return None if row is None else Hold(row.id, row.reason, row.until, row.created_by or "")


def put(session: Session, customer_id: int, *, until: date | None, reason: str,
        today: date | None = None) -> Hold:
    today = today or now().date()
    reason = (reason or "").strip()
    if until is None:
        raise InvalidInput("A hold needs an end date (--until), e.g. the end of the "
                           "statutory retention.", "保留冻结需要截止日期（--until），"
                           "例如法定保存期限的截止日。")
    if until < today:
        raise InvalidInput(f"The hold's end date {until} has passed already.",
                           f"冻结截止日期 {until} 已经过去。")
    if not reason:
        raise InvalidInput("A hold needs a reason (e.g. the law that requires keeping).",
                           "保留冻结需要说明原因（例如要求保存的法规）。")
    exists = session.scalar(select(Customer.id).where(Customer.id == customer_id,
                                                      Customer.merged_into_id.is_(None)))
    if exists is None:
        raise InvalidInput(f"No customer {customer_id}.", f"找不到客户 {customer_id}。")
    row = CustomerHold(customer_id=customer_id, reason=reason, until=until,
                       created_by=audit.current_user())
    session.add(row)
    session.flush()
    audit.record(session, "hold", "customer", customer_id,
                 {"until": until.isoformat(), "reason": reason})
    return Hold(row.id, row.reason, row.until, row.created_by or "")


def release(session: Session, customer_id: int) -> int:
    """End every hold in force; the number ended (0: there was none, said so)."""
    rows = list(session.scalars(select(CustomerHold).where(
        CustomerHold.customer_id == customer_id, CustomerHold.released_at.is_(None))))
    if not rows:
        raise InvalidInput(f"Customer {customer_id} is not on hold.",
                           f"客户 {customer_id} 没有保留冻结。")
    moment = now()
    for row in rows:
        row.released_at, row.released_by = moment, audit.current_user()
    session.flush()
    audit.record(session, "release", "customer", customer_id, {"holds": len(rows)})
    return len(rows)
