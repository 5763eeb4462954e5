"""Every touch with a customer: call, visit, WeChat message, survey…"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, new_uid, now
from app.models.enums import Direction, Purpose


class ContactEvent(Base):
    __tablename__ = "contact_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(16), index=True)
    direction: Mapped[str] = mapped_column(String(8), default=Direction.OUTBOUND)
    purpose: Mapped[str] = mapped_column(String(16), default=Purpose.ROUTINE)
    summary: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[int | None]
    staff: Mapped[str | None] = mapped_column(String(100), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=now)

    __table_args__ = (
        Index("ix_contact_event_customer_time", "customer_id", "occurred_at"),
        # Time first, with the customer: see Purchase's ix_purchase_date_customer.
        Index("ix_contact_event_time_customer", "occurred_at", "customer_id"),
        CheckConstraint(
            "satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction_1_to_5"
        ),
    )
