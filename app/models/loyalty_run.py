"""One daily loyalty run (earn, expire, levels): how far the purchases were read, so
the next run reads only the new ones, and what it wrote."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class LoyaltyRun(Base):
    __tablename__ = "loyalty_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[date]
    computed_at: Mapped[datetime]
    purchase_mark: Mapped[int] = mapped_column(default=0)  # the highest purchase id read
    entry_mark: Mapped[int] = mapped_column(default=0)  # the highest ledger id at the end
    rule_set_id: Mapped[int | None] = mapped_column(ForeignKey("rule_set.id", ondelete="SET NULL"))
    earned: Mapped[int] = mapped_column(default=0)  # entries written
    reversed: Mapped[int] = mapped_column(default=0)
    expired: Mapped[int] = mapped_column(default=0)
    level_changes: Mapped[int] = mapped_column(default=0)
