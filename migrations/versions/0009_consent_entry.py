"""consent_entry: the consent ledger; each customer's marketing flag becomes its first
entries

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

MARKETING = ("marketing_phone", "marketing_sms", "marketing_wechat")


def upgrade() -> None:
    op.create_table(
        "consent_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("wording", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_consent_entry_customer_id_customer"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_entry")),
    )
    op.create_index("ix_consent_entry_customer_purpose", "consent_entry",
                    ["customer_id", "purpose"])
    op.create_index("ix_consent_entry_purpose", "consent_entry", ["purpose"])
    # The flag said "agrees to marketing messages" without saying by which channel:
    # it becomes a grant of each marketing purpose, dated as the flag was.
    moment = datetime.now().replace(microsecond=0)  # local time, as the app writes it
    for purpose in MARKETING:
        op.execute(sa.text(
            "INSERT INTO consent_entry (customer_id, purpose, granted, at, channel, "
            "recorded_by, recorded_at, wording) "
            "SELECT id, :purpose, :yes, coalesce(marketing_consent_at, created_at), "
            "'migration', NULL, :recorded_at, :wording FROM customer "
            "WHERE marketing_consent = :yes").bindparams(
            # A bound Boolean: 1 on SQLite, true on PostgreSQL (boolean <> integer there).
            sa.bindparam("yes", True, type_=sa.Boolean()),
            sa.bindparam("recorded_at", moment, type_=sa.DateTime()),
            purpose=purpose, wording="同意接收营销信息（迁移自原“营销同意”标记）"))


def downgrade() -> None:
    op.drop_index("ix_consent_entry_purpose", table_name="consent_entry")
    op.drop_index("ix_consent_entry_customer_purpose", table_name="consent_entry")
    op.drop_table("consent_entry")
