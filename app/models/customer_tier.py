"""A customer's current value tier and lifecycle stage: one row per customer,
replaced by every recompute. `tier_snapshot` keeps the history of changes; this
table exists so that the list, exports and charts can filter and count by tier
through an index instead of picking the latest snapshot per customer."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class CustomerTier(Base):
    __tablename__ = "customer_tier"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True
    )
    value_tier: Mapped[str | None] = mapped_column(String(8), index=True)  # None = potential
    lifecycle_stage: Mapped[str] = mapped_column(String(12), index=True)
    recency_days: Mapped[int | None]
    frequency: Mapped[int] = mapped_column(default=0)
    monetary_fen: Mapped[int] = mapped_column(default=0)
    first_purchase: Mapped[date | None]
    last_purchase: Mapped[date | None]
    r_score: Mapped[int | None]
    f_score: Mapped[int | None]
    m_score: Mapped[int | None]
    abc_class: Mapped[str | None] = mapped_column(String(1))
    churn_risk: Mapped[float | None]  # a probability-like score in [0, 1], not money
    reason: Mapped[str] = mapped_column(Text, default="")
    as_of: Mapped[date]
    computed_at: Mapped[datetime]
    rule_set_id: Mapped[int | None] = mapped_column(ForeignKey("rule_set.id", ondelete="SET NULL"))
