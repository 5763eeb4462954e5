"""A reward of the catalogue: a gift, a fee waiver or a coupon, for a points cost,
while the stock lasts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Fen, now

REWARD_KINDS = ("gift", "fee_waiver", "coupon")


class Reward(Base):
    __tablename__ = "reward"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(12), default="gift")
    points_cost: Mapped[int]
    stock: Mapped[int] = mapped_column(default=0)
    # A coupon reward issues a coupon worth this much (fen), valid this many days.
    coupon_value_fen: Mapped[int | None] = mapped_column(Fen)
    coupon_days: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=now)

    __table_args__ = (
        CheckConstraint("points_cost > 0", name="cost_positive"),
        CheckConstraint("stock >= 0", name="stock_not_negative"),
    )
