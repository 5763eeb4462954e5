"""Where an imported customer came from: the digest of the row that created it (its
normalised identifying content, not its row number), so the next import of that file,
or of an overlapping one, recognises the row even when it carries no sure key (no
phone, ID number or birthday) and does not create the customer a second time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class CustomerProvenance(Base):
    __tablename__ = "customer_provenance"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A customer removed (undo of its import, purge) takes its provenance with it.
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(32), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now)
