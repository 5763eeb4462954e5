"""A coupon: a code worth an amount (fen) or a percentage off, valid between two days,
owned by one customer; using it links it to a purchase."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Fen, now


class Coupon(Base):
    __tablename__ = "coupon"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    value_fen: Mapped[int | None] = mapped_column(Fen)
    percent_off: Mapped[int | None]
    valid_from: Mapped[date]
    valid_until: Mapped[date]
    source: Mapped[str] = mapped_column(String(120), default="")  # segment, reward…
    issued_at: Mapped[datetime] = mapped_column(default=now)
    issued_by: Mapped[str | None] = mapped_column(String(100))
    used_at: Mapped[datetime | None]
    purchase_id: Mapped[int | None] = mapped_column(
        ForeignKey("purchase.id", ondelete="SET NULL"))

    __table_args__ = (
        CheckConstraint("(value_fen IS NULL) != (percent_off IS NULL)",
                        name="value_or_percent"),
        CheckConstraint("value_fen IS NULL OR value_fen > 0", name="value_positive"),
        CheckConstraint("percent_off IS NULL OR (percent_off > 0 AND percent_off < 100)",
                        name="percent_range"),
    )
