"""Monthly roll-ups of purchases and contacts, so that the dashboard's monthly charts
read a few thousand small rows instead of scanning a million purchases and a million
contacts per open (issue 22).

Kept by database triggers (migration 0015), not by Python: every write path — the
dossier, imports and their undo, merge and unmerge, erasure, the trash — updates them
in the same transaction with nothing to forget. Only customers outside the trash
count; the customer's branch, owner and region (NULL stored as "") are part of the
key because the dashboard filters by them and a team server's branch policy reads
them; moving a customer (owner, region, branch, trash, restore) moves its counts.

Counts are only ever added to (+1 / −1): a key whose rows all went away keeps a row of
zeros, which every reader skips (`contacts != 0`). A batch migration that copies
`purchase`, `contact_event` or `customer` (SQLite batch mode) drops their triggers and
must create them again, like the FTS triggers.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

ROLLUP_TABLES = ("purchase_month", "contact_month")


class PurchaseMonth(Base):
    __tablename__ = "purchase_month"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-01"
    branch: Mapped[str] = mapped_column(String(100), primary_key=True)
    owner: Mapped[str] = mapped_column(String(100), primary_key=True)
    region: Mapped[str] = mapped_column(String(100), primary_key=True)
    purchases: Mapped[int]
    revenue_fen: Mapped[int] = mapped_column(BigInteger)  # a month's sum passes 2³¹ fen


class ContactMonth(Base):
    __tablename__ = "contact_month"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    branch: Mapped[str] = mapped_column(String(100), primary_key=True)
    owner: Mapped[str] = mapped_column(String(100), primary_key=True)
    region: Mapped[str] = mapped_column(String(100), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    # Who is credited: the contact's staff, else the customer's owner (services.dashboard).
    actor: Mapped[str] = mapped_column(String(100), primary_key=True)
    contacts: Mapped[int]
    scored: Mapped[int]  # contacts with a satisfaction score
    score_sum: Mapped[int] = mapped_column(BigInteger)
