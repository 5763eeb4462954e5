"""A member level change of one customer, with the reason (JSON figures, put in words
when read): written only when the level moves, like tier_snapshot."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class LevelChange(Base):
    __tablename__ = "level_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    changed_at: Mapped[datetime]
    old_level: Mapped[str] = mapped_column(String(20))
    new_level: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")  # JSON figures
    rule_set_id: Mapped[int | None] = mapped_column(ForeignKey("rule_set.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_level_change_customer_time", "customer_id", "changed_at"),)
