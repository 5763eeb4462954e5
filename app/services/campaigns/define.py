"""A campaign's definition: checked once, stored, read back by name."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.i18n import pick
from app.models import Campaign
from app.services import audit
from app.services.segments import expr
from app.services.segments import service as segments

# Channel → (English, 中文, the consent purpose it needs; None: none asked).
CHANNELS: dict[str, tuple[str, str, str | None]] = {
    "phone": ("phone call", "电话", "marketing_phone"),
    "sms": ("SMS", "短信", "marketing_sms"),
    "wechat": ("WeChat", "微信", "marketing_wechat"),
    "visit": ("visit", "上门拜访", None),  # in person, asked face to face
}
CALL_CHANNELS = ("phone", "visit")  # reminders for the owners; the others: a list
MAX_CONTROL_PCT = 50


@dataclass(frozen=True)
class Definition:
    id: int
    name: str
    segment: str | None
    filter: str | None
    channel: str
    starts_on: date
    ends_on: date
    offer: dict | None
    script: str
    control_pct: int
    seed: int
    window_days: int
    launched_at: datetime | None

    @property
    def target_text(self) -> str:
        if self.segment:
            return pick(f"segment {self.segment}", f"分群 {self.segment}")
        return pick(f"filter {self.filter}", f"条件 {self.filter}")

    def to_json(self) -> dict:
        return {"name": self.name, "segment": self.segment, "filter": self.filter,
                "channel": self.channel, "from": self.starts_on.isoformat(),
                "to": self.ends_on.isoformat(), "offer": self.offer, "script": self.script,
                "control_pct": self.control_pct, "seed": self.seed,
                "window_days": self.window_days,
                "launched_at": self.launched_at.isoformat(sep=" ") if self.launched_at
                else None}


def _definition(c: Campaign) -> Definition:
    return Definition(c.id, c.name, c.segment, c.filter, c.channel, c.starts_on, c.ends_on,
                      c.offer, c.script or "", c.control_pct, c.seed, c.window_days,
                      c.launched_at)


def check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        raise InvalidInput(f"Unknown channel “{channel}”; one of {', '.join(CHANNELS)}.",
                           f"没有“{channel}”这种活动渠道；可选：{'、'.join(CHANNELS)}。")
    return channel


def create(session: Session, name: str, *, segment: str | None = None,
           filter: str | None = None, channel: str, starts_on: date, ends_on: date,
           control_pct: int = 10, offer: dict | None = None, script: str | None = None,
           window_days: int = 30, seed: int | None = None) -> Definition:
    """Store a new campaign (not launched). Every check first: nothing is written on
    bad input."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput("A campaign needs a name of 1 to 100 characters.",
                           "活动名称须为 1 到 100 个字符。")
    if session.scalar(select(Campaign.id).where(Campaign.name == name)) is not None:
        raise InvalidInput(f"A campaign named “{name}” exists already.",
                           f"已有名为“{name}”的活动。")
    if bool(segment) == bool(filter):
        raise InvalidInput("Give the target as a saved segment (--segment) or a filter "
                           "(--filter), one of the two.",
                           "请指定目标客户：已保存的分群（--segment）或筛选条件（--filter），二选一。")
    if segment:
        segments.get(session, segment)  # NotFound names it
    else:
        filter = expr.normal(filter)  # a bad expression names its wrong part
    check_channel(channel)
    if ends_on < starts_on:
        raise InvalidInput(f"The campaign ends ({ends_on}) before it starts ({starts_on}).",
                           f"活动结束日期（{ends_on}）早于开始日期（{starts_on}）。")
    if isinstance(control_pct, bool) or not isinstance(control_pct, int) \
            or not 0 <= control_pct <= MAX_CONTROL_PCT:
        raise InvalidInput(f"The control group is 0 to {MAX_CONTROL_PCT} % of the target, "
                           f"not {control_pct}.",
                           f"对照组须占目标客户的 0 到 {MAX_CONTROL_PCT}%，而不是 {control_pct}。")
    if isinstance(window_days, bool) or not isinstance(window_days, int) \
            or not 1 <= window_days <= 365:
        raise InvalidInput("Purchases are counted 1 to 365 days after the contact.",
                           "效果评估期须为联系后的 1 到 365 天。")
    offer = _checked_offer(offer, starts_on)
    row = Campaign(name=name, segment=segment or None, filter=filter or None,
                   channel=channel, starts_on=starts_on, ends_on=ends_on, offer=offer,
                   script=(script or "").strip() or None, control_pct=control_pct,
                   seed=seed if seed is not None else secrets.randbelow(2**31),
                   window_days=window_days, created_by=audit.current_user())
    session.add(row)
    session.flush()
    audit.record(session, "campaign.create", "campaign", row.id,
                 {"name": name, "channel": channel, "target": segment or filter,
                  "control_pct": control_pct, "seed": row.seed})
    return _definition(row)


def _checked_offer(offer: dict | None, starts_on: date) -> dict | None:
    if not offer:
        return None
    value = offer.get("coupon_value_fen")
    until = offer.get("coupon_until")
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidInput("A coupon offer needs a value above ¥0.",
                           "优惠券的面值须大于 0 元。")
    if until is None:
        raise InvalidInput("A coupon offer needs a last day of validity.",
                           "优惠券需要有效期截止日期。")
    until = date.fromisoformat(str(until))
    if until < starts_on:
        raise InvalidInput(f"The coupon would end ({until}) before the campaign starts.",
                           f"优惠券有效期（{until}）早于活动开始日期。")
    return {"coupon_value_fen": value, "coupon_until": until.isoformat()}


def row(session: Session, name: str) -> Campaign:
    found = session.scalar(select(Campaign).where(Campaign.name == name))
    if found is None:
        raise NotFound(f"There is no campaign named “{name}”.", f"没有名为“{name}”的活动。")
    return found


def get(session: Session, name: str) -> Definition:
    return _definition(row(session, name))


def listing(session: Session) -> list[Definition]:
    return [_definition(c) for c in session.scalars(select(Campaign).order_by(Campaign.id))]


def target_condition(session: Session, d: Definition):
    """The SQL condition on Customer of the campaign's target (evaluated now)."""
    if d.segment:
        return segments.condition(session, d.segment)
    return expr.where(expr.parse(d.filter))
