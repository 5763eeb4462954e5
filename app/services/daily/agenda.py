"""The "Today" agenda: overdue, due today and upcoming reminders, and complaints whose
deadline falls in the window. Read-only.

There is no scheduler: whatever came due while the laptop was off is simply overdue
at the next start. Reminders are read through ix_reminder_status_due and complaints
through ix_complaint_status_deadline (status IN (…) AND time < …); customers in the
trash are left out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import Complaint, Customer, Reminder
from app.services.daily.complaints import OPEN_STATUSES as COMPLAINT_OPEN
from app.services.daily.local_time import local_naive, start_of_day
from app.services.daily.record_fields import json_ready
from app.services.daily.reminders import ACTIVE_STATUSES
from app.services.planner_hints import not_in_trash, rare

GROUP_LIMIT = 500  # rows listed per group; the counts are always complete


@dataclass(frozen=True)
class AgendaItem:
    reminder_id: int
    customer_id: int
    customer_code: str
    customer_name: str
    customer_phone: str | None
    due_at: datetime
    kind: str
    title: str
    status: str
    days_overdue: int = 0


@dataclass(frozen=True)
class ComplaintDue:
    complaint_id: int
    customer_id: int
    customer_code: str
    customer_name: str
    customer_phone: str | None
    category: str
    severity: str
    status: str
    deadline_at: datetime
    overdue: bool


@dataclass(frozen=True)
class AgendaCounts:
    overdue: int = 0
    due_today: int = 0
    upcoming: int = 0
    complaints_due: int = 0
    complaints_overdue: int = 0


@dataclass(frozen=True)
class Agenda:
    day: date
    now: datetime
    days_ahead: int
    overdue: tuple[AgendaItem, ...] = ()
    due_today: tuple[AgendaItem, ...] = ()
    upcoming: tuple[AgendaItem, ...] = ()
    complaints_due: tuple[ComplaintDue, ...] = ()
    counts: AgendaCounts = field(default_factory=AgendaCounts)

    def to_json(self) -> dict:
        return json_ready(asdict(self))


_ITEM_COLUMNS = (Reminder.id, Reminder.customer_id, Customer.code, Customer.name,
                 Customer.phone, Reminder.due_at, Reminder.kind, Reminder.title,
                 Reminder.status)


def _active_due_before(stmt, end: datetime, owner: str | None):
    """`stmt` narrowed to open/snoozed reminders due before `end` of customers not in
    the trash (and of `owner`): the same set for the lists and their counts."""
    stmt = (stmt.join(Customer, Customer.id == Reminder.customer_id)
            .where(rare(Reminder.status.in_(ACTIVE_STATUSES)), Reminder.due_at < end,
                   not_in_trash()))
    return stmt.where(Reminder.owner == owner) if owner else stmt


def _reminders_in(session: Session, start: datetime | None, end: datetime, *,
                  owner: str | None, today: date, limit: int | None) -> tuple[AgendaItem, ...]:
    stmt = _active_due_before(select(*_ITEM_COLUMNS), end, owner).order_by(Reminder.due_at,
                                                                            Reminder.id)
    if start is not None:
        stmt = stmt.where(Reminder.due_at >= start)
    if limit is not None:
        stmt = stmt.limit(limit)
    return tuple(AgendaItem(*rec, days_overdue=max(0, (today - rec.due_at.date()).days))
                 for rec in session.execute(stmt))


def _reminder_counts(session: Session, today0: datetime, tomorrow0: datetime, end: datetime,
                     owner: str | None) -> tuple[int, int, int]:
    due = Reminder.due_at
    stmt = _active_due_before(
        select(func.count(case((due < today0, 1))),
               func.count(case(((due >= today0) & (due < tomorrow0), 1))),
               func.count(case((due >= tomorrow0, 1)))), end, owner)
    overdue, today, upcoming = session.execute(stmt).one()
    return int(overdue), int(today), int(upcoming)


def _complaints_due(session: Session, end: datetime, now: datetime,
                    owner: str | None) -> tuple[ComplaintDue, ...]:
    c = Complaint
    stmt = (select(c.id, c.customer_id, Customer.code, Customer.name, Customer.phone,
                   c.category, c.severity, c.status, c.deadline_at)
            .join(Customer, Customer.id == c.customer_id)
            .where(rare(c.status.in_(COMPLAINT_OPEN)), c.deadline_at < end,
                   not_in_trash())
            .order_by(c.deadline_at, c.id))
    if owner:
        stmt = stmt.where(c.owner == owner)
    return tuple(ComplaintDue(*rec, overdue=rec.deadline_at < now)
                 for rec in session.execute(stmt))


def agenda(session: Session, *, now: datetime, owner: str | None = None, days_ahead: int = 7,
           limit: int | None = GROUP_LIMIT) -> Agenda:
    """Open and snoozed reminders due before today 00:00 (overdue), today, and in the
    next `days_ahead` days (upcoming), each by due time and at most `limit` rows; open
    and in-progress complaints whose deadline is before the end of that window."""
    now = local_naive(now)
    today = now.date()
    today0 = start_of_day(today)
    tomorrow0 = today0 + timedelta(days=1)
    end = tomorrow0 + timedelta(days=max(0, days_ahead))
    kw = {"owner": owner, "today": today, "limit": limit}
    complaints = _complaints_due(session, end, now, owner)
    overdue_n, today_n, upcoming_n = _reminder_counts(session, today0, tomorrow0, end, owner)
    return Agenda(
        day=today, now=now, days_ahead=max(0, days_ahead),
        overdue=_reminders_in(session, None, today0, **kw),
        due_today=_reminders_in(session, today0, tomorrow0, **kw),
        upcoming=_reminders_in(session, tomorrow0, end, **kw),
        complaints_due=complaints,
        counts=AgendaCounts(overdue_n, today_n, upcoming_n, len(complaints),
                            sum(1 for c in complaints if c.overdue)),
    )


def due_between(session: Session, start: datetime, end: datetime, *,
                owner: str | None = None) -> tuple[AgendaItem, ...]:
    """Open/snoozed reminders with start <= due_at < end (for desktop notifications:
    ask for [last check, now) each minute: every reminder is announced once)."""
    start, end = local_naive(start), local_naive(end)
    return _reminders_in(session, start, end, owner=owner, today=start.date(), limit=None)
