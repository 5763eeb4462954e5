"""Member levels (普卡/银卡/金卡/钻石卡 or the rules' names): the current level per
customer (no row: the lowest level), and a row in `level_change` only when a customer's
level moves, with the reason (JSON figures, put in words when read)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Fen


class MemberLevel(Base):
    __tablename__ = "member_level"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(index=True)  # 0 = the lowest level
    level: Mapped[str] = mapped_column(String(20))
    points_12m: Mapped[int] = mapped_column(Fen, default=0)  # window points when the level was set
    changed_at: Mapped[datetime]
    rule_set_id: Mapped[int | None] = mapped_column(ForeignKey("rule_set.id", ondelete="SET NULL"))
