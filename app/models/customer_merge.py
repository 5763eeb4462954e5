"""Merges of duplicate customers, and pairs the user said are not duplicates.

A merge keeps, in `before`, everything needed to undo it exactly: every field of every
customer involved, their tags and tier rows, and which records moved from whom (by id),
so that an unmerge puts each record back with its owner and leaves with the kept
customer only what was added to it after the merge."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class CustomerMerge(Base):
    __tablename__ = "customer_merge"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer.id", ondelete="SET NULL"), index=True)
    merged_ids: Mapped[list] = mapped_column(JSON, default=list)
    merged_at: Mapped[datetime] = mapped_column(default=now)
    actor: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict] = mapped_column(JSON, default=dict)
    undone_at: Mapped[datetime | None]


class NotDuplicate(Base):
    """A pair reviewed and found to be two people (lower id first): never proposed again."""

    __tablename__ = "not_duplicate"

    a_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"),
                                      primary_key=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"),
                                      primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=now)
