"""A customer's current value tier and lifecycle stage: one row per customer.
`tier_snapshot` keeps the history of changes; this table exists so that the list,
exports and charts can filter and count by tier through an index.

Only what stays true from one day to the next is stored, so a daily recompute
rewrites just the customers whose figures really changed: the day-dependent
figures (days since the last purchase, churn risk) are derived when read, from
the latest run's date (`tier_run`), `last_purchase`, `rhythm_days` and
`churned_after_days`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Fen


class CustomerTier(Base):
    __tablename__ = "customer_tier"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True
    )
    value_tier: Mapped[str | None] = mapped_column(String(8), index=True)  # None = potential
    lifecycle_stage: Mapped[str] = mapped_column(String(12), index=True)
    frequency: Mapped[int] = mapped_column(default=0)
    monetary_fen: Mapped[int] = mapped_column(Fen, default=0)
    first_purchase: Mapped[date | None]
    last_purchase: Mapped[date | None]
    r_score: Mapped[int | None]
    f_score: Mapped[int | None]
    m_score: Mapped[int | None]
    abc_class: Mapped[str | None] = mapped_column(String(1))
    rhythm_days: Mapped[int | None]  # the usual gap between purchases
    churned_after_days: Mapped[int | None]  # silent this long: churned (risk reaches 1)
    reason: Mapped[str] = mapped_column(Text, default="")  # JSON, without day counts
    # A fingerprint of the stored figures (tier_compute.TierTable.digest): a recompute
    # compares these instead of reading every row back.
    digest: Mapped[int] = mapped_column(Fen, default=0)
    changed_at: Mapped[datetime]  # when this row last changed
    rule_set_id: Mapped[int | None] = mapped_column(ForeignKey("rule_set.id", ondelete="SET NULL"))


class TierRun(Base):
    """One recompute: the date it was computed as of. The latest run dates the
    current rows."""

    __tablename__ = "tier_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[date]
    computed_at: Mapped[datetime]
    rule_set_id: Mapped[int | None] = mapped_column(ForeignKey("rule_set.id", ondelete="SET NULL"))
    customers: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)  # rows rewritten
    snapshots: Mapped[int] = mapped_column(default=0)  # tier or stage changes
