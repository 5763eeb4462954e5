"""Which revisits can the capacity still take? The rest are counted, not built.

At 100k customers about half are overdue for a revisit, but an owner's days in the
horizon take at most `capacity` reminders a working day: most of those revisits
are spilled. Building a candidate for each and queueing it costs more than the rest
of the plan, so they are ruled out beforehand, by a rule that never rules out one
the queue would have placed:

The queue serves, day by day, the items whose day has come, highest tier and
earliest target first (see revisits.capacity). An item x whose day has come is
served only after every item of its owner that ranks before it and came no later:
if at least the owner's room (see Rooms: per working day, the capacity less the
reminders already there that cannot move; the most the owner can take) such items
all reach the queue, x is never served. Counted here are only the plain
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

from app.services.revisits.candidates import TIER_RANK, Candidate, TieredCustomer, _Days
from app.services.revisits.work_calendar import WorkCalendar
from app.services.tiers.rules import Rules


class Rooms(dict):
    """owner → the most reminders the plan can still give that owner in [today,
    last_day]: per working day, the capacity less what is already there (`load`,
    per (owner, day)); an owner with nothing there gets `capacity` a day."""

    def __init__(self, capacity: int, calendar: WorkCalendar, today: date, last_day: date,
                 load: dict[tuple[str | None, date], int]) -> None:
        span = (last_day - today).days + 1
        workdays = [d for d in (today + timedelta(days=i) for i in range(max(span, 0)))
                    if calendar.is_working_day(d)]
        super().__init__()
        self.default = capacity * len(workdays)
        days = set(workdays)
        for (owner, day), n in load.items():
            if day in days and n:
                self[owner] = self.get(owner, self.default) - min(n, capacity)

    def __missing__(self, owner: str | None) -> int:
        return self.default


def shortlist(rows: Iterable[tuple[int, str | None, str | None, str | None, str | None]],
              today: date, end: date, rules: Rules, special: set[int], rooms: Rooms
              ) -> tuple[list[TieredCustomer], dict[int, date], int, Crowd]:
    """(customers, their last contacts, how many plain revisits were ruled out, the
    Crowd that rules out other items) from
    the rows of candidates.revisit_rows: the customers in `special` and those whose
    revisit may still be placed. Every ruled-out revisit lies in [today, end) and
    would have been spilled. Days are compared as ISO text (within a tier, the later
    of the last contact and the last purchase orders the targets)."""
    steps = {t: n for t in TIER_RANK if (n := rules.cadence_days(t))}
    # per tier: base <= due_by → due today (overdue); base < before_end → in the horizon
    due_by = {t: (today - timedelta(days=n)).isoformat() for t, n in steps.items()}
    before_end = {t: (end - timedelta(days=n)).isoformat() for t, n in steps.items()}
    never_seen = {t for t, n in steps.items() if today + timedelta(days=n) < end}
    kept = []
    due_now: dict[str | None, list[tuple]] = defaultdict(list)
    later: dict[str | None, list[tuple]] = defaultdict(list)
    for row in rows:
        cid, owner, tier, bought, seen = row
        if cid in special:
            kept.append(row)
            continue
        if tier not in steps:  # no revisit for this tier
            continue
        base = (seen if bought is None or (seen is not None and seen > bought) else bought)
        if base is None:  # due `cadence` days from today
            if tier in never_seen:
                later[owner].append((today + timedelta(days=steps[tier]), TIER_RANK[tier],
                                     cid, row))
        elif base <= due_by[tier]:
            due_now[owner].append((TIER_RANK[tier], base, cid, row))
        elif base < before_end[tier]:
            later[owner].append((date.fromisoformat(base) + timedelta(days=steps[tier]),
                                 TIER_RANK[tier], cid, row))
    ruled_out = 0
    crowd = Crowd(rooms, steps)
    for owner in due_now.keys() | later.keys():
        now = due_now.get(owner, [])
        now.sort(key=lambda t: t[:3])
        crowd.ahead[owner] = [t[:2] for t in now]
        limit = rooms[owner]
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
    days = _Days()
    customers = [TieredCustomer(cid, owner, tier, "", days.of(bought))
                 for cid, owner, tier, bought, _ in kept]
    contacts = {cid: days.of(seen) for cid, _, _, _, seen in kept if seen}
    return customers, contacts, ruled_out, crowd


class Crowd:
    """Per owner, the plain overdue revisits (tier rank, later of last contact and
    purchase), all of which reach the queue on the first working day: an item that
    at least the owner's room of them rank before can never be served (the same
    rule as above, for any kind of item due today or later)."""

    def __init__(self, rooms: Rooms, steps: dict[str, int]) -> None:
        self.ahead: dict[str | None, list[tuple[int, str]]] = {}
        self._steps = steps
        self.rooms = rooms

    @property
    def rooms(self) -> Rooms:
        return self._rooms

    @rooms.setter
    def rooms(self, rooms: Rooms) -> None:
        self._rooms = rooms
        self._last: dict[str | None, tuple[int, date] | None] = {}

    def _last_served(self, owner: str | None) -> tuple[int, date] | None:
        """(rank, target) of the revisit filling the owner's room, if any fills it."""
        if owner not in self._last:
            ahead, room = self.ahead.get(owner, []), self._rooms[owner]
            last = None
            if len(ahead) >= room and room >= 0:
                rank, base = ahead[room - 1] if room else (-1, "")
                tier = next(t for t, r in TIER_RANK.items() if r == rank) if room else None
                last = (rank, date.fromisoformat(base) + timedelta(days=self._steps[tier])
                        if room else date.min)
            self._last[owner] = last
        return self._last[owner]

    def never_served(self, c: Candidate) -> bool:
        """At least the room's worth of overdue revisits rank before `c`: those of a
        higher tier and those of its tier with an earlier target."""
        last = self._last_served(c.owner)
        if last is None:
            return False
        rank = TIER_RANK.get(c.tier or "", len(TIER_RANK))
        return rank > last[0] or (rank == last[0] and c.target > last[1])
