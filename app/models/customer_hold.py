"""A storage-only hold (PIPL Art. 47 ¶2, e.g. a bank's statutory retention): while it
lasts the customer's data is kept but not processed — no lists to contact, no plans, no
exports — and cannot be erased. Released holds stay as history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class CustomerHold(Base):
    __tablename__ = "customer_hold"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    until: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=now)
    created_by: Mapped[str | None] = mapped_column(String(100))
    released_at: Mapped[datetime | None]
    released_by: Mapped[str | None] = mapped_column(String(100))
