"""cluster_run, customer_cluster: groups discovered in the data

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # New tables only: `customer` (and its FTS triggers) is not touched.
    op.create_table(
        "cluster_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("silhouette", sa.Double(), nullable=False),
        sa.Column("used_clv", sa.Boolean(), nullable=False),
        sa.Column("customers", sa.Integer(), nullable=False),
        sa.Column("clusters", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_run")),
    )
    op.create_table(
        "customer_cluster",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE",
                                name=op.f("fk_customer_cluster_customer_id_customer")),
        sa.ForeignKeyConstraint(["run_id"], ["cluster_run.id"], ondelete="CASCADE",
                                name=op.f("fk_customer_cluster_run_id_cluster_run")),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_cluster")),
    )
    op.create_index(op.f("ix_customer_cluster_cluster_id"), "customer_cluster", ["cluster_id"])
    op.create_index(op.f("ix_customer_cluster_run_id"), "customer_cluster", ["run_id"])


def downgrade() -> None:
    op.drop_table("customer_cluster")
    op.drop_table("cluster_run")
