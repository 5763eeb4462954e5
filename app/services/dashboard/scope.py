"""What the dashboard looks at: a period, and the customers of an owner and/or region.

Shared by the KPI, chart-series, staff-performance and drill-down queries, so that a
number and the customer list it opens are always computed from the same conditions.

- The period is whole days, `start` to `end` inclusive (stored times are local and
  naive: the period is [start 00:00, end+1 00:00)).
- "As of" is the period's end, or today if that is earlier: "new this month", "active
  in the last 90 days" and "churned this quarter" are relative to it.
- The owner/region filter narrows *customers* (the account manager who holds them);
  activity on those customers (contacts, revisits, complaints) is then credited to the
  person who did or owns it: the contact's staff, the reminder's or complaint's owner,
  falling back to the customer's account manager.
- Customers in the trash are left out everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Complaint, ContactEvent, Customer
from app.models.customer import in_trash
from app.models.enums import ReminderKind
from app.models.sql_functions import unindexed as unindexed_term

# Reminders that count as revisits (回访): planned = not cancelled, done = status done.
REVISIT_KINDS = (ReminderKind.REVISIT, ReminderKind.AFTER_PURCHASE, ReminderKind.BIRTHDAY,
                 ReminderKind.WIN_BACK)
ACTIVE_DAYS = 90
MAX_MONTHS = 120  # ten years of monthly bars is already more than a chart can show
# Above this share of a table's rows, one sequential scan beats a lookup per row through
# the date index (measured on the 100k-customer file: ~0.15 µs vs ~1.6 µs a row).
SCAN_SHARE = 0.10


@dataclass(frozen=True)
class DashboardFilter:
    start: date
    end: date  # inclusive
    owner: str | None = None
    region: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("period", f"The period ends ({self.end}) before it starts "
                                  f"({self.start}).",
                                  f"时间段的结束日期（{self.end}）早于开始日期（{self.start}）。")
        if len(month_keys(self.start, self.end)) > MAX_MONTHS:
            raise ValidationError("period", f"The period is longer than {MAX_MONTHS // 12} "
                                  "years; choose a shorter one.",
                                  f"时间段超过 {MAX_MONTHS // 12} 年，请选择更短的时间段。")

    @classmethod
    def last_months(cls, today: date, months: int = 12, **kw) -> DashboardFilter:
        """The `months` calendar months up to and including today's."""
        first = today.replace(day=1)
        for _ in range(months - 1):
            first = (first - timedelta(days=1)).replace(day=1)
        return cls(first, today, **kw)

    def with_owner(self, owner: str | None) -> DashboardFilter:
        return replace(self, owner=owner or None)

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time())

    @property
    def end_at(self) -> datetime:
        """Exclusive upper bound."""
        return datetime.combine(self.end + timedelta(days=1), time())

    def as_of(self, now: datetime) -> date:
        return min(self.end, now.date())


def month_keys(start: date, end: date) -> list[str]:
    """"2026-01", "2026-02", … for every calendar month touching start..end."""
    keys, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def month_start(day: date) -> date:
    return day.replace(day=1)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_month(day: date) -> date:
    first = day.replace(day=1)
    return (first + timedelta(days=32)).replace(day=1)


def at(day: date) -> datetime:
    return datetime.combine(day, time())


def customer_conds(flt: DashboardFilter, *, scan: bool = False) -> list[ColumnElement[bool]]:
    """The customers the dashboard is about (Customer must be in the FROM clause).
    `scan`: a query that reads a column of every customer; walking the trash index
    would cost a row lookup per customer in name order, one table scan is 4× faster."""
    live = (unindexed(Customer.deleted_at) if scan else Customer.deleted_at).is_(None)
    conds: list[ColumnElement[bool]] = [live]
    if flt.owner:
        conds.append(Customer.owner == flt.owner)
    if flt.region:
        conds.append(Customer.region == flt.region)
    return conds


def count_if(cond):
    """How many of the group's rows meet `cond` (0, never NULL, for an empty group)."""
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def narrowed(flt: DashboardFilter) -> bool:
    return bool(flt.owner or flt.region)


def in_scope(customer_id, flt: DashboardFilter) -> ColumnElement[bool]:
    """`customer_id` is one of the dashboard's customers, without joining customer to a
    million-row event table. The trash is tiny, so without an owner/region filter this
    is `NOT IN (the trash)`; with one it is `IN (those customers)`, and SQLite then
    drives from that (smaller) set through the table's (customer_id, …) index."""
    if narrowed(flt):
        return customer_id.in_(select(Customer.id).where(*customer_conds(flt)))
    return customer_id.not_in(select(Customer.id).where(in_trash()))


def unindexed(col):
    """`+col`: SQLite's documented way to keep a term from choosing an index, so that
    the planner takes a covering index or one table scan instead of a lookup per row."""
    return unindexed_term(col.expression)  # `col` on PostgreSQL (app.models.sql_functions)


def period_terms(session: Session, col, lo, hi, flt: DashboardFilter, *,
                 pk, hi_inclusive: bool = False) -> list[ColumnElement[bool]]:
    """`col` in [lo, hi) (or [lo, hi]) for the dashboard's customers. Through col's
    index when the period holds few of the table's rows (or the customers are
    narrowed: then SQLite drives from them), else by one sequential scan; counting the
    period in col's index first costs a few milliseconds."""
    upper = (col <= hi) if hi_inclusive else (col < hi)
    terms = [col >= lo, upper]
    if not narrowed(flt):
        rows = session.scalar(select(func.count()).where(*terms)) or 0
        total = session.scalar(select(func.max(pk))) or 0
        if rows > SCAN_SHARE * total:
            plain = unindexed(col)
            terms = [plain >= lo, (plain <= hi) if hi_inclusive else (plain < hi)]
    return [*terms, in_scope(col.expression.table.c.customer_id, flt)]


def scores(start: datetime, end: datetime, customer_id: int | None = None):
    """(customer_id, at, score, actor) of every satisfaction score given in [start, end):
    contact events at their time, complaints' score-after at close (else resolve, else
    open) time — the same sources as satisfaction_service."""
    e, c = ContactEvent, Complaint
    events = select(e.customer_id, e.occurred_at.label("at"), e.satisfaction.label("score"),
                    e.staff.label("actor"), literal(0).label("source")).where(
        e.satisfaction.is_not(None), e.occurred_at >= start, e.occurred_at < end)
    when = func.coalesce(c.closed_at, c.resolved_at, c.opened_at)
    complaints = select(c.customer_id, when.label("at"), c.satisfaction_after.label("score"),
                        c.owner.label("actor"), literal(1).label("source")).where(
        c.satisfaction_after.is_not(None), when >= start, when < end)
    if customer_id is not None:
        events = events.where(e.customer_id == customer_id)
        complaints = complaints.where(c.customer_id == customer_id)
    return union_all(events, complaints).subquery("scores")
