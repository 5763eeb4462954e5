"""A follow-up to do. Generated ones carry their origin rule and an idempotency
key, so running a rule twice never creates the same reminder twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamps, Versioned
from app.models.enums import ReminderKind, ReminderStatus


class Reminder(Timestamps, Versioned, Base):
    __tablename__ = "reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(24), default=ReminderKind.MANUAL)
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=ReminderStatus.OPEN)
    owner: Mapped[str | None] = mapped_column(String(100), index=True)
    origin_rule: Mapped[str | None] = mapped_column(String(100))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    # Set when a person edits a generated reminder: re-planning then leaves it alone.
    user_modified: Mapped[bool] = mapped_column(Boolean, default=False)
    snoozed_until: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    completed_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_event.id", ondelete="SET NULL")
    )

    __table_args__ = (Index("ix_reminder_status_due", "status", "due_at"),
                      Index("ix_reminder_updated_at_version", "updated_at", "version"))  # the poll
