"""What the revisit plan would like to schedule, before working days and capacity:
one `Candidate` per (kind, slot) with its target day and idempotency key.

Everything is read in a handful of set queries (customers with their tier, the last
contact per customer through ix_contact_event_customer_time, the purchases whose
follow-up falls in the horizon, birthdays): no query per customer.

A *slot* names "the same reminder" across runs and rule changes (a customer's
revisit, a purchase's follow-up, a customer's birthday of one year, a customer's
win-back); the key adds what the rules can move (the target day; for a win-back
the last purchase: one call per silence), so a rerun finds the same key and adds
nothing. A revisit keeps its target in the key even when overdue, so an overdue
revisit keeps its key from one day to the next.

Revisits count from the later of the last contact and the last purchase: a
purchase is a touch too, and it already has its own follow-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from app.i18n import current_language, pick
from app.models import ContactEvent, Customer, CustomerTier, Purchase
from app.models.enums import LifecycleStage, ReminderKind
from app.services.planner_hints import not_in_trash
from app.services.revisits.lunar_birthday import birthday_in_year
from app.services.tiers.rules import Rules
from app.services.vocabulary import label

PLAN_PREFIX = "plan:"
KINDS = (ReminderKind.REVISIT, ReminderKind.AFTER_PURCHASE, ReminderKind.BIRTHDAY,
         ReminderKind.WIN_BACK)
TIER_RANK = {"vip": 0, "high": 1, "mid": 2, "low": 3}  # no tier: 4
# Equal tier and target: the calls tied to a day first.
KIND_RANK = {ReminderKind.BIRTHDAY: 0, ReminderKind.AFTER_PURCHASE: 1,
             ReminderKind.WIN_BACK: 2, ReminderKind.REVISIT: 3, ReminderKind.CAMPAIGN: 4}
_CHUNK = 500


class Candidate(NamedTuple):  # a named tuple: made once per customer, it must be cheap
    kind: str
    slot: str  # e.g. "revisit:12"; the key is "plan:" + slot (+ ":" + target)
    key: str
    customer_id: int
    owner: str | None
    tier: str | None
    target: date  # the day the rules ask for, before working days and capacity
    title: str
    start: date  # the earliest due day: the target, or today for an overdue revisit

    def order(self) -> tuple:
        """Highest tier first, then most overdue (earliest target), then customer."""
        return (TIER_RANK.get(self.tier or "", 4), self.target, self.customer_id,
                KIND_RANK[self.kind], self.key)


def slot_of(key: str) -> str | None:
    """The slot of a generated key (None for a key not made by the planner)."""
    if not key.startswith(PLAN_PREFIX):
        return None
    parts = key[len(PLAN_PREFIX):].split(":")
    kind = parts[0]
    if kind == ReminderKind.REVISIT and len(parts) == 3:
        return ":".join(parts[:2])
    if kind == ReminderKind.AFTER_PURCHASE and len(parts) == 3:
        return ":".join(parts[:2])
    if kind == ReminderKind.BIRTHDAY and len(parts) == 4:
        return ":".join(parts[:3])
    if kind == ReminderKind.WIN_BACK and len(parts) == 3:
        return ":".join(parts[:2])
    return None


class _Days(dict):
    """ISO text → date, each distinct day parsed once (a few thousand days for a
    hundred thousand rows; SQLAlchemy's own conversion costs far more)."""

    def __missing__(self, text: str) -> date:
        value = self[text] = date.fromisoformat(text[:10])
        return value

    def of(self, text: str | None) -> date | None:
        return None if text is None else self[text]


def _text(column):
    return type_coerce(column, String)


class TieredCustomer(NamedTuple):
    customer_id: int
    owner: str | None
    tier: str | None
    stage: str
    last_purchase: date | None


def tiered_customers(session: Session) -> dict[int, TieredCustomer]:
    rows = session.execute(
        select(CustomerTier.customer_id, Customer.owner, CustomerTier.value_tier,
               CustomerTier.lifecycle_stage, _text(CustomerTier.last_purchase))
        .join(Customer, Customer.id == CustomerTier.customer_id)
        .where(not_in_trash()))
    days = _Days()
    return {cid: TieredCustomer(cid, owner, tier, stage, days.of(last))
            for cid, owner, tier, stage, last in rows}


def last_contacts(session: Session, today: date) -> dict[int, date]:
    """Day of each customer's latest contact up to `today` (one GROUP BY over the
    (customer_id, occurred_at) index, which covers it)."""
    tomorrow = today + timedelta(days=1)
    rows = session.execute(
        select(ContactEvent.customer_id, _text(func.max(ContactEvent.occurred_at)))
        .where(ContactEvent.occurred_at < tomorrow)
        .group_by(ContactEvent.customer_id))
    days = _Days()
    return {cid: days[at[:10]] for cid, at in rows}


def segment_cadences(session: Session, rules: Rules) -> dict[int, tuple[int, str]]:
    """customer id → (days, segment) from the rules' segment cadences, first entry
    first; a segment deleted since is skipped (the rules dialog says so)."""
    from app.errors import NotFound
    from app.services.segments import service as segments

    out: dict[int, tuple[int, str]] = {}
    for entry in rules["segment_cadence"]:
        try:
            members = segments.members(session, entry["segment"])
        except NotFound:
            continue
        for cid, _code in members:
            out.setdefault(cid, (int(entry["every_days"]), entry["segment"]))
    return out


def revisits(customers: Iterable[TieredCustomer], contacts: dict[int, date], today: date,
             rules: Rules, by_segment: dict[int, tuple[int, str]] | None = None
             ) -> list[Candidate]:
    """Every tiered customer's next revisit: the later of the last contact and the
    last purchase, plus the cadence of the first segment in the rules the customer is
    a member of, else the tier's (overdue ones start today)."""
    out = []
    by_segment = by_segment or {}
    cadences = {tier: rules.cadence_days(tier) for tier in TIER_RANK}
    steps = {tier: timedelta(days=n) for tier, n in cadences.items() if n}
    titles = {tier: pick(f"Revisit ({label('value_tier', tier, 'en')}, every {n} days)",
                         f"定期回访（{label('value_tier', tier, 'zh')}，每 {n} 天）")
              for tier, n in cadences.items() if n}
    for c in customers:
        step, title = steps.get(c.tier), titles.get(c.tier)
        if c.customer_id in by_segment:
            days, name = by_segment[c.customer_id]
            step = timedelta(days=days)
            title = pick(f"Revisit (segment {name}, every {days} days)",
                         f"定期回访（分群“{name}”，每 {days} 天）")
        if step is None:
            continue
        seen = (contacts.get(c.customer_id), c.last_purchase)
        target = max(filter(None, seen), default=today) + step
        slot = f"revisit:{c.customer_id}"
        # The key keeps the target even when overdue, so it stays the same from day
        # to day; the due day starts today.
        out.append(Candidate(ReminderKind.REVISIT, slot, f"{PLAN_PREFIX}{slot}:{target}",
                             c.customer_id, c.owner, c.tier, target, title,
                             max(target, today)))
    return out


def win_backs(customers: Iterable[TieredCustomer], today: date) -> list[Candidate]:
    out = []
    title = pick("Win-back call (at risk)", "挽回回访（有流失风险）")
    for c in customers:
        if c.stage != LifecycleStage.AT_RISK:
            continue
        # One win-back per customer at a time; once per silence (since the last purchase).
        slot = f"win_back:{c.customer_id}"
        out.append(Candidate(ReminderKind.WIN_BACK, slot,
                             f"{PLAN_PREFIX}{slot}:{c.last_purchase}", c.customer_id,
                             c.owner, c.tier,
                             today, title, today))
    return out


def after_purchases(session: Session, today: date, end: date, rules: Rules,
                    tiers: dict[int, TieredCustomer],
                    purchase_ids: Iterable[int] = ()) -> list[Candidate]:
    """One follow-up per customer and purchase day whose follow-up day falls in
    [today, end), keyed by that day's first purchase; plus the follow-ups of
    `purchase_ids` wherever they fall (to re-plan reminders made earlier)."""
    lag = timedelta(days=int(rules["after_purchase_days"]))
    base = (select(func.min(Purchase.id), Purchase.customer_id, Purchase.purchased_on,
                   Customer.owner)
            .join(Customer, Customer.id == Purchase.customer_id)
            .where(not_in_trash())
            .group_by(Purchase.customer_id, Purchase.purchased_on))
    rows = list(session.execute(base.where(Purchase.purchased_on >= today - lag,
                                           Purchase.purchased_on < end - lag,
                                           Purchase.purchased_on <= today)))
    ids = sorted(set(purchase_ids))
    for i in range(0, len(ids), _CHUNK):
        rows += session.execute(base.where(Purchase.id.in_(ids[i:i + _CHUNK])))
    out, seen = [], set()
    zh = current_language() == "zh"  # once, not per reminder (thousands of them)
    for pid, cid, bought, owner in rows:
        if pid in seen:
            continue
        seen.add(pid)
        target = bought + lag
        slot = f"after_purchase:{pid}"
        tier = tiers[cid].tier if cid in tiers else None
        out.append(Candidate(ReminderKind.AFTER_PURCHASE, slot, f"{PLAN_PREFIX}{slot}:{target}",
                             cid, owner, tier, target,
                             f"购后回访（{bought} 购买）" if zh
                             else f"After-purchase follow-up (bought {bought})", target))
    return out


def birthdays(session: Session, today: date, end: date, rules: Rules,
              tiers: dict[int, TieredCustomer],
              slots: Iterable[tuple[int, int]] = ()) -> list[Candidate]:
    """The birthday care calls (birthday minus the lead days) in [today, end), and
    those of the (customer, year) `slots` wherever they fall."""
    if not rules["birthday_care"]:
        return []
    lead = timedelta(days=int(rules["birthday_lead_days"]))
    wanted: dict[int, set[int]] = {}
    for cid, year in slots:
        wanted.setdefault(cid, set()).add(year)
    # A lunar birthday late in lunar year Y can fall in January of Y + 1.
    years = range(today.year - 1, end.year + 2)
    rows = session.execute(
        select(Customer.id, Customer.owner, _text(Customer.birthday), Customer.birthday_lunar)
        .where(not_in_trash(), Customer.birthday.is_not(None)))
    out = []
    zh = current_language() == "zh"  # once, not per reminder
    lunar_word = "（农历）" if zh else " lunar"
    # Per distinct (month, day, lunar): the years whose call falls in [today, end).
    # Few birthdays fall in the horizon, so most customers cost one dict look-up.
    in_horizon: dict[tuple[int, int, bool], list[tuple[int, date]]] = {}
    for cid, owner, born, lunar in rows:
        md = month, mday, lunar = int(born[5:7]), int(born[8:10]), bool(lunar)
        calls = in_horizon.get(md)
        if calls is None:
            calls = in_horizon[md] = [(y, d) for y, d in _birthdays(md, years)
                                      if today <= d - lead < end]
        if cid in wanted:
            calls = sorted((dict(calls) | dict(_birthdays(md, wanted[cid]))).items())
        for year, day in calls:
            target = day - lead
            slot = f"birthday:{cid}:{year}"
            shown = f"{month:02d}-{mday:02d}" + (lunar_word if lunar else "")
            out.append(Candidate(ReminderKind.BIRTHDAY, slot, f"{PLAN_PREFIX}{slot}:{target}",
                                 cid, owner, tiers[cid].tier if cid in tiers else None, target,
                                 f"生日关怀（{shown}：{day}）" if zh
                                 else f"Birthday care ({shown}: {day})", target))
    return out


def _birthdays(md: tuple[int, int, bool], years: Iterable[int]) -> list[tuple[int, date]]:
    return [(y, d) for y in years if (d := _birthday(*md, y)) is not None]


@lru_cache(maxsize=65536)
def _birthday(month: int, day: int, lunar: bool, year: int) -> date | None:
    # 2000 is a leap year: any stored month and day make a valid date.
    return birthday_in_year(date(2000, month, day), lunar, year)
