"""A customer's lifecycle stage and churn risk from their own purchase rhythm.

Pure functions over day numbers (date ordinals), so the rules can be tested by
hand: potential (never bought) → new (one purchase) → repeat → loyal (at least
`loyal_min_purchases`) → at risk (silent for longer than `at_risk_multiple` × their
usual gap, at least `at_risk_floor_days`) → churned (the same with the churned
multiple and floor) → won back (bought again, within `won_back_days`, after a
silence longer than the churned threshold of their usual rhythm, taken as the
median of their other gaps).

This is the reference: tier_vector computes the same for every customer at once
(a test holds the two together).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from statistics import median_low
from typing import Any

from app.models.enums import LifecycleStage


@dataclass(frozen=True)
class Lifecycle:
    stage: str
    churn_risk: float | None
    reason: dict[str, Any]  # a code and its figures; tier_reason.describe puts it in words
    rhythm_days: int | None = None
    churned_after_days: int | None = None


def _thresholds(rhythm: float, life: dict[str, Any]) -> tuple[int, int]:
    """Whole days: silence is counted in whole days, so `recency > 82.5` and
    `recency > 82` say the same, and the stored threshold is exact."""
    at_risk = max(life["at_risk_floor_days"], life["at_risk_multiple"] * rhythm)
    churned = max(life["churned_floor_days"], life["churned_multiple"] * rhythm)
    return math.floor(at_risk), math.floor(churned)


def _rhythm(gaps: list[int], life: dict[str, Any]) -> int:
    """The usual gap between purchases: the median (lower middle, a whole day)."""
    return median_low(gaps) if gaps else int(life["single_purchase_gap_days"])


def churn_risk(recency: int, rhythm: float, churned_after: float) -> float:
    """0 while within the usual rhythm, 1 once churned, linear in between."""
    if recency <= rhythm:
        return 0.0
    if recency >= churned_after or churned_after <= rhythm:
        return 1.0
    return round((recency - rhythm) / (churned_after - rhythm), 3)


def _won_back_gap(days: list[int], gaps: list[int], today: int,
                  life: dict[str, Any]) -> tuple[int, int] | None:
    """(gap, return day) of the latest comeback within won_back_days, if any: a gap
    longer than the churned threshold of the rhythm of the customer's other gaps."""
    horizon = today - life["won_back_days"]
    for k in range(len(days) - 1, 0, -1):
        if days[k] < horizon:
            break
        gap = gaps[k - 1]
        _, churned_after = _thresholds(_rhythm(gaps[:k - 1] + gaps[k:], life), life)
        if gap > churned_after:
            return gap, days[k]
    return None


def lifecycle(purchase_days: list[int], today: int, life: dict[str, Any]) -> Lifecycle:
    """The stage on day `today` of a customer who bought on `purchase_days` (ordinals,
    any order, repeats allowed: two purchases on one day count twice)."""
    count = len(purchase_days)
    if count == 0:
        return Lifecycle(LifecycleStage.POTENTIAL, None, {"code": "no_purchase"})
    days = sorted(set(purchase_days))
    gaps = [b - a for a, b in pairwise(days)]
    rhythm = _rhythm(gaps, life)
    recency = today - days[-1]
    at_risk_after, churned_after = _thresholds(rhythm, life)
    risk = churn_risk(recency, rhythm, churned_after)
    figures = {"recency": recency, "rhythm": rhythm, "count": count}
    if recency > churned_after:
        return Lifecycle(LifecycleStage.CHURNED, risk, {"code": "silent", **figures}, rhythm,
                         churned_after)
    if recency > at_risk_after:
        return Lifecycle(LifecycleStage.AT_RISK, risk, {"code": "silent", **figures}, rhythm,
                         churned_after)
    comeback = _won_back_gap(days, gaps, today, life)
    if comeback is not None:
        gap, day = comeback
        return Lifecycle(LifecycleStage.WON_BACK, risk,
                         {"code": "won_back", "gap": gap, "ago": today - day, **figures}, rhythm,
                         churned_after)
    if count >= life["loyal_min_purchases"]:
        return Lifecycle(LifecycleStage.LOYAL, risk, {"code": "rhythm", **figures}, rhythm,
                         churned_after)
    if count >= 2:
        return Lifecycle(LifecycleStage.REPEAT, risk, {"code": "rhythm", **figures}, rhythm,
                         churned_after)
    return Lifecycle(LifecycleStage.NEW, risk, {"code": "first", **figures}, rhythm,
                     churned_after)
