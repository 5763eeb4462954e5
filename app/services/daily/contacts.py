"""Contact history: log every touch with a customer, and read a customer's timeline.

Functions take a Session and never commit: the caller owns the transaction. A quick
log with a follow-up writes the contact event and its reminder inside one SAVEPOINT,
so a failing follow-up leaves no contact behind, even when the caller goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from app.errors import InvalidInput, ValidationError
from app.i18n import pick
from app.models import ContactEvent, Customer
from app.models.enums import Channel, Direction, Purpose, ReminderKind
from app.services.customers.service import resolve_id
from app.services.daily import record_fields as rf
from app.services.daily.local_time import at_workday_start, local_naive

if TYPE_CHECKING:
    from app.services.daily.reminders import ReminderRow

SUMMARY_LIMIT = 2000
OUTCOME_LIMIT = 2000
STAFF_LIMIT = 100
MAX_FOLLOW_UP_DAYS = 3650
TIMELINE_LIMIT = 200

_ROW_COLUMNS = (ContactEvent.id, ContactEvent.occurred_at, ContactEvent.channel,
                ContactEvent.direction, ContactEvent.purpose, ContactEvent.summary,
                ContactEvent.outcome, ContactEvent.satisfaction, ContactEvent.staff)


@dataclass(frozen=True)
class ContactRow:
    id: int
    occurred_at: datetime
    channel: str
    direction: str
    purpose: str
    summary: str
    outcome: str | None
    satisfaction: int | None
    staff: str | None


@dataclass(frozen=True)
class ContactInput:
    """One touch with a customer as a person enters it; `occurred_at` defaults to now."""

    channel: str
    purpose: str
    summary: str
    direction: str = Direction.OUTBOUND
    outcome: str | None = None
    satisfaction: int | None = None
    staff: str | None = None
    occurred_at: datetime | None = None


@dataclass(frozen=True)
class LoggedContact:
    contact: ContactRow
    reminder: ReminderRow | None = None


@dataclass(frozen=True)
class TimelinePage:
    """Newest first. Pass `next_before` as `before` to read the following page."""

    rows: tuple[ContactRow, ...]
    next_before: tuple[datetime, int] | None = None


def validate_contact(data: ContactInput, *, now: datetime) -> dict:
    """Normalised column values, or ValidationError naming the field."""
    now = local_naive(now)
    occurred = now if data.occurred_at is None else local_naive(data.occurred_at)
    if occurred > now:
        en, zh = rf.label("occurred_at")
        raise ValidationError("occurred_at", f"{en} {occurred:%Y-%m-%d %H:%M} is in the future.",
                              f"{zh} {occurred:%Y-%m-%d %H:%M} 晚于当前时间。")
    return {
        "channel": rf.choice(data.channel, Channel, "channel"),
        "purpose": rf.choice(data.purpose, Purpose, "purpose"),
        "direction": rf.choice(data.direction, Direction, "direction"),
        "summary": rf.required_text(data.summary, "summary", SUMMARY_LIMIT),
        "outcome": rf.optional_text(data.outcome, "outcome", OUTCOME_LIMIT),
        "satisfaction": rf.score(data.satisfaction),
        "staff": rf.optional_text(data.staff, "staff", STAFF_LIMIT, one_line=True),
        "occurred_at": occurred,
    }


def active_customer_id(session: Session, customer_key: int | str) -> int:
    """The id of a customer not in the trash (NotFound / InvalidInput otherwise)."""
    cid = resolve_id(session, customer_key)
    code, deleted_at = session.execute(
        select(Customer.code, Customer.deleted_at).where(Customer.id == cid)).one()
    if deleted_at is not None:
        raise InvalidInput(f"Customer {code} is in the trash; restore it first.",
                           f"客户 {code} 在回收站中，请先恢复。")
    return cid


def record_contact(session: Session, customer_id: int, data: ContactInput, *,
                   now: datetime) -> ContactRow:
    """Insert one contact event for an (existing, active) customer id."""
    values = validate_contact(data, now=now)
    event = ContactEvent(customer_id=customer_id, created_at=local_naive(now), **values)
    session.add(event)
    session.flush()
    return contact_row(session, event.id)


def rows_select():
    """The columns of a ContactRow (for callers adding their own where/order)."""
    return select(*_ROW_COLUMNS)


def contact_row(session: Session, event_id: int) -> ContactRow:
    rec = session.execute(rows_select().where(ContactEvent.id == event_id)).one()
    return ContactRow(*rec)


def log_contact(session: Session, customer_key: int | str, data: ContactInput, *,
                now: datetime, follow_up_days: int | str | None = None,
                follow_up_title: str | None = None) -> LoggedContact:
    """Record a contact; with `follow_up_days`, also an open revisit reminder due that
    many days after today at 09:00, titled `follow_up_title` (default: from the summary).
    Both rows or neither."""
    from app.services.daily.reminders import create_reminder

    cid = active_customer_id(session, customer_key)
    with session.begin_nested():
        contact = record_contact(session, cid, data, now=now)
        if follow_up_days is None:
            return LoggedContact(contact)
        days = rf.whole_number(follow_up_days, "follow_up_days", 1, MAX_FOLLOW_UP_DAYS)
        title = (follow_up_title if follow_up_title is not None
                 else default_follow_up_title(contact.summary))
        reminder = create_reminder(
            session, cid, due_at=at_workday_start(local_naive(now).date() + timedelta(days=days)),
            title=title, kind=ReminderKind.REVISIT, note=contact.summary, owner=contact.staff,
            now=now)
    return LoggedContact(contact, reminder)


def default_follow_up_title(summary: str, width: int = 40) -> str:
    first_line = summary.strip().splitlines()[0] if summary.strip() else ""
    short = first_line if len(first_line) <= width else first_line[: width - 1] + "…"
    return pick(f"Follow up: {short}", f"跟进：{short}")


def timeline(session: Session, customer_id: int, *, channels: list[str] | None = None,
             purposes: list[str] | None = None, limit: int = TIMELINE_LIMIT,
             before: tuple[datetime, int] | None = None) -> TimelinePage:
    """A customer's contacts, newest first, optionally of some channels/purposes.
    Keyset paging on (occurred_at, id) walks ix_contact_event_customer_time: a page
    deep in a long history costs the same as the first."""
    e = ContactEvent
    stmt = (rows_select()
            .where(e.customer_id == customer_id)
            .order_by(e.occurred_at.desc(), e.id.desc()).limit(max(1, limit) + 1))
    if channels:
        stmt = stmt.where(e.channel.in_([rf.choice(c, Channel, "channel") for c in channels]))
    if purposes:
        stmt = stmt.where(e.purpose.in_([rf.choice(p, Purpose, "purpose") for p in purposes]))
    if before is not None:
        stmt = stmt.where(tuple_(e.occurred_at, e.id) < tuple_(local_naive(before[0]),
                                                                before[1]))
    rows = [ContactRow(*rec) for rec in session.execute(stmt)]
    if len(rows) <= max(1, limit):
        return TimelinePage(tuple(rows))
    rows = rows[:-1]
    return TimelinePage(tuple(rows), (rows[-1].occurred_at, rows[-1].id))
