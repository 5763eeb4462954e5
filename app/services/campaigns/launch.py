"""Launching a campaign, in one transaction (or not at all: a dry run writes nothing).

The saved segment's members are read as they are today. Those on a storage-only hold
and those without consent for the channel (privacy.consent; a visit needs the phone
consent) are excluded and counted with the reason. Of the rest a control group (the
campaign's share, chosen with `random.Random(seed)`, the seed recorded at creation) is
held out and never contacted. The target group is then reached:
- phone or visit: one call reminder each for its owner, on working days from the
  campaign's start, under the rules' daily capacity counting the reminders already
  there (revisits.capacity, as the revisit planner does); calls that do not fit before
  the campaign's end are counted, not written;
- SMS or WeChat: a contact list, masked unless a reason is given (the reason audited).
A coupon offer issues one coupon per target customer, valid over the campaign."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import Campaign, CampaignMember, Coupon, Customer, CustomerTier, Reminder
from app.models.base import now
from app.models.enums import ReminderKind, ReminderStatus
from app.services import audit, masking
from app.services.campaigns.service import CHANNEL_WORDS, CONSENT_FOR, find

CHUNK = 500
EXCLUDED_WORDS = {"no_consent": ("no consent for the channel", "未同意该渠道营销"),
                  "hold": ("on a storage-only hold", "处于保留冻结")}


@dataclass(frozen=True)
class ContactRow:
    code: str
    name: str
    address: str  # the phone number, or the WeChat id (masked unless revealed)


@dataclass(frozen=True)
class LaunchResult:
    name: str
    channel: str
    dry_run: bool
    targeted: int  # the segment's members
    excluded: dict[str, int]  # reason → customers
    control: int
    contacted: int  # the target group
    reminders: int  # phone/visit: calls scheduled
    unscheduled: int  # calls that did not fit under the capacity before the end
    coupons: int
    contact_list: tuple[ContactRow, ...] = field(default_factory=tuple)

    def to_json(self) -> dict:
        return {"name": self.name, "channel": self.channel, "dry_run": self.dry_run,
                "targeted": self.targeted, "excluded": self.excluded,
                "control": self.control, "contacted": self.contacted,
                "reminders": self.reminders, "unscheduled": self.unscheduled,
                "coupons": self.coupons,
                "contact_list": [r.__dict__ for r in self.contact_list]}


def _chunks(ids: list[int]):
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def _split(session: Session, c: Campaign, ids: list[int]) -> tuple[list[int], dict[int, str]]:
    from app.services.privacy import consent, hold

    held = hold.held_ids(session) & set(ids)
    # Everyone consenting, in one query (the latest entry per customer is ranked once,
    # not once per chunk of the segment), then kept to the segment.
    consenting = set(session.scalars(select(Customer.id).where(
        consent.consents_to(CONSENT_FOR[c.channel])))) & set(ids)
    excluded = {cid: "hold" for cid in ids if cid in held}
    excluded.update({cid: "no_consent" for cid in ids
                     if cid not in held and cid not in consenting})
    return [cid for cid in ids if cid not in excluded], excluded


def _calls(session: Session, c: Campaign, target: list[int], today: date):
    """(placed reminders as rows to insert, how many did not fit)."""
    from app.services.revisits.candidates import Candidate
    from app.services.revisits.capacity import place
    from app.services.revisits.work_calendar import WorkCalendar
    from app.services.tiers.rules import active_rules

    start = max(c.starts_on, today)
    owners: dict[int, tuple[str | None, str | None]] = {}
    for chunk in _chunks(target):
        owners.update((cid, (owner, tier)) for cid, owner, tier in session.execute(
            select(Customer.id, Customer.owner, CustomerTier.value_tier)
            .outerjoin(CustomerTier, CustomerTier.customer_id == Customer.id)
            .where(Customer.id.in_(chunk))))
    title = f"活动：{c.name}"[:200]
    items = [Candidate(ReminderKind.REVISIT, f"campaign:{c.id}", f"campaign:{c.id}:{cid}",
                       cid, owners[cid][0], owners[cid][1], start, title, start)
             for cid in target]
    load: Counter = Counter()
    for owner, due, n in session.execute(
            select(Reminder.owner, func.date(Reminder.due_at), func.count())
            .where(Reminder.status.in_((ReminderStatus.OPEN, ReminderStatus.SNOOZED)),
                   Reminder.due_at >= datetime.combine(start, datetime.min.time()))
            .group_by(Reminder.owner, func.date(Reminder.due_at))):
        load[(owner, date.fromisoformat(due))] = n
    capacity = int(active_rules(session)["daily_capacity"])
    placed = place(items, load, capacity, WorkCalendar(), c.ends_on)
    from app.services.daily.local_time import at_workday_start

    rows, late = [], 0
    stamp = now()
    for p in placed:
        if p.due > c.ends_on:
            late += 1
            continue
        k = p.candidate
        rows.append({"customer_id": k.customer_id, "due_at": at_workday_start(p.due),
                     "kind": k.kind, "title": k.title, "note": c.script or None,
                     "status": ReminderStatus.OPEN, "owner": k.owner,
                     "origin_rule": f"campaign:{c.id}", "idempotency_key": k.key,
                     "user_modified": False, "snoozed_until": None, "completed_at": None,
                     "completed_event_id": None, "created_at": stamp, "updated_at": stamp})
    return rows, late


def _contact_list(session: Session, c: Campaign, target: list[int],
                  reveal: bool) -> tuple[ContactRow, ...]:
    column = Customer.wechat if c.channel == "wechat" else Customer.phone
    mask = masking.mask_wechat if c.channel == "wechat" else masking.mask_phone
    out = []
    for chunk in _chunks(target):
        for code, name, address in session.execute(
                select(Customer.code, Customer.name, column).where(Customer.id.in_(chunk))
                .order_by(Customer.code)):
            out.append(ContactRow(code, name if reveal else masking.mask_name(name) or "",
                                  (address if reveal else mask(address)) or ""))
    return tuple(sorted(out, key=lambda r: r.code))


def launch(session: Session, name: str, *, today: date | None = None, dry_run: bool = False,
           reveal_reason: str | None = None, actor: str | None = None) -> LaunchResult:
    from app.services.loyalty import coupons
    from app.services.segments import service as segments

    c = find(session, name)
    today = today or now().date()
    if c.launched_at is not None:
        raise InvalidInput(f"Campaign {c.name!r} was launched already, at "
                           f"{c.launched_at:%Y-%m-%d %H:%M}.",
                           f"活动“{c.name}”已于 {c.launched_at:%Y-%m-%d %H:%M} 启动。")
    if c.ends_on < today:
        raise InvalidInput(f"Campaign {c.name!r} ended on {c.ends_on}.",
                           f"活动“{c.name}”已于 {c.ends_on} 结束。")
    ids = [cid for cid, _code in segments.members(session, c.segment)]
    if not ids:
        raise InvalidInput(f"Segment {c.segment!r} has no members: nothing was launched.",
                           f"分群“{c.segment}”没有成员：活动未启动。")
    eligible, excluded = _split(session, c, ids)
    if not eligible:
        why = Counter(excluded.values())
        en, zh = CHANNEL_WORDS[c.channel]
        raise InvalidInput(
            f"None of the {len(ids)} members can be reached by {en}: {why['no_consent']} "
            f"without consent, {why['hold']} on hold. Nothing was launched.",
            f"分群 {len(ids)} 位成员都不能通过{zh}联系：{why['no_consent']} 位未同意，"
            f"{why['hold']} 位处于保留冻结。活动未启动。")
    reveal = bool((reveal_reason or "").strip())
    rng = random.Random(c.seed)
    control = set(rng.sample(eligible, round(len(eligible) * c.control_pct / 100)))
    target = [cid for cid in eligible if cid not in control]
    calls, late = (_calls(session, c, target, today) if c.channel in ("phone", "visit")
                   else ([], 0))
    listing = (_contact_list(session, c, target, reveal) if c.channel in ("sms", "wechat")
               else ())
    offer = c.coupon_value_fen is not None or c.coupon_percent is not None
    result = LaunchResult(c.name, c.channel, dry_run, len(ids),
                          dict(Counter(excluded.values())), len(control), len(target),
                          len(calls), late, len(target) if offer else 0, listing)
    if dry_run:
        return result
    actor = actor or audit.current_user()
    for i in range(0, len(calls), CHUNK):
        session.execute(insert(Reminder), calls[i:i + CHUNK])
    reminder_of = dict(session.execute(select(Reminder.customer_id, Reminder.id).where(
        Reminder.origin_rule == f"campaign:{c.id}")).all())
    coupon_of: dict[int, int] = {}
    if offer:
        codes = coupons.issue(session, target, value_fen=c.coupon_value_fen,
                              percent_off=c.coupon_percent, valid_from=c.starts_on,
                              valid_until=c.ends_on, source=f"campaign:{c.name}", actor=actor)
        by_code = {}
        for chunk in range(0, len(codes), CHUNK):
            by_code.update(session.execute(select(Coupon.code, Coupon.id).where(
                Coupon.code.in_(codes[chunk:chunk + CHUNK]))).all())
        coupon_of = {cid: by_code[code] for cid, code in zip(target, codes, strict=True)}
    members = [{"campaign_id": c.id, "customer_id": cid,
                "group": "excluded" if cid in excluded else
                         "control" if cid in control else "target",
                "reason": excluded.get(cid), "reminder_id": reminder_of.get(cid),
                "coupon_id": coupon_of.get(cid)} for cid in ids]
    for i in range(0, len(members), CHUNK):
        session.execute(insert(CampaignMember), members[i:i + CHUNK])
    c.launched_at = now()
    session.flush()
    audit.record(session, "campaign.launch", "campaign", c.id,
                 {**result.to_json(), "contact_list": len(listing),
                  "revealed": reveal_reason if reveal else None}, actor=actor)
    return result
