"""One applied import: enough to recognise the same file again and to undo it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(default=now)
    status: Mapped[str] = mapped_column(String(12), default="applied")  # applied | undone
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    # Created ids and previous field values of updated rows, per table.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    undone_at: Mapped[datetime | None]
