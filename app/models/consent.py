"""The consent ledger (PIPL Art. 13–15, 23, 29): per customer and purpose, every
consent given and withdrawn, with when, by which channel, who recorded it and the
wording shown. Entries are only ever added: a withdrawal is a new entry, so the history
of what the person agreed to stays as it was. The customer's `marketing_consent` flag
is the current state derived from it (services/privacy/consent.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class ConsentEntry(Base):
    __tablename__ = "consent_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(32))
    granted: Mapped[bool] = mapped_column(Boolean)  # False: withdrawn
    at: Mapped[datetime]  # when the person gave or withdrew it
    channel: Mapped[str] = mapped_column(String(32))
    recorded_by: Mapped[str | None] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(default=now)
    wording: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_consent_entry_customer_purpose", "customer_id", "purpose"),
                      Index("ix_consent_entry_purpose", "purpose"))
