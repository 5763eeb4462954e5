"""Groups discovered in the data (segments.discover): one row per run with the groups'
descriptions and figures, and each active buyer's group in the latest run (a saved
segment `cluster=ID` reads it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class ClusterRun(Base):
    __tablename__ = "cluster_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(default=now)
    k: Mapped[int]
    silhouette: Mapped[float]
    used_clv: Mapped[bool]
    customers: Mapped[int]
    clusters: Mapped[list] = mapped_column(JSON, default=list)  # Cluster fields, both languages


class CustomerCluster(Base):
    """Only the latest run's groups: a new run replaces every row."""

    __tablename__ = "customer_cluster"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    cluster_id: Mapped[int] = mapped_column(index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("cluster_run.id", ondelete="CASCADE"),
                                        index=True)
