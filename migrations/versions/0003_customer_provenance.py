"""customer_provenance: the digest of the row that created each imported customer

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Customers imported before this revision get no provenance: a re-import of their file
still finds them by their sure keys, and a row without one is held back as a possible
match of the customer with the same name (the dry run's default is to skip it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_provenance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE",
                                name=op.f("fk_customer_provenance_customer_id_customer")),
        sa.ForeignKeyConstraint(["import_batch_id"], ["import_batch.id"], ondelete="SET NULL",
                                name=op.f("fk_customer_provenance_import_batch_id_import_batch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_provenance")),
    )
    with op.batch_alter_table("customer_provenance") as batch:
        batch.create_index(batch.f("ix_customer_provenance_customer_id"), ["customer_id"])
        batch.create_index(batch.f("ix_customer_provenance_digest"), ["digest"])
        batch.create_index(batch.f("ix_customer_provenance_import_batch_id"),
                           ["import_batch_id"])


def downgrade() -> None:
    op.drop_table("customer_provenance")
