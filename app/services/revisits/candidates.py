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
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import String, and_, case, extract, func, literal, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.i18n import current_language, pick
from app.models import ContactEvent, Customer, CustomerTier, Purchase, Reminder
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


# slot_of runs once per generated reminder (tens of thousands): plain text, not
# enum members (each member look-up goes through the enum's machinery).
_SLOT_PARTS = {str(ReminderKind.REVISIT): 3, str(ReminderKind.AFTER_PURCHASE): 3,
               str(ReminderKind.BIRTHDAY): 4, str(ReminderKind.WIN_BACK): 3}


def slot_of(key: str) -> str | None:
    """The slot of a generated key (None for a key not made by the planner)."""
    if not key.startswith(PLAN_PREFIX):
        return None
    parts = key[len(PLAN_PREFIX):].split(":")
    if _SLOT_PARTS.get(parts[0]) != len(parts):
        return None
    return ":".join(parts[:-1])


def driver_rows(session: Session, stmt) -> list[tuple]:
    """The driver's own rows of `stmt` (no Row objects: thousands per read). Values
    are as the driver hands them: on SQLite, days and times as ISO text and booleans
    as 0/1; on PostgreSQL, dates and times."""
    return session.connection().execute(stmt).cursor.fetchall()


class _Days(dict):
    """ISO text → date, each distinct day parsed once (a few thousand days for a
    hundred thousand rows; SQLAlchemy's own conversion costs far more)."""

    def __missing__(self, text: str | date) -> date:
        if isinstance(text, datetime):  # PostgreSQL hands back dates and times
            value = text.date()
        elif isinstance(text, date):
            value = text
        else:
            value = date.fromisoformat(text[:10])
        self[text] = value
        return value

    def of(self, text: str | date | None) -> date | None:
        """The day of `text` (a date or a date and time; None stays None)."""
        if text is None:
            return None
        return self[text[:10] if text.__class__ is str else text]


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
    return {cid: days.of(at) for cid, at in rows}


def revisit_rows(session: Session, today: date, end: date, rules: Rules,
                 everyone: bool = False, extra_ids: Iterable[int] = ()
                 ) -> list[tuple[int, str | None, str | None, str | None, str | None]]:
    """(customer id, owner, tier, last purchase, last contact up to `today`), the days
    as ISO text (see day_text), for the tiered customers
    whose tier revisit may fall before `end` (overdue ones included), those with a
    reminder of any kind, and `extra_ids`; every tiered customer if `everyone`.

    The customers whose revisit is later than the horizon and who have no reminder
    make no difference to a plan: leaving them out in SQL spares reading (and
    turning into Python objects) about half the customers. A revisit falls after the
    horizon when the last purchase or a contact is on or after `end` minus the
    cadence: the last purchase is on the row, a contact is one look in the
    (customer_id, occurred_at) index. The last contact is then looked up the same
    way for the rows read only. The stage is not read (revisits do not use it)."""
    if session.get_bind().dialect.name == "sqlite":
        return _revisit_rows_sqlite(session, today, end, rules, everyone, extra_ids)
    return _revisit_rows_core(session, today, end, rules, everyone, extra_ids)


def _revisit_rows_core(session: Session, today: date, end: date, rules: Rules,
                       everyone: bool = False, extra_ids: Iterable[int] = ()) -> list[tuple]:
    """revisit_rows as one SQLAlchemy statement (PostgreSQL; on SQLite, the test's
    reference for the hand-written statement)."""
    tomorrow = today + timedelta(days=1)
    lp = CustomerTier.last_purchase
    contacts = (ContactEvent.customer_id == CustomerTier.customer_id,
                ContactEvent.occurred_at < tomorrow)
    last_contact = (select(func.max(ContactEvent.occurred_at)).where(*contacts)
                    .scalar_subquery())
    stmt = (select(CustomerTier.customer_id, Customer.owner, CustomerTier.value_tier,
                   _text(lp), _text(last_contact))
            .join(CustomerTier, Customer.id == CustomerTier.customer_id)
            .where(not_in_trash()))
    if not everyone:
        steps = {t: n for t in TIER_RANK if (n := rules.cadence_days(t))}
        cut = case(*((CustomerTier.value_tier == t, literal(end - timedelta(days=n)))
                     for t, n in steps.items()), else_=None)
        seen_since = select(ContactEvent.id).where(*contacts, ContactEvent.occurred_at >= cut)
        wanted = [and_(CustomerTier.value_tier.in_(list(steps)), or_(lp.is_(None), lp < cut),
                       ~seen_since.exists()),
                  # (+ 0: not through the primary key, which would make SQLite read
                  # the rows by tier instead of walking the customers)
                  (CustomerTier.customer_id + 0).in_(select(Reminder.customer_id))]
        extra = sorted(set(extra_ids))
        if extra:
            wanted.append(CustomerTier.customer_id.in_(extra))
        stmt = stmt.where(or_(*wanted))
    rows = session.execute(stmt)  # PostgreSQL: dates, not ISO text
    return [(cid, owner, tier, day_text(last), day_text(at))
            for cid, owner, tier, last, at in rows]


# The same rows on the encrypted file, by hand (issue 22: 0.3 s of a 0.8 s preview).
# customer_tier is walked in id order (NOT INDEXED: through the tier index, each row
# is a jump) and customer looked up by id after the cheap terms (CROSS JOIN keeps
# that order), so the probes of the contact index come in customer order too. The
# bounds are the text SQLAlchemy binds (a day for the cut, a time for tomorrow), the
# last contact is cut to its day in SQL, and the driver's rows are returned as they
# are: no Row objects for ~50k rows.
_REVISIT_ROWS = """
SELECT t.customer_id, c.owner, t.value_tier, t.last_purchase,
       substr((SELECT max(e.occurred_at) FROM contact_event e
               WHERE e.customer_id = t.customer_id AND e.occurred_at < ?), 1, 10)
FROM customer_tier AS t NOT INDEXED CROSS JOIN customer AS c ON c.id = t.customer_id
WHERE likely(c.deleted_at IS NULL)"""
_WANTED = """ AND (
  (t.value_tier IN ({tiers}) AND (t.last_purchase IS NULL OR t.last_purchase < {cut})
   AND NOT EXISTS (SELECT 1 FROM contact_event e WHERE e.customer_id = t.customer_id
                   AND e.occurred_at < ? AND e.occurred_at >= {cut}))
  OR t.customer_id IN (SELECT customer_id FROM reminder){extra})"""


def _revisit_rows_sqlite(session: Session, today: date, end: date, rules: Rules,
                         everyone: bool, extra_ids: Iterable[int]) -> list[tuple]:
    tomorrow = f"{today + timedelta(days=1)} 00:00:00.000000"
    sql, params = _REVISIT_ROWS, [tomorrow]
    if not everyone:
        steps = {t: n for t in TIER_RANK if (n := rules.cadence_days(t))}
        cut = ("CASE t.value_tier " + " ".join("WHEN ? THEN ?" for _ in steps) + " END"
               if steps else "NULL")
        cuts = [v for t, n in steps.items() for v in (t, (end - timedelta(days=n)).isoformat())]
        extra = sorted(set(extra_ids))
        sql += _WANTED.format(
            tiers=", ".join("?" for _ in steps) or "NULL", cut=cut,
            extra=(" OR t.customer_id IN (" + ", ".join(map(str, map(int, extra))) + ")"
                   if extra else ""))
        params += [*steps, *cuts, tomorrow, *cuts]
    cursor = session.connection().exec_driver_sql(sql, tuple(params)).cursor
    return cursor.fetchall()


def day_text(value: str | date | None) -> str | None:
    """'YYYY-MM-DD' of a date, a date and time, or their ISO text (None stays None):
    ISO days compare and sort as the days do."""
    if value is None:
        return None
    if isinstance(value, str):
        return value[:10]
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def at_risk(session: Session) -> list[TieredCustomer]:
    """The tiered customers at risk (those a win-back call is for)."""
    rows = driver_rows(session,
        select(CustomerTier.customer_id, Customer.owner, CustomerTier.value_tier,
               CustomerTier.lifecycle_stage, _text(CustomerTier.last_purchase))
        .join(Customer, Customer.id == CustomerTier.customer_id)
        .where(not_in_trash(), CustomerTier.lifecycle_stage == LifecycleStage.AT_RISK))
    days = _Days()
    return [TieredCustomer(cid, owner, tier, stage, days.of(last))
            for cid, owner, tier, stage, last in rows]


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
                    purchase_ids: Iterable[int] = ()) -> list[Candidate]:
    """One follow-up per customer and purchase day whose follow-up day falls in
    [today, end), keyed by that day's first purchase; plus the follow-ups of
    `purchase_ids` wherever they fall (to re-plan reminders made earlier)."""
    lag = timedelta(days=int(rules["after_purchase_days"]))
    base = (select(func.min(Purchase.id), Purchase.customer_id, Purchase.purchased_on,
                   Customer.owner, CustomerTier.value_tier)
            .join(Customer, Customer.id == Purchase.customer_id)
            .outerjoin(CustomerTier, CustomerTier.customer_id == Purchase.customer_id)
            .where(not_in_trash())
            .group_by(Purchase.customer_id, Purchase.purchased_on, Customer.owner,
                      CustomerTier.value_tier))
    rows = driver_rows(session, base.where(Purchase.purchased_on >= today - lag,
                                           Purchase.purchased_on < end - lag,
                                           Purchase.purchased_on <= today))
    ids = sorted(set(purchase_ids))
    for i in range(0, len(ids), _CHUNK):
        rows += driver_rows(session, base.where(Purchase.id.in_(ids[i:i + _CHUNK])))
    out, seen = [], set()
    days = _Days()
    zh = current_language() == "zh"  # once, not per reminder (thousands of them)
    for pid, cid, bought, owner, tier in rows:
        if pid in seen:
            continue
        seen.add(pid)
        bought = days.of(bought)
        target = bought + lag
        slot = f"after_purchase:{pid}"
        out.append(Candidate(ReminderKind.AFTER_PURCHASE, slot, f"{PLAN_PREFIX}{slot}:{target}",
                             cid, owner, tier, target,
                             f"购后回访（{bought} 购买）" if zh
                             else f"After-purchase follow-up (bought {bought})", target))
    return out


def birthdays(session: Session, today: date, end: date, rules: Rules,
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
    # Only the month-days (solar, lunar) with a call in the horizon are read, and the
    # customers of `slots`: for 30 days, a twelfth of the birthdays instead of all.
    solar, lunar_md = [], []
    day = date(2000, 1, 1)  # a leap year: every month-day a birthday can have
    while day.year == 2000:
        for lunar, month_days in ((False, solar), (True, lunar_md)):
            md = (day.month, day.day, lunar)
            if any(today <= d - lead < end for _, d in _birthdays(md, years)):
                month_days.append(day.month * 100 + day.day)
        day += timedelta(days=1)
    month_day = extract("month", Customer.birthday) * 100 + extract("day", Customer.birthday)
    wanted_rows = [and_(Customer.birthday_lunar.is_not(True), month_day.in_(solar)),
                   and_(Customer.birthday_lunar.is_(True), month_day.in_(lunar_md))]
    rows = []
    for ids in [None] + [sorted(wanted)[i:i + _CHUNK] for i in range(0, len(wanted), _CHUNK)]:
        found = (or_(*wanted_rows) if ids is None else Customer.id.in_(ids))
        rows += driver_rows(session,
            select(Customer.id, Customer.owner, _text(Customer.birthday),
                   Customer.birthday_lunar, CustomerTier.value_tier)
            .outerjoin(CustomerTier, CustomerTier.customer_id == Customer.id)
            .where(not_in_trash(), Customer.birthday.is_not(None), found))
    rows = list({r[0]: r for r in rows}.values())  # a slot's customer may be both
    out = []
    zh = current_language() == "zh"  # once, not per reminder
    lunar_word = "（农历）" if zh else " lunar"
    # Per distinct (month, day, lunar): the years whose call falls in [today, end).
    # Few birthdays fall in the horizon, so most customers cost one dict look-up.
    in_horizon: dict[tuple[int, int, bool], list[tuple[int, date]]] = {}
    for cid, owner, born, lunar, tier in rows:
        if born.__class__ is not str:  # PostgreSQL: a date, not ISO text
            born = born.isoformat()
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
                                 cid, owner, tier, target,
                                 f"生日关怀（{shown}：{day}）" if zh
                                 else f"Birthday care ({shown}: {day})", target))
    return out


def _birthdays(md: tuple[int, int, bool], years: Iterable[int]) -> list[tuple[int, date]]:
    return [(y, d) for y in years if (d := _birthday(*md, y)) is not None]


@lru_cache(maxsize=65536)
def _birthday(month: int, day: int, lunar: bool, year: int) -> date | None:
    # 2000 is a leap year: any stored month and day make a valid date.
    return birthday_in_year(date(2000, month, day), lunar, year)
