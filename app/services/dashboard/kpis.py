"""The dashboard's KPI cards, each counted in SQL, and the customers behind each card.

Every customer-counting KPI is the size of one id query (`kpi_ids`), and clicking its
card lists exactly that query's customers (`drill_filter`): the number and the list
can never disagree. The cards that count other things (revisit reminders, scores,
complaints) open the customers those things belong to.
See dashboard_scope for the period, "as of" and filter rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Select, and_, exists, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from app.models import Complaint, ContactEvent, Customer, CustomerTier, Purchase, Reminder
from app.models.enums import LifecycleStage, ReminderStatus
from app.models.tier_snapshot import TierSnapshot
from app.services.customers.search import ListFilter
from app.services.daily.complaints import OPEN_STATUSES
from app.services.daily.satisfaction import DEFAULT_TARGET
from app.services.dashboard.scope import (
    ACTIVE_DAYS,
    DashboardFilter,
    at,
    count_if,
    customer_conds,
    in_scope,
    month_start,
    narrowed,
    next_month,
    quarter_start,
)
from app.services.dashboard.series import Activity, read_activity, revisits_due

KPI_KEYS = ("customers", "active", "new", "at_risk", "churned", "revisits", "satisfaction",
            "complaints_open", "complaints_overdue")


@dataclass(frozen=True)
class Kpis:
    customers: int = 0
    tiered: int = 0  # customers with a computed tier row
    active: int = 0
    new: int = 0
    at_risk: int = 0
    churned: int = 0
    revisits_planned: int = 0
    revisits_done: int = 0
    satisfaction_average: float | None = None
    satisfaction_count: int = 0
    satisfaction_target: float = DEFAULT_TARGET
    complaints_open: int = 0
    complaints_overdue: int = 0

    @property
    def revisit_rate(self) -> float | None:
        """done / planned, None when nothing was planned (never a division by zero)."""
        return self.revisits_done / self.revisits_planned if self.revisits_planned else None

    @property
    def meets_target(self) -> bool | None:
        if self.satisfaction_average is None:
            return None
        return self.satisfaction_average >= self.satisfaction_target


def _in_scope(flt: DashboardFilter, ids) -> Select:
    """Customers of the filter whose id is in `ids` (a select of customer ids)."""
    return select(Customer.id).where(*customer_conds(flt), Customer.id.in_(ids))


def _revisits_this_month(flt: DashboardFilter, now: datetime):
    as_of = flt.as_of(now)
    return revisits_due(at(month_start(as_of)), at(next_month(as_of)))


def _churned_this_quarter(flt: DashboardFilter, now: datetime):
    """Churned now, having BECOME churned within the quarter: the first churned
    snapshot after the customer's latest non-churned one is dated in the quarter.

    A customer whose snapshots are all churned (typically: tiers first computed today
    for a file with a long history) is not counted: we saw it churned, never saw it
    churn, and do not know when it did. Snapshots are written only on a change, so
    the change's date is the snapshot's (see tiers.service.recompute)."""
    q = at(quarter_start(flt.as_of(now)))
    ours = TierSnapshot.customer_id == CustomerTier.customer_id
    # Correlated to the outer customer_tier by hand: nested two levels down, SQLAlchemy
    # made it a join of its own (the file's latest non-churned snapshot, anyone's).
    last_other = (select(func.max(TierSnapshot.computed_at))
                  .where(ours, TierSnapshot.lifecycle_stage != LifecycleStage.CHURNED)
                  .correlate(CustomerTier).scalar_subquery())
    later = aliased(TierSnapshot)
    became = (select(func.min(later.computed_at))
              .where(later.customer_id == CustomerTier.customer_id,
                     later.lifecycle_stage == LifecycleStage.CHURNED,
                     later.computed_at > last_other)
              .scalar_subquery())
    return select(CustomerTier.customer_id).where(
        CustomerTier.lifecycle_stage == LifecycleStage.CHURNED, became >= q)


def _active_ids(flt: DashboardFilter, as_of) -> Select:
    since = as_of - timedelta(days=ACTIVE_DAYS - 1)
    lo, hi = at(since), at(as_of + timedelta(days=1))
    if narrowed(flt):  # a few customers: look each one up in the two (customer, date) indexes
        bought = exists().where(Purchase.customer_id == Customer.id,
                                Purchase.purchased_on >= since, Purchase.purchased_on <= as_of)
        talked = exists().where(ContactEvent.customer_id == Customer.id,
                                ContactEvent.occurred_at >= lo, ContactEvent.occurred_at < hi)
        return select(Customer.id).where(*customer_conds(flt), or_(bought, talked))
    # The whole file: the 90 days' entries of the two (date, customer_id) indexes, read
    # from the indexes alone (no table row per purchase or contact), merged by UNION.
    day, when = Purchase.purchased_on, ContactEvent.occurred_at
    ids = union(select(Purchase.customer_id.label("id")).where(day >= since, day <= as_of),
                select(ContactEvent.customer_id).where(when >= lo, when < hi)).subquery()
    return select(ids.c.id).where(in_scope(ids.c.id, flt))


def kpi_ids(flt: DashboardFilter, key: str, now: datetime,
            target: float = DEFAULT_TARGET) -> Select:
    """The ids of the customers behind the card `key` (a select of Customer.id)."""
    as_of = flt.as_of(now)
    if key == "customers":
        return select(Customer.id).where(*customer_conds(flt))
    if key == "active":
        return _active_ids(flt, as_of)
    if key == "new":
        return select(Customer.id).where(
            *customer_conds(flt, scan=True), Customer.created_at >= at(month_start(as_of)),
            Customer.created_at < at(as_of + timedelta(days=1)))
    if key == "at_risk":
        return _in_scope(flt, select(CustomerTier.customer_id).where(
            CustomerTier.lifecycle_stage == LifecycleStage.AT_RISK))
    if key == "churned":
        return _in_scope(flt, _churned_this_quarter(flt, now))
    if key == "revisits":
        return _in_scope(flt, select(Reminder.customer_id).where(
            *_revisits_this_month(flt, now), Reminder.status != ReminderStatus.DONE))
    if key == "satisfaction":
        # The card shows the month's survey score (0–100) against the file's target:
        # its customers are those scoring below it that month (`target` is then the
        # survey target, see drill_filter), not the period's 1–5 average.
        from app.services.surveys.monthly import below_target

        low = below_target(as_of, target, owner=flt.owner, region=flt.region)
        return select(Customer.id).where(Customer.deleted_at.is_(None), Customer.id.in_(low))
    if key == "complaints_open":
        return _in_scope(flt, select(Complaint.customer_id).where(
            Complaint.status.in_(OPEN_STATUSES)))
    if key == "complaints_overdue":
        return _in_scope(flt, select(Complaint.customer_id).where(
            Complaint.status.in_(OPEN_STATUSES), Complaint.deadline_at < now))
    raise KeyError(key)


def _count(session: Session, ids: Select) -> int:
    return int(session.scalar(select(func.count()).select_from(ids.subquery())) or 0)


def card_kpis(session: Session, flt: DashboardFilter, *, now: datetime,
              target: float = DEFAULT_TARGET) -> Kpis:
    """Every card but satisfaction (which needs the pass over the contacts, see
    dashboard_series.read_activity): cheap counts, so the cards show first."""
    counts = {key: _count(session, kpi_ids(flt, key, now, target))
              for key in ("customers", "active", "new", "at_risk", "churned")}
    tiered = session.scalar(select(func.count()).select_from(CustomerTier)
                            .where(in_scope(CustomerTier.customer_id, flt)))
    planned, done = session.execute(
        select(func.count(), count_if(Reminder.status == ReminderStatus.DONE))
        .select_from(Reminder).join(Customer, Customer.id == Reminder.customer_id)
        .where(*customer_conds(flt), *_revisits_this_month(flt, now))).one()
    still_open = Complaint.status.in_(OPEN_STATUSES)
    n_open, n_overdue = session.execute(
        select(func.count(), count_if(and_(Complaint.deadline_at.is_not(None),
                                           Complaint.deadline_at < now)))
        .select_from(Complaint).join(Customer, Customer.id == Complaint.customer_id)
        .where(*customer_conds(flt), still_open)).one()
    return Kpis(
        customers=counts["customers"], tiered=int(tiered or 0), active=counts["active"],
        new=counts["new"], at_risk=counts["at_risk"], churned=counts["churned"],
        revisits_planned=int(planned), revisits_done=int(done),
        satisfaction_target=float(target),
        complaints_open=int(n_open), complaints_overdue=int(n_overdue))


def with_scores(kpis: Kpis, activity: Activity) -> Kpis:
    """The cards with the satisfaction average of the period's scores filled in."""
    n, average = activity.score_total()
    return replace(kpis, satisfaction_average=average, satisfaction_count=n)


def compute_kpis(session: Session, flt: DashboardFilter, *, now: datetime,
                 target: float = DEFAULT_TARGET, activity: Activity | None = None) -> Kpis:
    return with_scores(card_kpis(session, flt, now=now, target=target),
                       activity or read_activity(session, flt))


def drill_filter(session: Session, flt: DashboardFilter, key: str, *, now: datetime,
                 target: float = DEFAULT_TARGET) -> ListFilter:
    """The customer-list filter showing exactly the customers behind the card `key`."""
    if key == "customers":
        return ListFilter(owner=flt.owner, region=flt.region)
    if key == "at_risk":
        return ListFilter(owner=flt.owner, region=flt.region, stage=LifecycleStage.AT_RISK)
    if key == "satisfaction":
        from app.services.surveys.monthly import target_of

        target = target_of(session)  # 0–100, the file's monthly target
    ids = frozenset(session.scalars(kpi_ids(flt, key, now, target)))
    return ListFilter(ids=ids)
