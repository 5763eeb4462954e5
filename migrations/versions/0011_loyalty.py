"""loyalty: points ledger, rewards, coupons, member levels and their changes, runs
(campaigns have their own migration, 0013)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "loyalty_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("purchase_mark", sa.Integer(), nullable=False),
        sa.Column("entry_mark", sa.Integer(), nullable=False),
        sa.Column("rule_set_id", sa.Integer(), nullable=True),
        sa.Column("earned", sa.Integer(), nullable=False),
        sa.Column("reversed", sa.Integer(), nullable=False),
        sa.Column("expired", sa.Integer(), nullable=False),
        sa.Column("level_changes", sa.Integer(), nullable=False),
        _fk("loyalty_run", "rule_set_id", "rule_set", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loyalty_run")),
    )
    op.create_table(
        "reward",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("points_cost", sa.Integer(), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=False),
        sa.Column("coupon_value_fen", sa.Integer(), nullable=True),
        sa.Column("coupon_days", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("points_cost > 0", name=op.f("ck_reward_cost_positive")),
        sa.CheckConstraint("stock >= 0", name=op.f("ck_reward_stock_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward")),
        sa.UniqueConstraint("name", name=op.f("uq_reward_name")),
    )
    op.create_table(
        "level_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("old_level", sa.String(length=20), nullable=False),
        sa.Column("new_level", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("rule_set_id", sa.Integer(), nullable=True),
        _fk("level_change", "customer_id", "customer", "CASCADE"),
        _fk("level_change", "rule_set_id", "rule_set", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_level_change")),
    )
    op.create_index("ix_level_change_customer_time", "level_change",
                    ["customer_id", "changed_at"])
    op.create_table(
        "member_level",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("points_12m", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("rule_set_id", sa.Integer(), nullable=True),
        _fk("member_level", "customer_id", "customer", "CASCADE"),
        _fk("member_level", "rule_set_id", "rule_set", "SET NULL"),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_member_level")),
    )
    op.create_index(op.f("ix_member_level_rank"), "member_level", ["rank"])
    op.create_table(
        "coupon",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("value_fen", sa.Integer(), nullable=True),
        sa.Column("percent_off", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=100), nullable=True),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("purchase_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("(value_fen IS NULL) != (percent_off IS NULL)",
                           name=op.f("ck_coupon_value_or_percent")),
        sa.CheckConstraint("percent_off IS NULL OR (percent_off > 0 AND percent_off < 100)",
                           name=op.f("ck_coupon_percent_range")),
        sa.CheckConstraint("value_fen IS NULL OR value_fen > 0",
                           name=op.f("ck_coupon_value_positive")),
        _fk("coupon", "customer_id", "customer", "CASCADE"),
        _fk("coupon", "purchase_id", "purchase", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon")),
        sa.UniqueConstraint("code", name=op.f("uq_coupon_code")),
    )
    op.create_index(op.f("ix_coupon_customer_id"), "coupon", ["customer_id"])
    op.create_table(
        "points_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("purchase_id", sa.Integer(), nullable=True),
        sa.Column("reward_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=True),
        sa.Column("rule_set_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("points_entry", "customer_id", "customer", "CASCADE"),
        _fk("points_entry", "purchase_id", "purchase", "SET NULL"),
        _fk("points_entry", "reward_id", "reward", "SET NULL"),
        _fk("points_entry", "rule_set_id", "rule_set", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_points_entry")),
        sa.UniqueConstraint("purchase_id", name=op.f("uq_points_entry_purchase_id")),
    )
    op.create_index(op.f("ix_points_entry_customer_id"), "points_entry", ["customer_id"])
    op.create_index(op.f("ix_points_entry_expires_on"), "points_entry", ["expires_on"])


def downgrade() -> None:
    op.drop_index(op.f("ix_points_entry_expires_on"), table_name="points_entry")
    op.drop_index(op.f("ix_points_entry_customer_id"), table_name="points_entry")
    op.drop_table("points_entry")
    op.drop_index(op.f("ix_coupon_customer_id"), table_name="coupon")
    op.drop_table("coupon")
    op.drop_index(op.f("ix_member_level_rank"), table_name="member_level")
    op.drop_table("member_level")
    op.drop_index("ix_level_change_customer_time", table_name="level_change")
    op.drop_table("level_change")
    op.drop_table("reward")
    op.drop_table("loyalty_run")
