"""customer, reminder, complaint: `version` and `updated_by`, so that no save silently
overwrites someone else's (issue 21)

`version` is SQLAlchemy's version_id_col: every ORM UPDATE of the row is
`… WHERE id = :id AND version = :loaded` and adds one. Rows written before this
revision start at 1. `updated_by` names who wrote the row last (the login on
PostgreSQL, the system login on the encrypted file), NULL until the next write.

An index on each table's (updated_at, version): the views' change poll
(services/changes.py) reads the newest write and the count and version sum of the rows
written at that second, every few seconds, from the index alone (never the rows).

Plain ALTER TABLE … ADD COLUMN on both engines, not a batch copy of the tables: a
copy would drop the FTS and roll-up triggers on `customer` (0015) and rewrite every
row. Row-level security (team mode) is per table, so the new columns are covered by
the policies already in place, and the grants are per table too.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TABLES = ("customer", "reminder", "complaint")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))
        op.add_column(table, sa.Column("updated_by", sa.String(length=100), nullable=True))
        op.create_index(f"ix_{table}_updated_at_version", table, ["updated_at", "version"])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_index(f"ix_{table}_updated_at_version", table_name=table)
        op.drop_column(table, "updated_by")  # SQLite ≥ 3.35: no copy either
        op.drop_column(table, "version")
