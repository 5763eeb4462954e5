"""Tiering thresholds, revisit cadence per tier and capacity, as versioned JSON."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class RuleSet(Base):
    __tablename__ = "rule_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="default")
    version: Mapped[int] = mapped_column(default=1)
    body: Mapped[dict] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=now)

    __table_args__ = (UniqueConstraint("name", "version"),)
