"""customer_merge, not_duplicate, customer.merged_into_id: merging duplicates, undoably

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=True),
        sa.Column("merged_ids", sa.JSON(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["kept_id"], ["customer.id"], ondelete="SET NULL",
                                name=op.f("fk_customer_merge_kept_id_customer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_merge")),
    )
    with op.batch_alter_table("customer_merge") as batch:
        batch.create_index(batch.f("ix_customer_merge_kept_id"), ["kept_id"])
    op.create_table(
        "not_duplicate",
        sa.Column("a_id", sa.Integer(), nullable=False),
        sa.Column("b_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["a_id"], ["customer.id"], ondelete="CASCADE",
                                name=op.f("fk_not_duplicate_a_id_customer")),
        sa.ForeignKeyConstraint(["b_id"], ["customer.id"], ondelete="CASCADE",
                                name=op.f("fk_not_duplicate_b_id_customer")),
        sa.PrimaryKeyConstraint("a_id", "b_id", name=op.f("pk_not_duplicate")),
    )
    with op.batch_alter_table("not_duplicate") as batch:
        batch.create_index(batch.f("ix_not_duplicate_b_id"), ["b_id"])
    # ALTER TABLE … ADD COLUMN, not a batch copy of the table: a copy would drop the
    # FTS triggers on `customer` and rewrite every row.
    # No foreign key on it (see the model): SQLite cannot add one without the copy.
    op.add_column("customer", sa.Column("merged_into_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_customer_merged_into_id"), "customer", ["merged_into_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_customer_merged_into_id"), "customer")
    op.drop_column("customer", "merged_into_id")  # SQLite ≥ 3.35: no copy either
    op.drop_table("not_duplicate")
    op.drop_table("customer_merge")
