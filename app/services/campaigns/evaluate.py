"""A campaign's effect, against its hold-out control group.

For both groups, over the `window_days` after the launch: the share of customers who
bought (net of refunds, a purchase day with a positive amount), the revenue per
customer. The lift is the target group's share minus the control group's, with a 95 %
confidence interval from the normal approximation of the difference of two
proportions (Wald: ±1.96·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂)); the revenue lift per customer
likewise with Welch's standard error. Intention to treat: the whole target group is
compared, contacted or not, so that an easy-to-reach subgroup does not flatter the
result. The response rate is responded / contacted, contacted being a completed call
or visit (phone, visit) or the list sent (SMS, WeChat). Per value tier as well."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import CampaignMember, Purchase, Reminder
from app.services.campaigns import define, outcome
from app.services.campaigns.launch import CONTROL, LEFT_OUT, TARGET

Z95 = 1.959964


@dataclass(frozen=True)
class Arm:
    customers: int
    buyers: int
    revenue_fen: int

    @property
    def rate(self) -> float | None:
        return self.buyers / self.customers if self.customers else None

    @property
    def revenue_per_customer_fen(self) -> float | None:
        return self.revenue_fen / self.customers if self.customers else None

    def to_json(self) -> dict:
        return {"customers": self.customers, "buyers": self.buyers,
                "revenue_fen": self.revenue_fen,
                "rate": None if self.rate is None else round(self.rate, 4)}


@dataclass(frozen=True)
class Lift:
    difference: float | None  # target rate − control rate
    low: float | None
    high: float | None
    revenue_per_customer_fen: float | None  # target − control, per customer
    revenue_low: float | None
    revenue_high: float | None

    def to_json(self) -> dict:
        def r(v, n=4):
            return None if v is None else round(v, n)
        return {"difference": r(self.difference), "ci95": [r(self.low), r(self.high)],
                "revenue_per_customer_fen": r(self.revenue_per_customer_fen, 1),
                "revenue_ci95_fen": [r(self.revenue_low, 1), r(self.revenue_high, 1)]}


@dataclass
class Evaluation:
    name: str
    channel: str
    launched_on: date
    window_end: date
    targeted: int
    excluded: dict[str, int]
    control: Arm
    target: Arm
    contacted: int
    responded: int
    outcomes: dict[str, int]
    lift: Lift
    cost: dict = field(default_factory=dict)
    per_tier: dict[str, dict] = field(default_factory=dict)

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.contacted if self.contacted else None

    def to_json(self) -> dict:
        return {"name": self.name, "channel": self.channel,
                "launched_on": self.launched_on.isoformat(),
                "window_end": self.window_end.isoformat(), "targeted": self.targeted,
                "excluded_by_consent": self.excluded.get("withdrawn", 0)
                + self.excluded.get("no_consent", 0),
                "excluded": self.excluded, "control": self.control.customers,
                "contacted": self.contacted, "responded": self.responded,
                "response_rate": None if self.response_rate is None
                else round(self.response_rate, 4),
                "outcomes": self.outcomes,
                "revenue_after_fen": self.target.revenue_fen,
                "control_revenue_after_fen": self.control.revenue_fen,
                # the same figures under the words (fen, like every amount)
                "revenue_after": self.target.revenue_fen,
                "control_revenue_after": self.control.revenue_fen,
                "target_group": self.target.to_json(), "control_group": self.control.to_json(),
                "lift": self.lift.to_json(), "cost": self.cost, "per_tier": self.per_tier}


def _lift(t: Arm, c: Arm, t_values: list[int], c_values: list[int]) -> Lift:
    if not t.customers or not c.customers:
        return Lift(None, None, None, None, None, None)
    pt, pc = t.rate, c.rate
    diff = pt - pc
    se = math.sqrt(pt * (1 - pt) / t.customers + pc * (1 - pc) / c.customers)
    mt, mc = t.revenue_fen / t.customers, c.revenue_fen / c.customers
    vt = _variance(t_values, t.customers, mt)
    vc = _variance(c_values, c.customers, mc)
    rse = math.sqrt(vt / t.customers + vc / c.customers)
    return Lift(diff, diff - Z95 * se, diff + Z95 * se, mt - mc,
                mt - mc - Z95 * rse, mt - mc + Z95 * rse)


def _variance(values: list[int], n: int, mean: float) -> float:
    """Sample variance of n per-customer revenues, `values` being the non-zero ones."""
    if n < 2:
        return 0.0
    squares = sum((v - mean) ** 2 for v in values) + (n - len(values)) * mean ** 2
    return squares / (n - 1)


def _revenue(session: Session, ids: list[int], start: date, end: date) -> dict[int, int]:
    """Customer → net revenue over [start, end] (only those who bought, net > 0)."""
    out: dict[int, int] = {}
    for i in range(0, len(ids), 900):
        for cid, total in session.execute(
                select(Purchase.customer_id, func.sum(Purchase.amount_fen))
                .where(Purchase.customer_id.in_(ids[i:i + 900]),
                       Purchase.purchased_on >= start, Purchase.purchased_on <= end)
                .group_by(Purchase.customer_id)):
            if total and total > 0:
                out[cid] = int(total)
    return out


def evaluate(session: Session, name: str, *, today: date | None = None) -> Evaluation:
    d = define.get(session, name)
    if d.launched_at is None:
        raise InvalidInput(f"“{name}” has not been launched yet: there is nothing to "
                           "evaluate.", f"活动“{name}”尚未启动，无法评估效果。")
    outcome.sync(session, d.id)
    members = session.execute(
        select(CampaignMember.customer_id, CampaignMember.grp, CampaignMember.reason,
               CampaignMember.tier, CampaignMember.outcome, Reminder.completed_at)
        .outerjoin(Reminder, Reminder.id == CampaignMember.reminder_id)
        .where(CampaignMember.campaign_id == d.id)).all()
    start = d.launched_at.date()
    # Purchases over the whole window; it is said to run up to today while it lasts
    # (`today` given: that day's view, for a report of an earlier date).
    end = start + timedelta(days=d.window_days)
    if today is not None:
        end = min(end, today)
    shown_end = max(start, min(end, date.today()))
    ids = [m.customer_id for m in members if m.grp in (TARGET, CONTROL)]
    revenue = _revenue(session, ids, start, end)
    arms = {TARGET: [], CONTROL: []}
    tiers: dict[str, dict[str, list[int]]] = defaultdict(lambda: {TARGET: [], CONTROL: []})
    excluded: dict[str, int] = defaultdict(int)
    outcomes: dict[str, int] = dict.fromkeys(outcome.OUTCOMES, 0)
    contacted = responded = 0
    for m in members:
        if m.grp == LEFT_OUT:
            excluded[m.reason or ""] += 1
            continue
        arms[m.grp].append(m.customer_id)
        tiers[m.tier or "none"][m.grp].append(m.customer_id)
        if m.grp == TARGET:
            reached = m.completed_at is not None or d.channel not in define.CALL_CHANNELS
            contacted += reached or m.outcome is not None
            if m.outcome:
                outcomes[m.outcome] += 1
                responded += m.outcome in outcome.RESPONDED

    def arm(group: list[int]) -> tuple[Arm, list[int]]:
        values = [revenue[c] for c in group if c in revenue]
        return Arm(len(group), len(values), sum(values)), values

    (t, tv), (c, cv) = arm(arms[TARGET]), arm(arms[CONTROL])
    per_tier = {}
    for tier, groups in sorted(tiers.items()):
        (ta, tav), (ca, cav) = arm(groups[TARGET]), arm(groups[CONTROL])
        per_tier[tier] = {"target_group": ta.to_json(), "control_group": ca.to_json(),
                          "lift": _lift(ta, ca, tav, cav).to_json()}
    result = Evaluation(name, d.channel, start, shown_end, len(members), dict(excluded), c, t,
                        contacted, responded, outcomes, _lift(t, c, tv, cv),
                        per_tier=per_tier)
    result.cost = _cost(session, d)
    return result


def _cost(session: Session, d: define.Definition) -> dict:
    """What the offer cost (coupons used, their value), when there was one."""
    if not d.offer:
        return {}
    from app.services.campaigns import offer

    return offer.cost(session, d)
