"""customer_tier and tier_run: the current tier and stage per customer, and the runs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_tier",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("value_tier", sa.String(length=8), nullable=True),
        sa.Column("lifecycle_stage", sa.String(length=12), nullable=False),
        sa.Column("frequency", sa.Integer(), nullable=False),
        sa.Column("monetary_fen", sa.Integer(), nullable=False),
        sa.Column("first_purchase", sa.Date(), nullable=True),
        sa.Column("last_purchase", sa.Date(), nullable=True),
        sa.Column("r_score", sa.Integer(), nullable=True),
        sa.Column("f_score", sa.Integer(), nullable=True),
        sa.Column("m_score", sa.Integer(), nullable=True),
        sa.Column("abc_class", sa.String(length=1), nullable=True),
        sa.Column("rhythm_days", sa.Integer(), nullable=True),
        sa.Column("churned_after_days", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("digest", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("rule_set_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE",
                                name=op.f("fk_customer_tier_customer_id_customer")),
        sa.ForeignKeyConstraint(["rule_set_id"], ["rule_set.id"], ondelete="SET NULL",
                                name=op.f("fk_customer_tier_rule_set_id_rule_set")),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_tier")),
    )
    with op.batch_alter_table("customer_tier") as batch:
        batch.create_index(batch.f("ix_customer_tier_value_tier"), ["value_tier"])
        batch.create_index(batch.f("ix_customer_tier_lifecycle_stage"), ["lifecycle_stage"])
    op.create_table(
        "tier_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("rule_set_id", sa.Integer(), nullable=True),
        sa.Column("customers", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("snapshots", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["rule_set_id"], ["rule_set.id"], ondelete="SET NULL",
                                name=op.f("fk_tier_run_rule_set_id_rule_set")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tier_run")),
    )


def downgrade() -> None:
    op.drop_table("tier_run")
    op.drop_table("customer_tier")
