"""The revisit planner as it was before the shortlist (issue 22), kept here only to
check that the faster planner makes exactly the same plan. Copied verbatim from
app/services/revisits (candidates.py and planner.py at b70a6a8); module names are
those of the app, imported below."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import current_language
from app.models import ContactEvent, Customer, CustomerTier, Purchase
from app.models.base import now
from app.models.enums import ReminderKind
from app.services.planner_hints import not_in_trash
from app.services.privacy import consent, hold
from app.services.revisits import candidates as rc
from app.services.revisits.candidates import (
    _CHUNK,
    PLAN_PREFIX,
    Candidate,
    TieredCustomer,
    _birthdays,
    _Days,
    _text,
)
from app.services.revisits.capacity import place
from app.services.revisits.planner import (
    MAX_DAYS,
    Plan,
    PlanItem,
    _Book,
    _Existing,
    _is_held,
    _read_book,
)
from app.services.revisits.work_calendar import WorkCalendar
from app.services.tiers.rules import Rules, active_rules


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


def _candidates(session: Session, today: date, end: date, rules: Rules,
                book: _Book, plan: Plan) -> list[rc.Candidate]:
    tiers = tiered_customers(session)
    out = rc.revisits(tiers.values(), last_contacts(session, today), today, rules,
                      rc.segment_cadences(session, rules))
    if rules["win_back"]:  # a marketing call: not to whoever withdrew phone marketing
        withdrawn = consent.withdrawn_ids(session, "marketing_phone")
        calls = rc.win_backs(tiers.values(), today)
        allowed = [c for c in calls if c.customer_id not in withdrawn]
        plan.no_consent[str(ReminderKind.WIN_BACK)] = len(calls) - len(allowed)
        out += allowed
    pids = [int(s.split(":")[1]) for s in book.replaceable
            if s.startswith(ReminderKind.AFTER_PURCHASE + ":")]
    out += after_purchases(session, today, end, rules, tiers, pids)
    slots = [(int(s.split(":")[1]), int(s.split(":")[2])) for s in book.replaceable
             if s.startswith(ReminderKind.BIRTHDAY + ":")]
    out += birthdays(session, today, end, rules, tiers, slots)
    held = hold.held_ids(session, today)  # on a storage-only hold: kept, not processed
    return [c for c in out if c.customer_id not in held] if held else out


def preview_plan(session: Session, today: date | None = None, days: int = 30,
                 rules: Rules | None = None, *, clock: Callable[[], datetime] = now) -> Plan:
    """What planning `days` days from `today` would write; writes nothing."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ValidationError("days", f"The plan covers 1 to {MAX_DAYS} days, not {days}.",
                              f"计划天数须在 1 到 {MAX_DAYS} 之间，而不是 {days}。")
    made_at = clock()
    today = today or made_at.date()
    rules = rules or active_rules(session)
    plan = Plan(today, days, rules.version, made_at, int(rules["daily_capacity"]))
    end, calendar = plan.end, WorkCalendar()
    book = _read_book(session)
    to_place: list[tuple[rc.Candidate, _Existing | None]] = []
    seen_slots: set[str] = set()
    for c in _candidates(session, today, end, rules, book, plan):
        seen_slots.add(c.slot)
        olds = book.replaceable.get(c.slot, [])
        if c.key in book.keys:
            plan.kept += 1
            plan.withdraw += [r.id for r in olds if r.key != c.key]
        elif _is_held(book, c):
            plan.held += 1
        elif olds and c.start < today:  # a follow-up whose new day has passed: leave it
            plan.kept += len(olds)
        elif olds:
            plan.withdraw += [r.id for r in olds[1:]]
            to_place.append((c, olds[0]))
        elif today <= c.start < end:
            to_place.append((c, None))
    plan.withdraw += [r.id for slot, olds in book.replaceable.items()
                      if slot not in seen_slots for r in olds]
    moving = {r.id for _, r in to_place if r is not None} | set(plan.withdraw)
    load: dict[tuple[str | None, date], int] = Counter(
        (r.owner, r.due) for r in book.active if r.id not in moving and r.due >= today)
    plan.existing = {k: n for k, n in load.items() if n and today <= k[1] < end}
    replaced_of = {c.key: r for c, r in to_place}
    last_day = end - timedelta(days=1)
    for placed in place([c for c, _ in to_place], load, plan.capacity, calendar, last_day):
        c, old = placed.candidate, replaced_of[placed.candidate.key]
        if placed.due > last_day:
            plan.spilled[str(c.kind)] += 1
            if old is not None:
                plan.withdraw.append(old.id)
            continue
        item = PlanItem(str(c.kind), c.key, c.customer_id, c.owner, c.tier, c.target,
                        placed.due, c.title, f"plan:{c.kind}@v{rules.version}",
                        old.id if old else None)
        (plan.replace if old else plan.create).append(item)
        plan.planned[(c.owner, placed.due)] = plan.planned.get((c.owner, placed.due), 0) + 1
    plan.load = {k: n for k, n in load.items() if n and today <= k[1] < end}
    plan.unknown_years = sorted(y for y in calendar.unknown_years if date(y, 1, 1) < end)
    plan.warnings = calendar.warnings(before=end)
    return plan
