"""Spread planned reminders over working days under a daily capacity per owner.

Day by day, per owner: the items whose earliest day has come (moved to a working
day) join a queue with those that did not fit earlier; the queue is served highest
tier first, then most overdue (earliest target), then customer id, up to the
capacity left after the reminders the owner already has that day; the rest waits
for the next working day. The customers without an owner share one queue under the
same cap, as if "nobody" were one more owner: whoever takes them on gets days that
can be done (uncapped, they piled 45 calls on one day).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from operator import itemgetter
from typing import NamedTuple

from app.services.revisits.candidates import Candidate
from app.services.revisits.work_calendar import WorkCalendar


class Placed(NamedTuple):  # one per item, spilled ones too: it must be cheap
    candidate: Candidate
    due: date


def place(items: Iterable[Candidate], load: dict[tuple[str | None, date], int],
          capacity: int, calendar: WorkCalendar, last_day: date) -> list[Placed]:
    """Due days for `items`. `load` holds the reminders already there per (owner,
    day) and is updated in place. Items that fit nowhere up to `last_day` (inclusive)
    get a due day after it (the first working day after `last_day`), not placed
    further: the caller leaves them for a later run."""
    by_owner: dict[str | None, list[tuple[date, tuple, Candidate]]] = defaultdict(list)
    first_day: dict[date, date] = {}  # a few dozen distinct days for thousands of items
    for c in items:
        day = first_day.get(c.start)
        if day is None:
            day = first_day[c.start] = calendar.next_working_day(c.start)
        by_owner[c.owner].append((day, c.order(), c))
    out: list[Placed] = []
    beyond = calendar.next_working_day(last_day + timedelta(days=1))
    for owner, pending in by_owner.items():
        pending.sort(key=itemgetter(0, 1))
        out.extend(_fill(owner, pending, load, capacity, calendar, last_day, beyond))
    return out


def _fill(owner: str | None, pending: list[tuple[date, tuple, Candidate]],
          load: dict[tuple[str | None, date], int], capacity: int, calendar: WorkCalendar,
          last_day: date, beyond: date) -> list[Placed]:
    out: list[Placed] = []
    queue: list[tuple[tuple, Candidate]] = []
    i, day = 0, pending[0][0]
    while i < len(pending) or queue:
        if not queue and pending[i][0] > day:
            day = pending[i][0]
        if day > last_day:
            break
        while i < len(pending) and pending[i][0] <= day:
            heapq.heappush(queue, pending[i][1:])
            i += 1
        taken = load.get((owner, day), 0)
        fits = min(max(capacity - taken, 0), len(queue))
        out.extend(Placed(heapq.heappop(queue)[1], day) for _ in range(fits))
        if fits:
            load[(owner, day)] = taken + fits
        day = calendar.next_working_day(day + timedelta(days=1))
    out.extend(Placed(c, beyond) for _, c in queue)
    out.extend(Placed(c, beyond) for _, _, c in pending[i:])
    return out
