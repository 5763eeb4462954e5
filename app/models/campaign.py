"""Campaigns (services.campaigns): a target, a channel, a period, an offer and a script,
with a hold-out control group; each customer of the target is a member in one group —
contacted (target), held out (control) or left out with the reason (excluded)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class Campaign(Base):
    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    segment: Mapped[str | None] = mapped_column(String(100))  # a saved segment's name …
    filter: Mapped[str | None] = mapped_column(Text)  # … or a filter expression
    channel: Mapped[str] = mapped_column(String(16))  # phone | sms | wechat | visit
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    offer: Mapped[dict | None] = mapped_column(JSON)  # {"coupon_value_fen", "coupon_until"}
    script: Mapped[str | None] = mapped_column(Text)
    control_pct: Mapped[int] = mapped_column(default=10)
    seed: Mapped[int]
    window_days: Mapped[int] = mapped_column(default=30)  # purchases counted after launch
    created_at: Mapped[datetime] = mapped_column(default=now)
    created_by: Mapped[str | None] = mapped_column(String(100))
    launched_at: Mapped[datetime | None]


class CampaignMember(Base):
    __tablename__ = "campaign_member"
    __table_args__ = (Index("ix_campaign_member_campaign_group", "campaign_id", "grp"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    grp: Mapped[str] = mapped_column(String(12))  # target | control | excluded
    reason: Mapped[str | None] = mapped_column(String(40))  # why excluded (a code)
    tier: Mapped[str | None] = mapped_column(String(16))  # the value tier at launch
    owner: Mapped[str | None] = mapped_column(String(100))
    reminder_id: Mapped[int | None] = mapped_column(
        ForeignKey("reminder.id", ondelete="SET NULL"))
    coupon_id: Mapped[int | None] = mapped_column(  # the offer's coupon, when there is one
        ForeignKey("coupon.id", ondelete="SET NULL"))
    outcome: Mapped[str | None] = mapped_column(String(16))  # interested | declined | …
    outcome_at: Mapped[datetime | None]
