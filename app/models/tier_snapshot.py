"""A customer's value tier and lifecycle stage as computed at one moment.
Written only when something changed; the current tier is the latest row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Fen


class TierSnapshot(Base):
    __tablename__ = "tier_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    computed_at: Mapped[datetime]
    value_tier: Mapped[str | None] = mapped_column(String(8), index=True)  # None = potential
    lifecycle_stage: Mapped[str] = mapped_column(String(12), index=True)
    recency_days: Mapped[int | None]
    frequency: Mapped[int] = mapped_column(default=0)
    monetary_fen: Mapped[int] = mapped_column(Fen, default=0)
    r_score: Mapped[int | None]
    f_score: Mapped[int | None]
    m_score: Mapped[int | None]
    abc_class: Mapped[str | None] = mapped_column(String(1))
    churn_risk: Mapped[float | None]  # a probability-like score in [0, 1], not money
    reason: Mapped[str] = mapped_column(Text, default="")
    rule_set_id: Mapped[int | None] = mapped_column(ForeignKey("rule_set.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_tier_snapshot_customer_time", "customer_id", "computed_at"),)
