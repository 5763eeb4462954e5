"""points_entry: the one-entry-per-purchase rule as a named unique index, not a
constraint inside the table; purchase: a small index of the refunds (issue 19)

SQLite can drop and rebuild an index but not a table's own UNIQUE constraint. Earning a
whole ledger from scratch (a million purchases) inserts without the indexes and builds
them afterwards by one sort each, in the same transaction: far cheaper than growing
three B-trees row by row (loyalty/earn.py). Refunds (negative purchases) are few; a
partial index finds them without reading every purchase.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("points_entry") as batch:
        batch.drop_constraint("uq_points_entry_purchase_id", type_="unique")
        batch.create_index("uq_points_entry_purchase_id", ["purchase_id"], unique=True)
    op.create_index("ix_purchase_refund", "purchase", ["id"],
                    sqlite_where=sa.text("amount_fen < 0"),
                    postgresql_where=sa.text("amount_fen < 0"))


def downgrade() -> None:
    op.drop_index("ix_purchase_refund", table_name="purchase")
    with op.batch_alter_table("points_entry") as batch:
        batch.drop_index("uq_points_entry_purchase_id")
        batch.create_unique_constraint("uq_points_entry_purchase_id", ["purchase_id"])
