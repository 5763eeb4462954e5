"""Which revisits can the capacity still take? The rest are counted, not built.

At 100k customers about half are overdue for a revisit, but an owner's days in the
horizon take at most `capacity` × (working days) reminders: most of those revisits
are spilled. Building a candidate for each and queueing it costs more than the rest
of the plan, so they are ruled out beforehand, by a rule that never rules out one
the queue would have placed:

The queue serves, day by day, the items whose day has come, highest tier and
earliest target first (see revisits.capacity). An item x whose day has come is
served only after every item of its owner that ranks before it and came no later:
if at least `room` (= capacity × working days, the most an owner can take) such
items all reach the queue, x is never served. Counted here are only the plain
revisits, which do reach the queue: those of customers with no reminder of that
slot and no key of it (nothing kept, moved or held), not on a storage hold and not
in a segment with its own cadence. For an overdue revisit (due today) they are the
overdue ones ranking before it; for a later one, the overdue ones of its tier or
higher (an overdue revisit of the same tier has the earlier target) and the later
ones due no later that rank before it.

Removing an item that is never served changes nothing else: on each day it waits,
the queue holds more items than there is room, so the same ones are served.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from app.services.revisits.candidates import TIER_RANK, TieredCustomer
from app.services.revisits.work_calendar import WorkCalendar
from app.services.tiers.rules import Rules


def room(capacity: int, calendar: WorkCalendar, today: date, last_day: date) -> int:
    """The most reminders one owner can be given in [today, last_day]."""
    days = (last_day - today).days + 1
    return capacity * sum(calendar.is_working_day(today + timedelta(days=i))
                          for i in range(max(days, 0)))


def shortlist(rows: Iterable[tuple[TieredCustomer, date | None]], today: date, end: date,
              rules: Rules, special: set[int], limit: int
              ) -> tuple[list[TieredCustomer], dict[int, date], int]:
    """(customers, their last contacts, how many plain revisits were ruled out):
    the customers in `special` and those whose revisit may still be placed. Every
    ruled-out revisit lies in [today, end) and would have been spilled."""
    steps = {t: timedelta(days=n) for t in TIER_RANK if (n := rules.cadence_days(t))}
    kept: list[tuple[TieredCustomer, date | None]] = []
    due_now: dict[str | None, list[tuple[int, date, int, tuple]]] = defaultdict(list)
    later: dict[str | None, list[tuple[int, tuple]]] = defaultdict(list)
    for row in rows:
        c, seen = row
        if c.customer_id in special:
            kept.append(row)
            continue
        step = steps.get(c.tier)
        if step is None:  # no revisit for this tier
            continue
        base = max(seen, c.last_purchase) if seen and c.last_purchase else (
            seen or c.last_purchase)
        target = (base or today) + step
        if target <= today:
            due_now[c.owner].append((TIER_RANK[c.tier], target, c.customer_id, row))
        elif target < end:
            later[c.owner].append((target, TIER_RANK[c.tier], c.customer_id, row))
    ruled_out = 0
    for owner in due_now.keys() | later.keys():
        now = due_now.get(owner, [])
        now.sort(key=lambda t: t[:3])
        kept.extend(t[3] for t in now[:limit])
        ruled_out += max(len(now) - limit, 0)
        before = [0] * (len(TIER_RANK) + 1)  # overdue ones of rank <= r
        for rank, *_ in now:
            before[rank] += 1
        for r in range(1, len(before)):
            before[r] += before[r - 1]
        # In target order, the later ones met so far came no later and, of the same
        # tier or higher, rank before.
        met = [0] * len(before)
        for _target, rank, _cid, row in sorted(later.get(owner, []), key=lambda t: t[:3]):
            if before[rank] + sum(met[:rank + 1]) >= limit:
                ruled_out += 1
            else:
                kept.append(row)
            met[rank] += 1
    return [c for c, _ in kept], {c.customer_id: s for c, s in kept if s}, ruled_out
