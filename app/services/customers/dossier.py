"""One customer's dossier as plain frozen rows: purchases, contact history, reminders,
complaints and tier history, newest first, each capped with its true count.

No Qt here. `load_dossier` reads everything the dossier pane shows in one session,
so a worker can call it with the session factory and hand the result to the UI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Complaint, ContactEvent, Customer, Purchase, Reminder, TierSnapshot
from app.services.customers.input import CustomerInput
from app.services.customers.listing import tag_names
from app.services.customers.rows import CustomerRow
from app.services.customers.service import create_customer, get_customer, update_customer
from app.services.daily import complaints as complaint_service
from app.services.daily import contacts as contact_service
from app.services.daily import reminders as reminder_service
from app.services.daily.complaints import ComplaintRow, is_overdue
from app.services.daily.contacts import ContactRow
from app.services.daily.reminders import ReminderRow
from app.services.tiers.reason import describe

CAP = 1000  # rows read per list; the count says how many there really are

T = TypeVar("T")


@dataclass(frozen=True)
class Capped(Generic[T]):
    """The newest `len(rows)` rows of `total`."""

    rows: tuple[T, ...] = ()
    total: int = 0

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


@dataclass(frozen=True)
class PurchaseRow:
    id: int
    purchased_on: date
    product: str | None
    category: str | None
    quantity: int
    amount_fen: int
    channel: str | None


@dataclass(frozen=True)
class TierRow:
    id: int
    computed_at: datetime
    value_tier: str | None
    lifecycle_stage: str
    reason: str  # in words (stored as a code and figures, see tier_reason)
    churn_risk: float | None = None


@dataclass(frozen=True)
class PurchaseSummary:
    count: int = 0
    total_fen: int = 0
    first_on: date | None = None
    last_on: date | None = None


@dataclass(frozen=True)
class Dossier:
    customer: CustomerRow
    summary: PurchaseSummary
    purchases: Capped[PurchaseRow]
    contacts: Capped[ContactRow]
    reminders: Capped[ReminderRow]
    complaints: Capped[ComplaintRow]
    tiers: Capped[TierRow]


def _capped(session: Session, model, row_type: Callable[..., T], columns: tuple | Select,
            order, customer_id: int, limit: int) -> Capped[T]:
    """`columns`: a tuple of columns, or a service's row select (joins included)."""
    total = session.scalar(select(func.count()).select_from(model)
                           .where(model.customer_id == customer_id)) or 0
    if not total:
        return Capped((), 0)
    stmt = columns if isinstance(columns, Select) else select(*columns)
    stmt = (stmt.where(model.customer_id == customer_id)
            .order_by(order.desc(), model.id.desc()).limit(limit))
    return Capped(tuple(row_type(*rec) for rec in session.execute(stmt)), int(total))


def purchases(session: Session, customer_id: int, limit: int = CAP) -> Capped[PurchaseRow]:
    p = Purchase
    return _capped(session, p, PurchaseRow,
                   (p.id, p.purchased_on, p.product, p.category, p.quantity, p.amount_fen,
                    p.channel), p.purchased_on, customer_id, limit)


def contact_events(session: Session, customer_id: int, limit: int = CAP) -> Capped[ContactRow]:
    return _capped(session, ContactEvent, ContactRow, contact_service.rows_select(),
                   ContactEvent.occurred_at, customer_id, limit)


def reminders(session: Session, customer_id: int, limit: int = CAP) -> Capped[ReminderRow]:
    return _capped(session, Reminder, ReminderRow, reminder_service.rows_select(),
                   Reminder.due_at, customer_id, limit)


def complaints(session: Session, customer_id: int, limit: int = CAP, *,
               now: datetime | None = None) -> Capped[ComplaintRow]:
    """`overdue` is as of `now` (False for all without one)."""
    def row_type(*rec) -> ComplaintRow:
        row = ComplaintRow(*rec)
        return replace(row, overdue=True) if now is not None and is_overdue(row, now) else row

    return _capped(session, Complaint, row_type, complaint_service.rows_select(),
                   Complaint.opened_at, customer_id, limit)


def tier_history(session: Session, customer_id: int, limit: int = CAP) -> Capped[TierRow]:
    """The customer's tier and stage changes, newest first, reasons in words."""
    t = TierSnapshot
    capped = _capped(session, t, TierRow,
                     (t.id, t.computed_at, t.value_tier, t.lifecycle_stage, t.reason,
                      t.churn_risk), t.computed_at, customer_id, limit)
    return Capped(tuple(replace(row, reason=describe(row.reason)) for row in capped.rows),
                  capped.total)


def purchase_summary(session: Session, customer_id: int) -> PurchaseSummary:
    count, total, first, last = session.execute(
        select(func.count(Purchase.id), func.coalesce(func.sum(Purchase.amount_fen), 0),
               func.min(Purchase.purchased_on), func.max(Purchase.purchased_on))
        .where(Purchase.customer_id == customer_id)).one()
    return PurchaseSummary(int(count), int(total), first, last)


def load_dossier(session: Session, customer_id: int, limit: int = CAP, *,
                 live_limit: int | None = None) -> Dossier:
    """Everything the dossier pane shows; raises NotFound for an unknown id.
    `live_limit` caps the contacts, reminders and complaints read here, for a pane
    whose tabs page through those rows themselves (their counts stay true)."""
    customer = get_customer(session, customer_id)
    live = limit if live_limit is None else live_limit
    return Dossier(
        customer=customer,
        summary=purchase_summary(session, customer.id),
        purchases=purchases(session, customer.id, limit),
        contacts=contact_events(session, customer.id, live),
        reminders=reminders(session, customer.id, live),
        complaints=complaints(session, customer.id, live),
        tiers=tier_history(session, customer.id, limit),
    )


def read_dossier(sessions: sessionmaker[Session], customer_id: int,
                 limit: int = CAP) -> Dossier:
    """`load_dossier` in a session of its own (for a worker thread)."""
    with sessions() as session:
        return load_dossier(session, customer_id, limit)


def read_customer(sessions: sessionmaker[Session], customer_id: int) -> CustomerRow:
    """The customer as stored now, in a session of its own (for a worker)."""
    with sessions() as session:
        return get_customer(session, customer_id)


def save_profile(sessions: sessionmaker[Session], customer_id: int | None,
                 data: CustomerInput | dict, expected_version: int | None = None
                 ) -> CustomerRow:
    """The profile form's save, in a transaction of its own (for a worker): a new
    customer from a whole CustomerInput, or the changed fields of an existing one made
    on the row read at `expected_version`. Any error (DuplicateCustomer,
    ValidationError, EditConflict when someone else saved meanwhile…) rolls it all
    back."""
    with sessions.begin() as session:
        if customer_id is None:
            return create_customer(session, data)
        return update_customer(session, customer_id, data,
                               expected_version=expected_version)


@dataclass(frozen=True)
class Completions:
    """Values already in use, offered while typing in the profile form."""

    tags: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    branches: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


def _distinct(session: Session, column, limit: int) -> tuple[str, ...]:
    # Trash included: owner, region and branch are then read from their indexes alone.
    stmt = select(column).where(column.is_not(None)).distinct().limit(limit)
    return tuple(sorted(v for v in session.scalars(stmt) if v))


def completions(sessions: sessionmaker[Session], limit: int = 2000) -> Completions:
    """Tags, owners, regions, branches and sources in use (in a session of its own).
    Values of customers in the trash are included: they are still valid choices."""
    with sessions() as session:
        return Completions(
            tags=tuple(tag_names(session)),
            owners=_distinct(session, Customer.owner, limit),
            regions=_distinct(session, Customer.region, limit),
            branches=_distinct(session, Customer.branch, limit),
            sources=_distinct(session, Customer.source, limit),
        )
