"""Staff performance: per person, the customers they hold by tier, their revisits due /
done / overdue, contacts logged, the average satisfaction of the scores they collected,
and complaints resolved within the deadline — over the dashboard's period and customers.

Each figure is one GROUP BY in SQL (customers and contacts shared with the charts: see
dashboard_series.customer_mix and read_activity); the few rows per person are merged here. Who gets
the credit: customers → their account manager; revisits → the reminder's owner, else
the customer's account manager; contacts → the staff who logged them, else the account
manager; complaints and their scores → the complaint's owner, else the account manager.
"" stands for nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.models import Complaint, Customer, Reminder
from app.models.enums import ReminderStatus
from app.services.dashboard.scope import DashboardFilter, count_if, customer_conds, in_scope
from app.services.dashboard.series import (
    TIER_ORDER,
    Activity,
    CustomerMix,
    customer_mix,
    owner_of_customer,
    read_activity,
    revisits_in_period,
)


@dataclass(frozen=True)
class StaffRow:
    owner: str
    tiers: dict[str, int] = field(default_factory=dict)  # TIER_ORDER code → customers
    revisits_due: int = 0  # planned in the period (not cancelled)
    revisits_done: int = 0
    revisits_overdue: int = 0  # still open (or snoozed) past their time
    contacts: int = 0
    satisfaction_average: float | None = None
    satisfaction_count: int = 0
    complaints_resolved: int = 0  # resolved in the period
    complaints_in_time: int = 0  # … by their deadline (no deadline: in time)

    @property
    def customers(self) -> int:
        return sum(self.tiers.values())

    @property
    def in_time_rate(self) -> float | None:
        return (self.complaints_in_time / self.complaints_resolved
                if self.complaints_resolved else None)


def staff_performance(session: Session, flt: DashboardFilter, *, now: datetime,
                      mix: CustomerMix | None = None,
                      activity: Activity | None = None) -> list[StaffRow]:
    """One row per person with anything to show, most customers first. `mix` and
    `activity` (the chart reads) are reused when given: only reminders and complaints,
    two small tables, are read here then."""
    rows: dict[str, dict] = {}

    def put(owner: str | None, **values) -> None:
        row = rows.setdefault(owner or "", {"tiers": {}})
        for key, value in values.items():
            if key == "tier":
                row["tiers"][value[0]] = row["tiers"].get(value[0], 0) + int(value[1])
            else:
                row[key] = value

    for owner, key, _, n in (mix or customer_mix(session, flt)).rows:
        put(owner, tier=(key, n))

    r_owner = func.coalesce(Reminder.owner, Customer.owner, "").label("o")
    late = and_(Reminder.status.in_((ReminderStatus.OPEN, ReminderStatus.SNOOZED)),
                func.coalesce(Reminder.snoozed_until, Reminder.due_at) < now)
    for owner, due, done, overdue in session.execute(
            select(r_owner, func.count(), count_if(Reminder.status == ReminderStatus.DONE),
                   count_if(late))
            .join(Customer, Customer.id == Reminder.customer_id)
            .where(*customer_conds(flt), *revisits_in_period(flt)).group_by(r_owner)):
        put(owner, revisits_due=int(due), revisits_done=int(done), revisits_overdue=int(overdue))

    activity = activity or read_activity(session, flt)
    for owner, n in activity.contacts_by_actor().items():
        put(owner, contacts=n)
    for owner, (n, average) in activity.scores_by_actor().items():
        put(owner, satisfaction_average=average, satisfaction_count=n)

    k_owner = func.coalesce(Complaint.owner, owner_of_customer(Complaint.customer_id),
                            "").label("o")
    in_time = or_(Complaint.deadline_at.is_(None), Complaint.resolved_at <= Complaint.deadline_at)
    for owner, n, ok in session.execute(
            select(k_owner, func.count(), count_if(in_time))
            .where(in_scope(Complaint.customer_id, flt), Complaint.resolved_at >= flt.start_at,
                   Complaint.resolved_at < flt.end_at).group_by(k_owner)):
        put(owner, complaints_resolved=int(n), complaints_in_time=int(ok))

    out = []
    for owner, values in rows.items():
        tiers = {k: values["tiers"][k] for k in TIER_ORDER if values["tiers"].get(k)}
        out.append(StaffRow(owner, tiers, **{k: v for k, v in values.items() if k != "tiers"}))
    # Named people first (most customers first), nobody last.
    out.sort(key=lambda r: (r.owner == "", -r.customers, -r.contacts, r.owner))
    return out
