"""Predicted customer value (BG/NBD + Gamma-Gamma), one set of rows per as-of date.

`clv_run` holds each fit: its date, its parameters and how many customers it saw;
`customer_clv` the scores of every customer with a purchase by then. Only the
latest few as-of dates are kept (services.clv.store.KEEP_RUNS): every run writes a
row per buyer, so keeping every day would add 100k rows a day to the file, while
the list and charts read only the latest and a person comparing wants only the
last few. (as_of, clv_fen, customer_id) is indexed (ties in a stable order) so
that a list sorted by value pages by the index instead of sorting in Python.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Fen


class ClvRun(Base):
    __tablename__ = "clv_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[date] = mapped_column(unique=True)
    computed_at: Mapped[datetime]
    customers: Mapped[int]  # scored (with a purchase by as_of)
    repeat_buyers: Mapped[int]
    horizon_days: Mapped[int]  # of the stored clv_fen and expected_purchases
    discount_rate: Mapped[float]  # yearly
    # Time in weeks (BG/NBD); gamma in yuan (Gamma-Gamma on spend per purchase).
    r: Mapped[float]
    alpha: Mapped[float]
    a: Mapped[float]
    b: Mapped[float]
    log_likelihood: Mapped[float]  # BG/NBD
    p: Mapped[float]
    q: Mapped[float]
    gamma: Mapped[float]


class CustomerClv(Base):
    __tablename__ = "customer_clv"

    as_of: Mapped[date] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("clv_run.id", ondelete="CASCADE"),
                                        index=True)
    # The inputs (days, fen), so a prediction over another horizon needs no re-read.
    frequency: Mapped[int]  # repeat purchase days
    recency_days: Mapped[int]  # first to last purchase day (t_x)
    age_days: Mapped[int]  # first purchase to as_of (T)
    # the mean of the repeat purchase days; 0 if none
    repeat_spend_fen: Mapped[int] = mapped_column(Fen)
    p_alive: Mapped[float]
    expected_purchases: Mapped[float]
    expected_spend_fen: Mapped[int] = mapped_column(Fen)
    clv_fen: Mapped[int] = mapped_column(Fen)

    __table_args__ = (
        Index("ix_customer_clv_as_of_clv", "as_of", "clv_fen", "customer_id"),
        Index("ix_customer_clv_customer", "customer_id"),
    )
