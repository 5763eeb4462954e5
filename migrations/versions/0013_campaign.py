"""campaign, campaign_member: campaigns with a hold-out control group (issue 19)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("segment", sa.String(length=100), nullable=True),
        sa.Column("filter", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("offer", sa.JSON(), nullable=True),
        sa.Column("script", sa.Text(), nullable=True),
        sa.Column("control_pct", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("launched_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("name", name=op.f("uq_campaign_name")),
    )
    op.create_table(
        "campaign_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("grp", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("tier", sa.String(length=16), nullable=True),
        sa.Column("owner", sa.String(length=100), nullable=True),
        sa.Column("reminder_id", sa.Integer(), nullable=True),
        sa.Column("coupon_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("outcome_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"],
                                name=op.f("fk_campaign_member_campaign_id_campaign"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_campaign_member_customer_id_customer"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reminder_id"], ["reminder.id"],
                                name=op.f("fk_campaign_member_reminder_id_reminder"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["coupon_id"], ["coupon.id"],
                                name=op.f("fk_campaign_member_coupon_id_coupon"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_member")),
    )
    op.create_index("ix_campaign_member_campaign_group", "campaign_member",
                    ["campaign_id", "grp"])
    op.create_index(op.f("ix_campaign_member_customer_id"), "campaign_member",
                    ["customer_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_campaign_member_customer_id"), table_name="campaign_member")
    op.drop_index("ix_campaign_member_campaign_group", table_name="campaign_member")
    op.drop_table("campaign_member")
    op.drop_table("campaign")
