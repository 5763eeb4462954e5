"""Building blocks of the demo generator: a fast seeded RNG, weighted choices,
time helpers, and the weights that shape the generated branch network."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Iterable, Sequence
from typing import Any

from app.models.enums import CustomerKind
from app.services.demo import vocab as V


class Rng(random.Random):
    """random.Random with cheaper randint/choice (the stock ones cost three calls each);
    the stream depends only on random(), so it is the same on every Python version."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.random() * len(seq))]


class Pick:
    """Weighted choice from a {value: weight} mapping, faster than rng.choices per call."""

    def __init__(self, weights: dict[Any, float] | Iterable[tuple[Any, float]]):
        items = list(weights.items() if isinstance(weights, dict) else weights)
        self.values = [value for value, _ in items]
        self.cum = list(itertools.accumulate(weight for _, weight in items))

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def uuid4_from(rng: random.Random) -> str:
    """Same as str(uuid.UUID(int=rng.getrandbits(128), version=4)), twice as fast."""
    x = rng.getrandbits(128) & ~(0xF000 << 64) & ~(0xC000 << 48) | (0x4000 << 64) | (0x8000 << 48)
    h = f"{x:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def at_minute(ordinal: int, minute: int) -> dt.datetime:
    day = dt.date.fromordinal(ordinal)
    return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60)


def yuan(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


def years_before(day: dt.date, years: int) -> int:
    try:
        return day.replace(year=day.year - years).toordinal()
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28).toordinal()


class Batch:
    def __init__(self) -> None:
        self.customers: list[dict] = []
        self.tags: list[dict] = []
        self.purchases: list[dict] = []
        self.events: list[dict] = []
        self.reminders: list[dict] = []
        self.complaints: list[dict] = []


class Who:
    """What the generator remembers about one customer while writing its history."""

    __slots__ = ("age", "birth", "cmin", "created", "fav", "id", "kind", "lunar", "name",
                 "native", "owner", "segment", "wealth")


SEGMENTS = Pick({"potential": 15, "one_off": 24, "occasional": 28, "regular": 20,
                  "frequent": 3, "churned": 10})
INTERVALS = {"occasional": (270, 450), "regular": (100, 220), "frequent": (30, 75),
             "churned": (60, 200)}
KINDS = Pick({CustomerKind.INDIVIDUAL: 90, CustomerKind.ENTERPRISE: 8,
               CustomerKind.INSTITUTION: 2})
SATISFACTION = Pick({1: 2, 2: 5, 3: 15, 4: 38, 5: 40})
SATISFACTION_AFTER = Pick({1: 5, 2: 10, 3: 25, 4: 35, 5: 25})
SEVERITIES = Pick({k: v[0] for k, v in V.SEVERITY_SLA_DAYS.items()})
COMPLAINT_CATS = Pick({k: v[0] for k, v in V.COMPLAINT_CATEGORIES.items()})
