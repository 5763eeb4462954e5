"""clv_run, customer_clv: predicted customer value per as-of date

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # New tables only: `customer` (and its FTS triggers) is not touched.
    op.create_table(
        "clv_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("customers", sa.Integer(), nullable=False),
        sa.Column("repeat_buyers", sa.Integer(), nullable=False),
        sa.Column("horizon_days", sa.Integer(), nullable=False),
        sa.Column("discount_rate", sa.Double(), nullable=False),
        sa.Column("r", sa.Double(), nullable=False),
        sa.Column("alpha", sa.Double(), nullable=False),
        sa.Column("a", sa.Double(), nullable=False),
        sa.Column("b", sa.Double(), nullable=False),
        sa.Column("log_likelihood", sa.Double(), nullable=False),
        sa.Column("p", sa.Double(), nullable=False),
        sa.Column("q", sa.Double(), nullable=False),
        sa.Column("gamma", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clv_run")),
        sa.UniqueConstraint("as_of", name=op.f("uq_clv_run_as_of")),
    )
    op.create_table(
        "customer_clv",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.Integer(), nullable=False),
        sa.Column("recency_days", sa.Integer(), nullable=False),
        sa.Column("age_days", sa.Integer(), nullable=False),
        sa.Column("repeat_spend_fen", sa.Integer(), nullable=False),
        sa.Column("p_alive", sa.Double(), nullable=False),
        sa.Column("expected_purchases", sa.Double(), nullable=False),
        sa.Column("expected_spend_fen", sa.Integer(), nullable=False),
        sa.Column("clv_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE",
                                name=op.f("fk_customer_clv_customer_id_customer")),
        sa.ForeignKeyConstraint(["run_id"], ["clv_run.id"], ondelete="CASCADE",
                                name=op.f("fk_customer_clv_run_id_clv_run")),
        sa.PrimaryKeyConstraint("as_of", "customer_id", name=op.f("pk_customer_clv")),
    )
    op.create_index("ix_customer_clv_as_of_clv", "customer_clv",
                    ["as_of", "clv_fen", "customer_id"])
    op.create_index("ix_customer_clv_customer", "customer_clv", ["customer_id"])
    op.create_index(op.f("ix_customer_clv_run_id"), "customer_clv", ["run_id"])


def downgrade() -> None:
    op.drop_table("customer_clv")
    op.drop_table("clv_run")
