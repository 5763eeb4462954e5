"""A complaint with its SLA deadline and status workflow."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamps, Versioned, new_uid
from app.models.enums import ComplaintSeverity, ComplaintStatus


class Complaint(Timestamps, Versioned, Base):
    __tablename__ = "complaint"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    opened_at: Mapped[datetime]
    category: Mapped[str] = mapped_column(String(50))
    severity: Mapped[str] = mapped_column(String(12), default=ComplaintSeverity.MEDIUM)
    status: Mapped[str] = mapped_column(String(12), default=ComplaintStatus.OPEN)
    description: Mapped[str] = mapped_column(Text, default="")
    deadline_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    satisfaction_after: Mapped[int | None]
    owner: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (
        Index("ix_complaint_status_deadline", "status", "deadline_at"),
        Index("ix_complaint_updated_at_version", "updated_at", "version"),  # the poll (0017)
        CheckConstraint(
            "satisfaction_after IS NULL OR satisfaction_after BETWEEN 1 AND 5",
            name="satisfaction_after_1_to_5",
        ),
    )
