"""Creating and finding campaigns; bad input is refused with what to change."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import Campaign
from app.models.base import now
from app.models.campaign import CAMPAIGN_CHANNELS
from app.services import audit

CHANNEL_WORDS = {"phone": ("phone", "电话"), "sms": ("SMS", "短信"),
                 "wechat": ("WeChat", "微信"), "visit": ("visit", "上门拜访")}
# The consent each channel needs (privacy.consent): a visit is arranged by phone.
CONSENT_FOR = {"phone": "marketing_phone", "visit": "marketing_phone",
               "sms": "marketing_sms", "wechat": "marketing_wechat"}


@dataclass(frozen=True)
class CampaignRow:
    id: int
    name: str
    segment: str
    channel: str
    starts_on: date
    ends_on: date
    control_pct: int
    seed: int
    coupon_value_fen: int | None
    coupon_percent: int | None
    script: str
    response_days: int
    launched_at: datetime | None

    def to_json(self) -> dict:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, date | datetime):
                out[key] = value.isoformat()
        return out


def row_of(c: Campaign) -> CampaignRow:
    return CampaignRow(c.id, c.name, c.segment, c.channel, c.starts_on, c.ends_on,
                       c.control_pct, c.seed, c.coupon_value_fen, c.coupon_percent, c.script,
                       c.response_days, c.launched_at)


def find(session: Session, name: str) -> Campaign:
    row = session.scalars(select(Campaign).where(Campaign.name == (name or "").strip())).first()
    if row is None:
        raise NotFound(f"There is no campaign {name!r}.", f"没有名为“{name}”的活动。")
    return row


def create(session: Session, name: str, *, segment: str, channel: str, starts_on: date,
           ends_on: date, control_pct: int = 10, coupon_value_fen: int | None = None,
           coupon_percent: int | None = None, script: str = "", response_days: int = 30,
           seed: int | None = None, actor: str | None = None) -> CampaignRow:
    from app.services.segments import service as segments

    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput("A campaign needs a name (at most 100 characters).",
                           "活动须有名称（最多 100 个字）。")
    if session.scalar(select(Campaign.id).where(Campaign.name == name)) is not None:
        raise InvalidInput(f"There is a campaign named {name!r} already.",
                           f"已有名为“{name}”的活动。")
    segments.get(session, segment)  # a saved segment, or NotFound saying so
    if channel not in CAMPAIGN_CHANNELS:
        raise InvalidInput(f"The channel is one of {', '.join(CAMPAIGN_CHANNELS)}, "
                           f"not {channel!r}.", f"渠道须为 {'、'.join(CAMPAIGN_CHANNELS)} 之一，"
                           f"而不是 {channel!r}。")
    if ends_on < starts_on:
        raise InvalidInput(f"The campaign would end ({ends_on}) before it starts ({starts_on}).",
                           f"活动结束日（{ends_on}）早于开始日（{starts_on}）。")
    if not 0 <= control_pct <= 50:
        raise InvalidInput("The control group is 0 to 50 % of the segment.",
                           "对照组占比须在 0% 到 50% 之间。")
    if coupon_value_fen is not None and coupon_percent is not None:
        raise InvalidInput("Offer a coupon worth an amount or a discount, not both.",
                           "优惠券只能指定面值或折扣之一。")
    if coupon_value_fen is not None and coupon_value_fen <= 0:
        raise InvalidInput("A coupon's value must be above ¥0.00.", "优惠券面值必须大于 ¥0.00。")
    if coupon_percent is not None and not 0 < coupon_percent < 100:
        raise InvalidInput("A discount is a percentage from 1 to 99.",
                           "折扣须为 1 到 99 之间的百分比。")
    if not 1 <= response_days <= 365:
        raise InvalidInput("Purchases are counted 1 to 365 days after the contact.",
                           "联系后统计购买的天数须在 1 到 365 之间。")
    actor = actor or audit.current_user()
    row = Campaign(name=name, segment=segment, channel=channel, starts_on=starts_on,
                   ends_on=ends_on, control_pct=control_pct,
                   seed=seed if seed is not None else secrets.randbelow(2**31),
                   coupon_value_fen=coupon_value_fen, coupon_percent=coupon_percent,
                   script=script or "", response_days=response_days, created_at=now(),
                   created_by=actor)
    session.add(row)
    session.flush()
    audit.record(session, "campaign.create", "campaign", row.id,
                 {"name": name, "segment": segment, "channel": channel,
                  "from": starts_on.isoformat(), "to": ends_on.isoformat(),
                  "control_pct": control_pct, "seed": row.seed}, actor=actor)
    return row_of(row)
