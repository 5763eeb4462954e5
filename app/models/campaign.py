"""A campaign: a saved segment reached by one channel over a period, with an offer (a
coupon or none), a script and a hold-out control group chosen at random with a
recorded seed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now

CAMPAIGN_CHANNELS = ("phone", "sms", "wechat", "visit")


class Campaign(Base):
    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    segment: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(12))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    control_pct: Mapped[int] = mapped_column(default=10)
    seed: Mapped[int]
    coupon_value_fen: Mapped[int | None]
    coupon_percent: Mapped[int | None]
    script: Mapped[str] = mapped_column(Text, default="")
    response_days: Mapped[int] = mapped_column(default=30)  # purchases counted after contact
    created_at: Mapped[datetime] = mapped_column(default=now)
    created_by: Mapped[str | None] = mapped_column(String(100))
    launched_at: Mapped[datetime | None]
