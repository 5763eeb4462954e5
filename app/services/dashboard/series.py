"""The dashboard's chart series, each one GROUP BY in SQL (never every row in Python):
customers per tier, the lifecycle funnel, monthly purchases and revenue, monthly
contacts by channel, the monthly satisfaction average, revisits planned vs done per
owner. `bar_filter` gives, for a clicked bar, the customer-list filter of exactly the
customers it counts. See dashboard_scope for the period and filter rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from app.models import Complaint, ContactEvent, Customer, CustomerTier, Purchase, Reminder
from app.models.enums import Channel, LifecycleStage, ReminderStatus, ValueTier
from app.services.customers.search import ListFilter
from app.services.daily.satisfaction import DEFAULT_TARGET
from app.services.dashboard.rollups import contact_months, purchase_months, split_period
from app.services.dashboard.scope import (
    REVISIT_KINDS,
    DashboardFilter,
    at,
    count_if,
    customer_conds,
    in_scope,
    month_keys,
    period_terms,
)

POTENTIAL, NOT_COMPUTED = "potential", "none"  # tier row without a tier; no tier row
TIER_ORDER = (*(t.value for t in ValueTier), POTENTIAL, NOT_COMPUTED)
STAGE_ORDER = (*(s.value for s in LifecycleStage), NOT_COMPUTED)
CHANNEL_ORDER = tuple(c.value for c in Channel)
OWNER_BARS = 12  # the revisit chart shows the owners with the most planned revisits


@dataclass(frozen=True)
class Count:
    key: str
    count: int


@dataclass(frozen=True)
class MonthPurchases:
    month: str
    count: int
    revenue_fen: int


@dataclass(frozen=True)
class ChannelSeries:
    channel: str
    counts: tuple[int, ...]  # one per month of DashboardSeries.months


@dataclass(frozen=True)
class MonthSatisfaction:
    month: str
    average: float | None
    count: int


@dataclass(frozen=True)
class OwnerRevisits:
    owner: str  # "" = nobody assigned
    planned: int
    done: int


@dataclass(frozen=True)
class DashboardSeries:
    months: tuple[str, ...]
    tiers: tuple[Count, ...]
    stages: tuple[Count, ...]
    purchases: tuple[MonthPurchases, ...]
    contacts: tuple[ChannelSeries, ...]
    satisfaction: tuple[MonthSatisfaction, ...]
    target: float
    revisits: tuple[OwnerRevisits, ...]


def tier_key():
    return case((CustomerTier.customer_id.is_(None), NOT_COMPUTED),
                else_=func.coalesce(CustomerTier.value_tier, POTENTIAL))


def stage_key():
    return func.coalesce(CustomerTier.lifecycle_stage, NOT_COMPUTED)


def with_tiers(flt: DashboardFilter, *cols, scan: bool = False) -> Select:
    return (select(*cols).select_from(Customer)
            .outerjoin(CustomerTier, CustomerTier.customer_id == Customer.id)
            .where(*customer_conds(flt, scan=scan)))


def _ordered(rows, order: tuple[str, ...]) -> tuple[Count, ...]:
    found: dict[str, int] = {}
    for key, n in rows:
        found[key] = found.get(key, 0) + int(n)
    known = [Count(k, found.pop(k, 0)) for k in order]
    # A code this version does not know still counts (shown under its code).
    return tuple([c for c in known if c.count or c.key != NOT_COMPUTED]
                 + [Count(k, n) for k, n in sorted(found.items())])


@dataclass(frozen=True)
class CustomerMix:
    """Customers per (account manager, tier key, stage key): one pass over the customers
    feeds the tier chart, the funnel and the staff table's tier columns."""
    rows: tuple[tuple[str, str, str, int], ...]

    def tiers(self) -> tuple[Count, ...]:
        return _ordered(((t, n) for _, t, _, n in self.rows), TIER_ORDER)

    def stages(self) -> tuple[Count, ...]:
        return _ordered(((s, n) for _, _, s, n in self.rows), STAGE_ORDER)


def customer_mix(session: Session, flt: DashboardFilter) -> CustomerMix:
    tier, stage = tier_key().label("k"), stage_key().label("s")
    owner = func.coalesce(Customer.owner, "").label("o")
    rows = session.execute(with_tiers(flt, owner, tier, stage, func.count(), scan=True)
                           .group_by(owner, tier, stage))
    return CustomerMix(tuple((o, t, st, int(n)) for o, t, st, n in rows))


def purchases_of_days(session: Session, flt: DashboardFilter, lo: date,
                      hi: date) -> dict[str, tuple[int, int]]:
    """month → (purchases, revenue fen) from the base rows dated lo..hi (inclusive)."""
    month = func.substr(Purchase.purchased_on, 1, 7).label("m")
    stmt = (select(month, func.count(), func.sum(Purchase.amount_fen))
            .where(*period_terms(session, Purchase.purchased_on, lo, hi, flt,
                                 pk=Purchase.id, hi_inclusive=True))
            .group_by(month))
    return {m: (int(n), int(total or 0)) for m, n, total in session.execute(stmt)}


def monthly_purchases(session: Session, flt: DashboardFilter) -> tuple[MonthPurchases, ...]:
    """Whole months from the roll-up, the partial edge months from their days' rows."""
    whole, edges = split_period(flt)
    found = purchase_months(session, flt, whole)
    for lo, hi in edges:
        found.update(purchases_of_days(session, flt, lo, hi))
    return tuple(MonthPurchases(m, *found.get(m, (0, 0)))
                 for m in month_keys(flt.start, flt.end))


@dataclass(frozen=True)
class Activity:
    """The period's contacts and satisfaction scores, read in one pass over contact_event
    (the biggest table) plus the few complaints: the contacts chart, the satisfaction
    chart and card, and the staff table's contact and score columns all come from it.
    An actor is the contact's staff (the complaint's owner), else the account manager."""
    contacts: tuple[tuple[str, str, str, int], ...]  # (month, channel, actor, contacts)
    scores: tuple[tuple[str, str, int, int], ...]  # (month, actor, scores, sum of scores)

    def score_total(self) -> tuple[int, float | None]:
        n = sum(r[2] for r in self.scores)
        return n, (sum(r[3] for r in self.scores) / n if n else None)

    def contacts_by_actor(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, _, actor, n in self.contacts:
            out[actor] = out.get(actor, 0) + n
        return out

    def scores_by_actor(self) -> dict[str, tuple[int, float]]:
        sums: dict[str, list[int]] = {}
        for _, actor, n, total in self.scores:
            pair = sums.setdefault(actor, [0, 0])
            pair[0] += n
            pair[1] += total
        return {a: (n, total / n) for a, (n, total) in sums.items() if n}

    def channel_series(self, months: list[str] | tuple[str, ...]) -> tuple[ChannelSeries, ...]:
        """One series per channel that has a contact in the period (known ones first)."""
        index = {m: i for i, m in enumerate(months)}
        table: dict[str, list[int]] = {}
        for m, channel, _, n in self.contacts:
            table.setdefault(channel, [0] * len(months))[index[m]] += n
        order = ([c for c in CHANNEL_ORDER if c in table]
                 + sorted(set(table) - set(CHANNEL_ORDER)))
        return tuple(ChannelSeries(c, tuple(table[c])) for c in order)

    def satisfaction_series(self, months) -> tuple[MonthSatisfaction, ...]:
        sums: dict[str, list[int]] = {}
        for m, _, n, total in self.scores:
            pair = sums.setdefault(m, [0, 0])
            pair[0] += n
            pair[1] += total
        return tuple(MonthSatisfaction(m, sums[m][1] / sums[m][0], sums[m][0])
                     if sums.get(m, (0,))[0] else MonthSatisfaction(m, None, 0)
                     for m in months)


def owner_of_customer(customer_id):
    """The account manager, looked up only where a coalesce() reaches it (it stops at
    the first value): cheaper than joining customer to every row."""
    return select(Customer.owner).where(Customer.id == customer_id).scalar_subquery()


def contacts_of_days(session: Session, flt: DashboardFilter, lo: datetime,
                     hi: datetime) -> list[tuple[str, str, str, int, int, int]]:
    """(month, channel, actor, contacts, scored, score sum) from the base rows of
    [lo, hi), grouped as the roll-up is (see rollups.contact_months)."""
    e = ContactEvent
    actor = func.coalesce(e.staff, owner_of_customer(e.customer_id), "").label("a")
    month = func.substr(e.occurred_at, 1, 7).label("m")
    rows = session.execute(
        select(month, e.channel, actor, func.count(), func.count(e.satisfaction),
               func.coalesce(func.sum(e.satisfaction), 0))
        .where(*period_terms(session, e.occurred_at, lo, hi, flt, pk=e.id))
        .group_by(month, e.channel, actor))
    return [(m, ch, a, int(n), int(k), int(total)) for m, ch, a, n, k, total in rows]


def read_activity(session: Session, flt: DashboardFilter) -> Activity:
    """Whole months from the contact roll-up, the partial edge months from their days'
    rows, the complaints' scores from the (small) complaint table."""
    c = Complaint
    whole, edges = split_period(flt)
    rows = contact_months(session, flt, whole)
    for lo, hi in edges:
        rows.extend(contacts_of_days(session, flt, at(lo), at(hi + timedelta(days=1))))
    rows.sort(key=lambda r: r[:3])
    scores: dict[tuple[str, str], list[int]] = {}
    for m, _, a, _, n, total in rows:
        if n:
            pair = scores.setdefault((m, a), [0, 0])
            pair[0] += int(n)
            pair[1] += int(total)
    when = func.coalesce(c.closed_at, c.resolved_at, c.opened_at)
    k_actor = func.coalesce(c.owner, owner_of_customer(c.customer_id), "").label("a")
    for m, a, n, total in session.execute(
            select(func.substr(when, 1, 7), k_actor, func.count(), func.sum(c.satisfaction_after))
            .where(in_scope(c.customer_id, flt), c.satisfaction_after.is_not(None),
                   when >= flt.start_at, when < flt.end_at)
            .group_by(func.substr(when, 1, 7), k_actor)):
        pair = scores.setdefault((m, a), [0, 0])
        pair[0] += int(n)
        pair[1] += int(total)
    return Activity(tuple((m, ch, a, int(n)) for m, ch, a, n, _, _ in rows),
                    tuple((m, a, n, total) for (m, a), (n, total) in sorted(scores.items())))


def _revisit_owner():
    return func.coalesce(Reminder.owner, Customer.owner, "")


def revisits_due(lo: datetime, hi: datetime):
    """Revisit reminders (not cancelled) due in [lo, hi)."""
    return (Reminder.kind.in_(REVISIT_KINDS), Reminder.status != ReminderStatus.CANCELLED,
            Reminder.due_at >= lo, Reminder.due_at < hi)


def revisits_in_period(flt: DashboardFilter):
    return revisits_due(flt.start_at, flt.end_at)


def revisits_by_owner(session: Session, flt: DashboardFilter) -> tuple[OwnerRevisits, ...]:
    """Revisit reminders due in the period, per owner (the reminder's, else the
    customer's account manager): planned (not cancelled) and done."""
    owner = _revisit_owner().label("o")
    done = count_if(Reminder.status == ReminderStatus.DONE)
    stmt = (select(owner, func.count(), done)
            .join(Customer, Customer.id == Reminder.customer_id)
            .where(*customer_conds(flt), *revisits_in_period(flt))
            .group_by(owner).order_by(func.count().desc(), owner).limit(OWNER_BARS))
    return tuple(OwnerRevisits(o, int(p), int(d)) for o, p, d in session.execute(stmt))


def load_series(session: Session, flt: DashboardFilter, target: float = DEFAULT_TARGET, *,
                mix: CustomerMix | None = None,
                activity: Activity | None = None) -> DashboardSeries:
    """Every chart's series; `mix` / `activity` when the caller has read them already."""
    months = month_keys(flt.start, flt.end)
    mix = mix or customer_mix(session, flt)
    activity = activity or read_activity(session, flt)
    return DashboardSeries(
        months=tuple(months), tiers=mix.tiers(), stages=mix.stages(),
        purchases=monthly_purchases(session, flt), contacts=activity.channel_series(months),
        satisfaction=activity.satisfaction_series(months), target=float(target),
        revisits=revisits_by_owner(session, flt))


# --- drill-down -------------------------------------------------------------------------
def bar_ids(flt: DashboardFilter, chart: str, key: str) -> Select:
    """Ids of the customers a bar counts: chart "tiers"/"stages" (key: a code, or
    potential / none), "purchases" (key: a month), "contacts" (key: "month|channel"),
    "revisits" (key: an owner; customers with a revisit planned in the period)."""
    if chart == "tiers":
        return with_tiers(flt, Customer.id).where(tier_key() == key)
    if chart == "stages":
        return with_tiers(flt, Customer.id).where(stage_key() == key)
    if chart == "purchases":
        bought = select(Purchase.customer_id).where(
            func.substr(Purchase.purchased_on, 1, 7) == key,
            Purchase.purchased_on >= flt.start, Purchase.purchased_on <= flt.end)
        return select(Customer.id).where(*customer_conds(flt), Customer.id.in_(bought))
    if chart == "contacts":
        month, channel = key.split("|", 1)
        talked = select(ContactEvent.customer_id).where(
            ContactEvent.channel == channel,
            func.substr(ContactEvent.occurred_at, 1, 7) == month,
            ContactEvent.occurred_at >= flt.start_at, ContactEvent.occurred_at < flt.end_at)
        return select(Customer.id).where(*customer_conds(flt), Customer.id.in_(talked))
    if chart == "revisits":
        return (select(Customer.id).distinct()
                .join(Reminder, Reminder.customer_id == Customer.id)
                .where(*customer_conds(flt), *revisits_in_period(flt),
                       _revisit_owner() == key))
    raise KeyError(chart)


def bar_filter(session: Session, flt: DashboardFilter, chart: str, key: str) -> ListFilter:
    """The customer-list filter for a clicked bar: a plain tier/stage filter where the
    list has one, else the explicit id set."""
    if chart == "tiers" and key in {t.value for t in ValueTier}:
        return ListFilter(owner=flt.owner, region=flt.region, tier=key)
    if chart == "stages" and key in {s.value for s in LifecycleStage}:
        return ListFilter(owner=flt.owner, region=flt.region, stage=key)
    return ListFilter(ids=frozenset(session.scalars(bar_ids(flt, chart, key))))
