"""The SQL reads behind each export sheet, streamed (yield_per) so that 100k customers
never sit in memory at once. Each reader yields plain tuples in its template's
column order, labelled but not masked: masking is the writer's, at the one point
where values leave for a file (writer.XlsxTable / write_csv).

The filter (owner, tier, tag) chooses customers, in every sheet; the period chooses
records: purchases by date, contacts by time, revisits by due time, complaints by
opening time. The register is the current state of the chosen customers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from app.models import (
    ClvRun,
    Complaint,
    ContactEvent,
    Customer,
    CustomerClv,
    CustomerTier,
    Purchase,
    Reminder,
    Tag,
    customer_tag,
)
from app.services.exports.cells import clean_text
from app.services.exports.templates import REVISIT_KINDS, label
from app.services.sql_dialect import ordered_strings, year_month

BATCH = 2000
NO_TIER = "none"  # the tier filter's value for customers without a tier


@dataclass(frozen=True)
class ExportFilter:
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    owner: str | None = None
    tier: str | None = None  # vip / high / mid / low / NO_TIER
    tag: str | None = None
    segment: str | None = None  # a saved segment's name, and its expression (read with it)
    segment_expression: str | None = None
    # A consent purpose (privacy.consent): only the customers who consent to it now,
    # e.g. an SMS campaign's list is exported with consent="marketing_sms".
    consent: str | None = None

    def describe(self) -> str:
        parts = []
        if self.owner:
            parts.append(f"客户经理={self.owner}")
        if self.tier:
            parts.append(f"价值等级={label('tier', self.tier) or self.tier}")
        if self.tag:
            parts.append(f"标签={self.tag}")
        if self.segment:
            parts.append(f"分群={self.segment}")
        if self.consent:
            from app.services.privacy.consent import PURPOSES

            parts.append(f"同意={PURPOSES.get(self.consent, ('', self.consent))[1]}")
        return "；".join(parts)


def customer_conditions(flt: ExportFilter) -> list:
    from app.services.privacy.hold import not_held

    # A customer on a storage-only hold is kept, not processed: never exported.
    conds = [Customer.deleted_at.is_(None), not_held()]
    if flt.owner:
        conds.append(Customer.owner == flt.owner)
    if flt.tier:
        # An alias: the register also joins customer_tier, which would swallow it.
        ct = aliased(CustomerTier)
        tiered = select(ct.customer_id).where(ct.customer_id == Customer.id)
        if flt.tier == NO_TIER:
            conds.append(~exists(tiered.where(ct.value_tier.is_not(None))))
        else:
            conds.append(exists(tiered.where(ct.value_tier == flt.tier)))
    if flt.tag:
        conds.append(exists(
            select(customer_tag.c.customer_id).join(Tag, Tag.id == customer_tag.c.tag_id)
            .where(customer_tag.c.customer_id == Customer.id, Tag.name == flt.tag)))
    if flt.segment_expression:
        from app.services.segments import expr

        conds.append(expr.where(expr.parse(flt.segment_expression)))
    if flt.consent:
        from app.services.privacy.consent import consents_to

        conds.append(consents_to(flt.consent))
    return conds


def _period(column, flt: ExportFilter, *, is_date: bool = False) -> list:
    conds = []
    if flt.date_from:
        conds.append(column >= (flt.date_from if is_date
                                else datetime.combine(flt.date_from, time.min)))
    if flt.date_to:
        end = flt.date_to + timedelta(days=1)
        conds.append(column < (end if is_date else datetime.combine(end, time.min)))
    return conds


def _stream(session: Session, stmt):
    return session.execute(stmt.execution_options(yield_per=BATCH))


def _t(value):
    return clean_text(value) if isinstance(value, str) else value


# --- register -------------------------------------------------------------------------------
def _register_select(flt: ExportFilter):
    last_contact = (select(func.max(ContactEvent.occurred_at))
                    .where(ContactEvent.customer_id == Customer.id).scalar_subquery())
    next_revisit = (select(func.min(Reminder.due_at))
                    .where(Reminder.customer_id == Customer.id, Reminder.status == "open",
                           Reminder.kind.in_(REVISIT_KINDS)).scalar_subquery())
    # SQLite ≥ 3.44 orders inside the aggregate: tags in a stable (name) order.
    tags = (select(ordered_strings(Tag.name, literal("、"), Tag.name))
            .select_from(customer_tag.join(Tag, Tag.id == customer_tag.c.tag_id))
            .where(customer_tag.c.customer_id == Customer.id).scalar_subquery())
    # The latest run's value: one primary-key lookup (as_of, customer_id) per customer.
    latest_run = select(func.max(ClvRun.as_of)).scalar_subquery()
    clv = (select(CustomerClv.clv_fen)
           .where(CustomerClv.as_of == latest_run, CustomerClv.customer_id == Customer.id)
           .scalar_subquery())
    c = Customer
    return (select(c.uid, c.code, c.name, c.kind, c.gender, c.birthday, c.birthday_lunar,
                   c.id_number, c.phone, c.phone2, c.email, c.wechat, c.address, c.region,
                   c.branch, c.owner, c.source, tags, c.notes, CustomerTier.value_tier,
                   CustomerTier.lifecycle_stage, last_contact, next_revisit, clv)
            .outerjoin(CustomerTier, CustomerTier.customer_id == c.id)
            .where(*customer_conditions(flt)).order_by(c.code))


def register_rows(session: Session, flt: ExportFilter) -> Iterator[tuple]:
    for (uid, code, name, kind, gender, birthday, lunar, id_number, phone, phone2, email,
         wechat, address, region, branch, owner, source, tags, notes, tier, stage,
         last_contact, next_revisit, clv_fen) in _stream(session, _register_select(flt)):
        yield (uid, code, _t(name), label("kind", kind), label("gender", gender),
               birthday, "是" if lunar else "否", id_number, phone, phone2, _t(email), _t(wechat),
               _t(address), _t(region), _t(branch), _t(owner), _t(source), _t(tags),
               _t(notes), label("tier", tier), label("stage", stage), last_contact,
               next_revisit, clv_fen)


def count_register(session: Session, flt: ExportFilter) -> int:
    return int(session.scalar(select(func.count(Customer.id))
                              .where(*customer_conditions(flt))) or 0)


# --- records of the chosen customers -------------------------------------------------------
def _records(entity, flt: ExportFilter, period_column, *, is_date=False):
    return (select(Customer.uid, Customer.code, Customer.name)
            .join(Customer, Customer.id == entity.customer_id)
            .where(*customer_conditions(flt), *_period(period_column, flt, is_date=is_date)))


def _purchases_select(flt):
    p = Purchase
    return (_records(p, flt, p.purchased_on, is_date=True)
            .add_columns(p.uid, p.purchased_on, p.amount_fen, p.product, p.category,
                         p.quantity, p.channel).order_by(p.purchased_on, p.id))


def purchase_rows(session, flt) -> Iterator[tuple]:
    for (cuid, code, name, uid, on, fen, product, category, qty,
         channel) in _stream(session, _purchases_select(flt)):
        yield (uid, cuid, code, _t(name), on, fen, _t(product), _t(category),
               qty, _t(channel))


def _contacts_select(flt):
    e = ContactEvent
    return (_records(e, flt, e.occurred_at)
            .add_columns(e.uid, e.occurred_at, e.channel, e.direction, e.purpose, e.summary,
                         e.outcome, e.satisfaction, e.staff).order_by(e.occurred_at, e.id))


def contact_rows(session, flt) -> Iterator[tuple]:
    for (cuid, code, name, uid, at, channel, direction, purpose, summary, outcome, score,
         staff) in _stream(session, _contacts_select(flt)):
        yield (uid, cuid, code, _t(name), at, label("channel", channel),
               label("direction", direction), label("purpose", purpose), _t(summary),
               _t(outcome), score, _t(staff))


def _revisits_select(flt):
    r = Reminder
    return (_records(r, flt, r.due_at)
            .add_columns(r.id, r.kind, r.title, r.due_at, r.status,
                         func.coalesce(r.owner, Customer.owner), r.completed_at)
            .where(r.kind.in_(REVISIT_KINDS)).order_by(r.due_at, r.id))


def revisit_rows(session, flt, now: datetime) -> Iterator[tuple]:
    for (cuid, code, name, rid, kind, title, due, status, owner,
         completed) in _stream(session, _revisits_select(flt)):
        overdue = status in ("open", "snoozed") and due < now
        yield (str(rid), cuid, code, _t(name), label("reminder_kind", kind),
               _t(title), due, label("reminder_status", status), _t(owner), completed,
               "是" if overdue else "否")


def _complaints_select(flt):
    c = Complaint
    return (_records(c, flt, c.opened_at)
            .add_columns(c.uid, c.opened_at, c.category, c.severity, c.status,
                         c.deadline_at, c.description, c.resolution, c.resolved_at,
                         c.closed_at, c.satisfaction_after, c.owner)
            .order_by(c.opened_at, c.id))


def complaint_rows(session, flt) -> Iterator[tuple]:
    for (cuid, code, name, uid, opened, category, severity, status, deadline, description,
         resolution, resolved, closed, score, owner) in _stream(session,
                                                                 _complaints_select(flt)):
        yield (uid, cuid, code, _t(name), opened, _t(category),
               label("severity", severity), label("complaint_status", status), deadline,
               _t(description), _t(resolution), resolved, closed, score, _t(owner))


def count_records(session: Session, key: str, flt: ExportFilter) -> int:
    selects = {"purchases": _purchases_select, "contacts": _contacts_select,
               "revisits": _revisits_select, "complaints": _complaints_select}
    stmt = selects[key](flt).order_by(None)
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


# --- summary figures -------------------------------------------------------------------------
def summary_figures(session: Session, flt: ExportFilter, now: datetime) -> dict:
    conds = customer_conditions(flt)
    tiers: dict[str | None, int] = defaultdict(int)
    stages: dict[str | None, int] = defaultdict(int)
    # One pass over the customers for both breakdowns.
    for tier, stage, n in session.execute(
            select(CustomerTier.value_tier, CustomerTier.lifecycle_stage, func.count(Customer.id))
            .select_from(Customer)
            .outerjoin(CustomerTier, CustomerTier.customer_id == Customer.id)
            .where(*conds).group_by(CustomerTier.value_tier, CustomerTier.lifecycle_stage)):
        tiers[tier] += n
        stages[stage] += n
    month = year_month(ContactEvent.occurred_at)
    months = session.execute(
        select(month, func.count()).select_from(ContactEvent)
        .join(Customer, Customer.id == ContactEvent.customer_id)
        .where(*conds, *_period(ContactEvent.occurred_at, flt))
        .group_by(month).order_by(month)).all()
    r = Reminder
    owner = func.coalesce(r.owner, Customer.owner, "")
    open_like = r.status.in_(("open", "snoozed"))
    per_owner = session.execute(
        select(owner,
               func.sum(case((r.status == "done", 1), else_=0)),
               func.sum(case((and_(open_like, r.due_at >= now), 1), else_=0)),
               func.sum(case((and_(open_like, r.due_at < now), 1), else_=0)))
        .select_from(r).join(Customer, Customer.id == r.customer_id)
        .where(*conds, *_period(r.due_at, flt), r.kind.in_(REVISIT_KINDS),
               or_(r.status != "cancelled", r.status.is_(None)))
        .group_by(owner).order_by(owner)).all()
    return {
        "tiers": dict(tiers), "stages": dict(stages),
        "months": [(m, int(n)) for m, n in months],
        "revisits": [(o, int(d or 0), int(p or 0), int(late or 0))
                     for o, d, p, late in per_owner],
    }


def main_branch(session: Session, flt: ExportFilter) -> str | None:
    """The most common branch among the chosen customers: the export's branch when
    neither the settings nor the caller name one."""
    return session.scalar(select(Customer.branch).where(*customer_conditions(flt),
                                                        Customer.branch.is_not(None))
                          .group_by(Customer.branch).order_by(func.count().desc()).limit(1))
