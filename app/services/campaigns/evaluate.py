"""A campaign's result: how many were targeted, excluded (and why), held out, contacted
and responded (bought in the `response_days` after the launch), the revenue of the
target and control groups in that window (also per value tier), and the lift — the
target's revenue per customer over the control's — with the difference in response
rates and its 95 % interval (normal approximation: a simple, honest first look, not a
test)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import CampaignMember, ContactEvent, Coupon, CustomerTier, Purchase
from app.services.campaigns.service import find

CHUNK = 500


@dataclass(frozen=True)
class CampaignReport:
    name: str
    channel: str
    launched: bool
    targeted: int
    excluded: dict[str, int]
    control: int
    contacted: int
    responded: int
    control_responded: int
    revenue_after_fen: int  # the target group's purchases in the window
    control_revenue_after_fen: int
    lift: float | None  # revenue per target customer / per control customer − 1
    response_diff: float | None  # target response rate − control response rate
    response_diff_ci: tuple[float, float] | None  # 95 %
    coupons_used: int
    coupon_value_used_fen: int  # the fixed-value coupons used (percentages: counted only)
    # value tier ("" none) → {"target", "responded", "revenue_fen", "control",
    # "control_responded", "control_revenue_fen"}
    by_tier: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict:
        out = asdict(self)
        out["response_diff_ci"] = list(self.response_diff_ci) if self.response_diff_ci else None
        return out


def _spent(session: Session, ids: list[int], start, end) -> dict[int, int]:
    """Customer of `ids` → the net amount of their purchases in [start, end] (fen)."""
    out: dict[int, int] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        out.update((cid, int(total or 0)) for cid, total in session.execute(
            select(Purchase.customer_id, func.sum(Purchase.amount_fen))
            .where(Purchase.customer_id.in_(chunk), Purchase.purchased_on >= start,
                   Purchase.purchased_on <= end).group_by(Purchase.customer_id)))
    return out


def _tiers(session: Session, ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i in range(0, len(ids), CHUNK):
        out.update((cid, tier or "") for cid, tier in session.execute(
            select(CustomerTier.customer_id, CustomerTier.value_tier)
            .where(CustomerTier.customer_id.in_(ids[i:i + CHUNK]))))
    return out


def _by_tier(tiers: dict[int, str], target: list[int], control: list[int],
             spent: dict[int, int]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for group, ids, prefix in (("target", target, ""), ("control", control, "control_")):
        for cid in ids:
            row = out.setdefault(tiers.get(cid, ""), dict.fromkeys(
                ("target", "responded", "revenue_fen", "control", "control_responded",
                 "control_revenue_fen"), 0))
            row[group] += 1
            row[f"{prefix}responded"] += spent.get(cid, 0) > 0
            row[f"{prefix}revenue_fen"] += spent.get(cid, 0)
    return out


def report(session: Session, name: str) -> CampaignReport:
    c = find(session, name)
    rows = session.execute(select(CampaignMember.customer_id, CampaignMember.group,
                                  CampaignMember.reason, CampaignMember.coupon_id)
                           .where(CampaignMember.campaign_id == c.id)).all()
    target = [r[0] for r in rows if r[1] == "target"]
    control = [r[0] for r in rows if r[1] == "control"]
    excluded: dict[str, int] = {}
    for r in rows:
        if r[1] == "excluded":
            excluded[r[2]] = excluded.get(r[2], 0) + 1
    if c.launched_at is None:
        return CampaignReport(c.name, c.channel, False, 0, {}, 0, 0, 0, 0, 0, 0, None, None,
                              None, 0, 0)
    start = c.launched_at.date()
    end = start + timedelta(days=c.response_days)
    if c.channel in ("sms", "wechat"):
        contacted = len(target)  # the list went out at the launch
    else:
        contacted = 0
        until = datetime.combine(c.ends_on, time.max)
        for i in range(0, len(target), CHUNK):
            contacted += int(session.scalar(
                select(func.count(func.distinct(ContactEvent.customer_id))).where(
                    ContactEvent.customer_id.in_(target[i:i + CHUNK]),
                    ContactEvent.occurred_at >= c.launched_at,
                    ContactEvent.occurred_at <= until)) or 0)
    spent = _spent(session, target + control, start, end)
    responded = sum(spent.get(cid, 0) > 0 for cid in target)
    revenue = sum(spent.get(cid, 0) for cid in target)
    c_responded = sum(spent.get(cid, 0) > 0 for cid in control)
    c_revenue = sum(spent.get(cid, 0) for cid in control)
    lift = None
    if target and control and c_revenue > 0:
        lift = (revenue / len(target)) / (c_revenue / len(control)) - 1
    diff = ci = None
    if target and control:
        rt, rc = responded / len(target), c_responded / len(control)
        diff = rt - rc
        se = math.sqrt(rt * (1 - rt) / len(target) + rc * (1 - rc) / len(control))
        ci = (diff - 1.96 * se, diff + 1.96 * se)
    coupon_ids = [r[3] for r in rows if r[3] is not None]
    used, value = 0, 0
    for i in range(0, len(coupon_ids), CHUNK):
        n, v = session.execute(select(func.count(), func.coalesce(func.sum(Coupon.value_fen), 0))
                               .where(Coupon.id.in_(coupon_ids[i:i + CHUNK]),
                                      Coupon.used_at.is_not(None))).one()
        used, value = used + int(n), value + int(v)
    return CampaignReport(c.name, c.channel, True, len(rows), excluded, len(control),
                          contacted, responded, c_responded, revenue, c_revenue, lift, diff, ci,
                          used, value,
                          _by_tier(_tiers(session, target + control), target, control, spent))
