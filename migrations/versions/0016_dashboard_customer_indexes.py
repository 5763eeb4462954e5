"""customer: created_at and (owner, deleted_at) indexes for the dashboard (issue 22)

"New this month" counted the customers created in the month by reading every customer
row (about 40 ms at 100k customers): created_at's index holds the month's few. The tier
and funnel mix reads each live customer's owner and id: from (owner, deleted_at) (and
the rowid every SQLite index carries) alone, without the wide customer rows.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customer_created_at", "customer", ["created_at"])
    op.create_index("ix_customer_owner_deleted_at", "customer", ["owner", "deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_customer_owner_deleted_at", table_name="customer")
    op.drop_index("ix_customer_created_at", table_name="customer")
