"""The points ledger: append-only, one row per movement of a customer's points.
Never edited; the balance is the sum of `points`. An entry from a purchase carries the
purchase (unique: each purchase earns or reverses once)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Fen, now

# kind: earn (a purchase), reverse (a refund), redeem (a reward), expire, adjust (manual)
POINTS_KINDS = ("earn", "reverse", "redeem", "expire", "adjust")


class PointsEntry(Base):
    __tablename__ = "points_entry"
    # An index, not a constraint: earning from scratch drops and rebuilds it (0014).
    __table_args__ = (Index("uq_points_entry_purchase_id", "purchase_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    points: Mapped[int] = mapped_column(Fen)  # signed: + earns, − spends
    day: Mapped[date]  # the purchase's date for earn/reverse, else the day it was written
    expires_on: Mapped[date | None] = mapped_column(index=True)  # positive entries only
    purchase_id: Mapped[int | None] = mapped_column(
        ForeignKey("purchase.id", ondelete="SET NULL"))
    reward_id: Mapped[int | None] = mapped_column(ForeignKey("reward.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str | None] = mapped_column(String(100))
    rule_set_id: Mapped[int | None] = mapped_column(ForeignKey("rule_set.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)
