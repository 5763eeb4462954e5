"""Satisfaction scores (1–5): per customer, and the monthly average against a target.

Where the scores come from (a choice, documented here once):
- every contact event with a `satisfaction` score (surveys, revisits, completed
  reminders…), at its `occurred_at`;
- every complaint with a `satisfaction_after` score, at the time it was closed (else
  resolved, else opened): how a customer felt after a complaint is the satisfaction
  that matters most, and it is often asked only on the complaint itself.
A survey call logged about a complaint *and* a score on the complaint count twice;
staff are asked to record the score in one place. Customers in the trash still count
until they are purged (the scores were given). Read-only; averages are computed in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Complaint, ContactEvent
from app.services.daily.local_time import parse_datetime

DEFAULT_TARGET = 4.0  # 4 of 5 = the 80-point target common in branch KPIs


@dataclass(frozen=True)
class CustomerSatisfaction:
    customer_id: int
    count: int = 0
    average: float | None = None
    latest: int | None = None
    latest_at: datetime | None = None


@dataclass(frozen=True)
class MonthScore:
    month: str  # "2026-11"
    average: float
    count: int
    target: float
    meets_target: bool


def _complaint_time():
    c = Complaint
    return func.coalesce(c.closed_at, c.resolved_at, c.opened_at)


def _scores(*, customer_id: int | None = None, start: datetime | None = None,
            end: datetime | None = None):
    """(customer_id, at, score, source) of every score, as one UNION ALL subquery."""
    e, c = ContactEvent, Complaint
    events = select(e.customer_id, e.occurred_at.label("at"), e.satisfaction.label("score"),
                    literal(0).label("source")).where(e.satisfaction.is_not(None))
    at = _complaint_time()
    complaints = select(c.customer_id, at.label("at"), c.satisfaction_after.label("score"),
                        literal(1).label("source")).where(c.satisfaction_after.is_not(None))
    if customer_id is not None:
        events = events.where(e.customer_id == customer_id)
        complaints = complaints.where(c.customer_id == customer_id)
    if start is not None:
        events = events.where(e.occurred_at >= start)
        complaints = complaints.where(at >= start)
    if end is not None:
        events = events.where(e.occurred_at < end)
        complaints = complaints.where(at < end)
    return union_all(events, complaints).subquery("scores")


def customer_satisfaction(session: Session, customer_id: int) -> CustomerSatisfaction:
    """Count, average and the latest score (with its time) of one customer."""
    scores = _scores(customer_id=customer_id)
    count, average = session.execute(
        select(func.count(), func.avg(scores.c.score))).one()
    if not count:
        return CustomerSatisfaction(customer_id)
    latest, latest_at = session.execute(
        select(scores.c.score, scores.c.at)
        .order_by(scores.c.at.desc(), scores.c.source.desc()).limit(1)).one()
    return CustomerSatisfaction(customer_id, int(count), float(average), int(latest), latest_at)


def monthly_average(session: Session, *, start: date | datetime, end: date | datetime,
                    target: float = DEFAULT_TARGET) -> list[MonthScore]:
    """Average score per calendar month over scores given at start <= time < end
    (a date means its 00:00), oldest month first; months without a score are absent."""
    if not 1 <= target <= 5:
        raise ValidationError("target", f"The target must be from 1 to 5; got {target}.",
                              f"目标值必须在 1 到 5 之间，当前为 {target}。")
    scores = _scores(start=parse_datetime(start, field="start", default_time=time.min),
                     end=parse_datetime(end, field="end", default_time=time.min))
    # Stored times are ISO text ("2026-11-24 09:00:00.000000"): the month is its prefix.
    month = func.substr(scores.c.at, 1, 7).label("month")
    stmt = (select(month, func.avg(scores.c.score), func.count())
            .group_by(month).order_by(month))
    return [MonthScore(m, float(avg), int(n), float(target), float(avg) >= target)
            for m, avg, n in session.execute(stmt)]
