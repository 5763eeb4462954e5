"""A purchase: the input for value tiering. Money is integer fen, never float."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Fen, new_uid, now


class Purchase(Base):
    __tablename__ = "purchase"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    purchased_on: Mapped[date]
    amount_fen: Mapped[int] = mapped_column(Fen)
    product: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(100))
    quantity: Mapped[int] = mapped_column(default=1)
    channel: Mapped[str | None] = mapped_column(String(50))
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=now)

    __table_args__ = (
        Index("ix_purchase_customer_date", "customer_id", "purchased_on"),
        # Refunds are few: loyalty/earn.py finds them without reading every purchase.
        Index("ix_purchase_refund", "id", sqlite_where=text("amount_fen < 0"),
              postgresql_where=text("amount_fen < 0")),
        # Date first, with the customer: "who bought in these days" (the dashboard's
        # active customers) is read from the index alone, never a row lookup each.
        Index("ix_purchase_date_customer", "purchased_on", "customer_id"),
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
    )
