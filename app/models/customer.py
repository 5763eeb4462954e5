"""The customer: the dossier's root. `uid` is the key Excel round-trips on."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, and_
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamps, Versioned, new_uid
from app.models.enums import CustomerKind


class Customer(Timestamps, Versioned, Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    # Lower-case pinyin without spaces ("zhangsan") and initials ("zs"), for search.
    name_pinyin: Mapped[str] = mapped_column(String(400), default="", index=True)
    name_initials: Mapped[str] = mapped_column(String(100), default="", index=True)
    kind: Mapped[str] = mapped_column(String(16), default=CustomerKind.INDIVIDUAL)
    gender: Mapped[str | None] = mapped_column(String(8))
    birthday: Mapped[date | None]
    birthday_lunar: Mapped[bool] = mapped_column(Boolean, default=False)
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    # Normalised: mobiles as 11 digits, landlines as 0AREA-NUMBER.
    phone: Mapped[str | None] = mapped_column(String(24), index=True)
    phone2: Mapped[str | None] = mapped_column(String(24), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    wechat: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(300))
    region: Mapped[str | None] = mapped_column(String(100), index=True)
    branch: Mapped[str | None] = mapped_column(String(100), index=True)
    owner: Mapped[str | None] = mapped_column(String(100), index=True)
    source: Mapped[str | None] = mapped_column(String(100))
    marketing_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    marketing_consent_at: Mapped[datetime | None]
    notes: Mapped[str | None] = mapped_column(Text)
    custom_fields: Mapped[dict] = mapped_column(JSON, default=dict)
    deleted_at: Mapped[datetime | None]
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL")
    )
    # A tombstone of a merge: it points to the customer it was merged into, and is kept
    # in the trash's place (deleted_at set) but never shown there, so every query that
    # skips trashed customers skips it too; an unmerge brings it back as it was.
    # Not a declared foreign key: adding one to SQLite means copying the whole table
    # (and its FTS triggers) in the migration; the merge service keeps it right.
    merged_into_id: Mapped[int | None] = mapped_column(index=True)

    __table_args__ = (
        Index("ix_customer_name_birthday", "name", "birthday"),
        # Serves both the trash filter and the default list order (by pinyin)
        # in one index walk: the first page of 100k customers needs no sort.
        Index("ix_customer_deleted_at_name_pinyin", "deleted_at", "name_pinyin"),
        # The dashboard (migration 0016): "new this month" reads the month's entries
        # of created_at instead of every customer; the tier and funnel mix reads
        # (owner, trash state, id) of every customer from this index, not the rows.
        Index("ix_customer_created_at", "created_at"),
        Index("ix_customer_owner_deleted_at", "owner", "deleted_at"),
        # The views' change poll (migration 0017): the newest write, from the index.
        Index("ix_customer_updated_at_version", "updated_at", "version"),
    )


_EPOCH = datetime(1900, 1, 1)


def in_trash():
    """`deleted_at IS NOT NULL` written as a range, so that SQLite walks the index
    over the (few) trashed rows instead of scanning the table; merge tombstones (also
    deleted) are not in the trash."""
    return and_(deleted_range(), not_merged())


def deleted_range():
    return Customer.deleted_at > _EPOCH


def not_merged():
    # `+ 0`: not a reason to walk the merged_into_id index (nearly every row is NULL).
    return (Customer.merged_into_id + 0).is_(None)
