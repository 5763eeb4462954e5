"""The dashboard's campaigns table: the latest launched campaigns with their effect
against the control group (services.campaigns.evaluate), newest launch first. All
campaigns of the file, whatever the dashboard's owner and region: a campaign's
control group is drawn from its whole target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.services.campaigns import define, evaluate

LATEST = 5


@dataclass(frozen=True)
class CampaignLift:
    name: str
    channel: str
    launched_on: date
    window_end: date
    contacted: int
    control: int
    target_rate: float | None  # share of the target group who bought
    control_rate: float | None
    lift: float | None  # target_rate − control_rate
    low: float | None  # its 95 % interval
    high: float | None
    revenue_lift_fen: float | None  # per customer


def latest(session: Session, limit: int = LATEST,
           today: date | None = None) -> list[CampaignLift]:
    """The `limit` newest launched campaigns. Evaluating brings the outcomes logged in
    the agenda along: call it in a session that is rolled back, it only reads."""
    launched = [d for d in define.listing(session) if d.launched_at is not None]
    launched.sort(key=lambda d: (d.launched_at, d.id), reverse=True)
    out = []
    for d in launched[:limit]:
        e = evaluate.evaluate(session, d.name, today=today)
        out.append(CampaignLift(e.name, e.channel, e.launched_on, e.window_end, e.contacted,
                                e.control.customers, e.target.rate, e.control.rate,
                                e.lift.difference, e.lift.low, e.lift.high,
                                e.lift.revenue_per_customer_fen))
    return out
