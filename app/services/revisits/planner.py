"""The revisit plan: turn each tier's strategy into reminders for the next N days.

`preview_plan` reads and decides, writing nothing; `apply_plan` writes the plan in
the caller's transaction. Four kinds: the tier's revisit cadence, the follow-up a
few days after a purchase, birthday care (lunar birthdays converted) and one
win-back call when a customer turns "at risk". Due days skip weekends and public
holidays (see work_calendar) and are spread under a daily capacity per owner (see
revisits.capacity): the plan never adds a reminder to a day off, nor to a day where
the owner's reminders (those already there and those it adds) would pass the cap.
The reminders already there are counted apart from those the plan adds (`existing`
and `planned` per owner and day): a person may have put some on a Saturday, or more
than the cap on one day; the plan leaves them and adds none there.

Idempotent: every generated reminder has a key (see revisit_candidates), so a
second run finds its keys and adds nothing. Re-planning touches only the open
generated reminders nobody edited (status open, user_modified false): one whose key
changed under new rules is updated in place; one no longer wanted (its rule
switched off, the customer no longer at risk, its new day beyond the horizon) is
withdrawn (deleted). Done, cancelled, snoozed or edited reminders are left exactly
as they are, and while a person holds one of a slot, the planner adds none there.
Items that do not fit before the end of the horizon are not written ("spilled");
a later run plans them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Customer, Reminder
from app.models.base import now
from app.models.enums import ReminderKind, ReminderStatus
from app.services import audit
from app.services.daily.local_time import at_workday_start
from app.services.daily.reminders import ACTIVE_STATUSES
from app.services.planner_hints import not_in_trash, rare
from app.services.privacy import consent, hold
from app.services.revisits import candidates as rc
from app.services.revisits.capacity import place
from app.services.revisits.shortlist import Crowd, Rooms, shortlist
from app.services.revisits.work_calendar import WorkCalendar
from app.services.tiers.rules import Rules, active_rules

MAX_DAYS = 366
_CHUNK = 500
_ROWS_PER_EXECUTE = 5000
# After-purchase and birthday slots happen once: a person's reminder of the slot in
# any status holds it. Revisit and win-back slots recur: only an active one holds.
_ONCE = (ReminderKind.AFTER_PURCHASE, ReminderKind.BIRTHDAY)


@dataclass(frozen=True)
class PlanItem:
    kind: str
    key: str
    customer_id: int
    owner: str | None
    tier: str | None
    target: date  # what the rules asked for
    due: date  # a working day, after capacity
    title: str
    origin_rule: str
    replaces: int | None = None  # the reminder updated in place


@dataclass
class Plan:
    today: date
    days: int
    rules_version: int
    made_at: datetime
    capacity: int  # reminders per owner and working day
    create: list[PlanItem] = field(default_factory=list)
    replace: list[PlanItem] = field(default_factory=list)
    withdraw: list[int] = field(default_factory=list)  # reminder ids
    kept: int = 0  # already planned with the same key, or left as they are
    held: int = 0  # not planned: a person holds a reminder of that slot
    spilled: Counter = field(default_factory=Counter)  # per kind: no room before the end
    # per (owner, day) in the horizon: what there will be, what is there already
    # (left as it is, including this plan's earlier runs), and what this plan adds or
    # moves there; load = existing + planned
    load: dict[tuple[str | None, date], int] = field(default_factory=dict)
    existing: dict[tuple[str | None, date], int] = field(default_factory=dict)
    planned: dict[tuple[str | None, date], int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # per kind: not planned because the customer withdrew the consent that kind needs
    no_consent: Counter = field(default_factory=Counter)
    unknown_years: list[int] = field(default_factory=list)

    @property
    def end(self) -> date:
        """The first day after the horizon."""
        return self.today + timedelta(days=self.days)

    @property
    def items(self) -> list[PlanItem]:
        return self.create + self.replace

    def counts(self) -> dict[str, int]:
        """Reminders to create or move, per kind."""
        out = dict.fromkeys(rc.KINDS, 0)
        for item in self.items:
            out[item.kind] += 1
        return {str(k): v for k, v in out.items()}

    def to_json(self) -> dict:
        def by_owner(cells):
            out: dict[str, dict[str, int]] = {}
            for (owner, day), n in sorted(cells.items(),
                                          key=lambda kv: (kv[0][0] or "", kv[0][1])):
                out.setdefault(owner or "", {})[day.isoformat()] = n
            return out

        return {
            "today": self.today.isoformat(), "days": self.days,
            "rules_version": self.rules_version, "counts": self.counts(),
            "created": len(self.create), "replaced": len(self.replace),
            "withdrawn": len(self.withdraw), "kept": self.kept, "held": self.held,
            "spilled": {str(k): v for k, v in self.spilled.items() if v},
            "load": by_owner(self.load), "existing": by_owner(self.existing),
            "planned": by_owner(self.planned), "capacity": self.capacity,
            "warnings": list(self.warnings),
            "no_consent": {str(k): v for k, v in self.no_consent.items() if v},
            "holidays_unknown_years": list(self.unknown_years),
        }


class _Existing(NamedTuple):  # one per active reminder: it must be cheap
    id: int
    customer_id: int
    kind: str
    key: str | None
    slot: str | None
    status: str
    user_modified: bool
    due: date
    owner: str | None

    @property
    def replaceable(self) -> bool:
        return (self.slot is not None and self.status == ReminderStatus.OPEN
                and not self.user_modified)


@dataclass
class _Book:
    """What is already there: every generated key, and per slot the replaceable
    reminders and whether a person holds it."""

    keys: set[str] = field(default_factory=set)
    active: list[_Existing] = field(default_factory=list)
    replaceable: dict[str, list[_Existing]] = field(default_factory=dict)
    held: set[str] = field(default_factory=set)  # slots, and "kind:customer" for manual ones
    # customers whose key names another customer (a reminder moved by a merge)
    moved: set[int] = field(default_factory=set)

    def revisit_customers(self) -> set[int]:
        """The customers whose revisit the book decides about (kept, moved, held)."""
        prefix = ReminderKind.REVISIT + ":"
        slots = {rc.slot_of(k) for k in self.keys} | self.held | self.replaceable.keys()
        return {int(s[len(prefix):]) for s in slots if s and s.startswith(prefix)}


def _read_book(session: Session) -> _Book:
    book = _Book()
    # Every generated key, any status, through the unique index on the key.
    for key, status, cid in session.execute(
            select(Reminder.idempotency_key, Reminder.status, Reminder.customer_id)
            .where(Reminder.idempotency_key >= rc.PLAN_PREFIX,
                   Reminder.idempotency_key < rc.PLAN_PREFIX[:-1] + ";")):
        book.keys.add(key)
        slot = rc.slot_of(key)
        if slot and slot.startswith(ReminderKind.REVISIT + ":") and slot != f"revisit:{cid}":
            book.moved.add(int(slot.split(":")[1]))
        if slot and status not in ACTIVE_STATUSES and slot.split(":")[0] in _ONCE:
            book.held.add(slot)
    rows = rc.driver_rows(session,
        select(Reminder.id, Reminder.customer_id, Reminder.kind, Reminder.idempotency_key,
               Reminder.status, Reminder.user_modified, Reminder.due_at, Reminder.owner)
        .join(Customer, Customer.id == Reminder.customer_id)
        .where(rare(Reminder.status.in_(ACTIVE_STATUSES)), Reminder.kind.in_(rc.KINDS),
               not_in_trash()))
    days = rc._Days()  # the driver's due times: ISO text on SQLite
    for rid, cid, kind, key, status, touched, due, owner in rows:
        r = _Existing(rid, cid, kind, key, rc.slot_of(key or ""), status, bool(touched),
                      days.of(due), owner)
        book.active.append(r)
        if r.replaceable:
            book.replaceable.setdefault(r.slot, []).append(r)
        else:  # a generated reminder someone touched holds its slot; a person's own
            # reminder of that kind holds every slot of that kind for the customer
            book.held.add(r.slot or f"{kind}:{cid}")
    return book


def _is_held(book: _Book, c: rc.Candidate) -> bool:
    # a revisit's or win-back's slot is already "kind:customer"
    return c.slot in book.held or (c.kind in _ONCE and f"{c.kind}:{c.customer_id}" in book.held)


def _candidates(session: Session, today: date, end: date, rules: Rules,
                book: _Book, plan: Plan, calendar: WorkCalendar
                ) -> tuple[list[rc.Candidate], int, Crowd]:
    """The candidates, how many plain revisits were ruled out (see shortlist: each
    of them would have been spilled) and the crowd that rules out more."""
    by_segment = rc.segment_cadences(session, rules)
    held = hold.held_ids(session, today)  # on a storage-only hold: kept, not processed
    rows = rc.revisit_rows(session, today, end, rules, everyone=bool(by_segment),
                           extra_ids=book.moved)
    special = book.revisit_customers() | held | by_segment.keys()
    # what is there and can never move (a person's reminders, touched ones) fills rooms
    fixed = Counter((r.owner, r.due) for r in book.active if not r.replaceable)
    rooms = Rooms(plan.capacity, calendar, today, end - timedelta(days=1), fixed)
    customers, contacts, ruled_out, crowd = shortlist(rows, today, end, rules, special, rooms)
    out = rc.revisits(customers, contacts, today, rules, by_segment)
    if rules["win_back"]:  # a marketing call: not to whoever withdrew phone marketing
        withdrawn = consent.withdrawn_ids(session, "marketing_phone")
        calls = rc.win_backs(rc.at_risk(session), today)
        allowed = [c for c in calls if c.customer_id not in withdrawn]
        plan.no_consent[str(ReminderKind.WIN_BACK)] = len(calls) - len(allowed)
        out += allowed
    pids = [int(s.split(":")[1]) for s in book.replaceable
            if s.startswith(ReminderKind.AFTER_PURCHASE + ":")]
    out += rc.after_purchases(session, today, end, rules, pids)
    slots = [(int(s.split(":")[1]), int(s.split(":")[2])) for s in book.replaceable
             if s.startswith(ReminderKind.BIRTHDAY + ":")]
    out += rc.birthdays(session, today, end, rules, slots)
    return ([c for c in out if c.customer_id not in held] if held else out), ruled_out, crowd


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
    candidates, ruled_out, crowd = _candidates(session, today, end, rules, book, plan, calendar)
    if ruled_out:
        plan.spilled[str(ReminderKind.REVISIT)] += ruled_out
    for c in candidates:
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
    queued = []
    crowd.rooms = Rooms(plan.capacity, calendar, today, last_day, load)  # the real load
    for c, old in to_place:  # those the plain overdue revisits leave no room for
        if crowd.never_served(c):
            plan.spilled[str(c.kind)] += 1
            if old is not None:
                plan.withdraw.append(old.id)
        else:
            queued.append(c)
    for placed in place(queued, load, plan.capacity, calendar, last_day):
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


@dataclass(frozen=True)
class ApplyResult:
    created: int
    replaced: int
    withdrawn: int
    kept: int
    held: int
    spilled: int
    stale: int  # planned changes skipped: someone changed those reminders meanwhile

    def to_json(self) -> dict:
        return asdict(self)


def _untouched():
    return (Reminder.status == ReminderStatus.OPEN, Reminder.user_modified.is_(False))


def apply_plan(session: Session, plan: Plan, *,
               clock: Callable[[], datetime] | None = None) -> ApplyResult:
    """Write `plan` within the caller's transaction. Reminders changed by someone
    since the preview are left alone; keys taken meanwhile are not added twice."""
    stamp = (clock or now)().replace(microsecond=0)
    withdrawn = 0
    ids = sorted(set(plan.withdraw))
    for i in range(0, len(ids), _CHUNK):
        withdrawn += session.execute(
            delete(Reminder).where(Reminder.id.in_(ids[i:i + _CHUNK]), *_untouched())
            .execution_options(synchronize_session=False)).rowcount
    replaced = 0
    if plan.replace:
        table = Reminder.__table__
        stmt = (update(table).where(table.c.id == bindparam("rid"),
                                    table.c.status == ReminderStatus.OPEN,
                                    table.c.user_modified.is_(False))
                .values(idempotency_key=bindparam("k"), due_at=bindparam("due"),
                        title=bindparam("t"), origin_rule=bindparam("o"),
                        owner=bindparam("w"), updated_at=stamp))
        rows = [{"rid": p.replaces, "k": p.key, "due": at_workday_start(p.due), "t": p.title,
                 "o": p.origin_rule, "w": p.owner} for p in plan.replace]
        for i in range(0, len(rows), _ROWS_PER_EXECUTE):
            replaced += session.connection().execute(stmt, rows[i:i + _ROWS_PER_EXECUTE]).rowcount
    taken = _taken_keys(session, [p.key for p in plan.create])
    rows = [{"customer_id": p.customer_id, "due_at": at_workday_start(p.due), "kind": p.kind,
             "title": p.title, "note": None, "status": ReminderStatus.OPEN, "owner": p.owner,
             "origin_rule": p.origin_rule, "idempotency_key": p.key, "user_modified": False,
             "snoozed_until": None, "completed_at": None, "completed_event_id": None,
             "created_at": stamp, "updated_at": stamp}
            for p in plan.create if p.key not in taken]
    for i in range(0, len(rows), _ROWS_PER_EXECUTE):
        session.execute(insert(Reminder), rows[i:i + _ROWS_PER_EXECUTE])
    stale = (len(ids) - withdrawn) + (len(plan.replace) - replaced) + len(taken)
    result = ApplyResult(len(rows), replaced, withdrawn, plan.kept, plan.held,
                         sum(plan.spilled.values()), stale)
    audit.record(session, "plan.apply", "reminder", None,
                 {"today": plan.today.isoformat(), "days": plan.days,
                  "rules_version": plan.rules_version, **result.to_json()})
    return result


def _taken_keys(session: Session, keys: list[str]) -> set[str]:
    taken: set[str] = set()
    for i in range(0, len(keys), _CHUNK):
        taken.update(session.scalars(select(Reminder.idempotency_key)
                                     .where(Reminder.idempotency_key.in_(keys[i:i + _CHUNK]))))
    return taken
