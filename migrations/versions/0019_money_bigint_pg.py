"""PostgreSQL (team mode): money, points and tier digests as BIGINT

SQLite's INTEGER holds 64 bits, and the encrypted file has stored amounts over
2³¹ fen (21.4 million yuan: one bank deposit), window revenues above it and 64-bit
tier digests from the start. PostgreSQL's INTEGER is 32-bit: a tier recompute on a
team server failed on the first digest ("integer out of range"), and a large
deposit could not be saved. The encrypted file has nothing to change.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

COLUMNS = {
    "purchase": ("amount_fen",),
    "customer_tier": ("monetary_fen", "digest"),
    "tier_snapshot": ("monetary_fen",),
    "customer_clv": ("repeat_spend_fen", "expected_spend_fen", "clv_fen"),
    "coupon": ("value_fen",),
    "reward": ("coupon_value_fen",),
    "points_entry": ("points",),
    "member_level": ("points_12m",),
}


def _alter(to: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, columns in COLUMNS.items():  # one rewrite of each table
        # A trigger naming a column (0015's roll-ups: UPDATE OF amount_fen …) blocks
        # the change of its type: dropped and made again from its own definition.
        triggers = bind.exec_driver_sql(
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE tgrelid = %(t)s::regclass AND NOT tgisinternal ORDER BY tgname",
            {"t": f'"{table}"'}).all()
        for name, _ in triggers:
            op.execute(f'DROP TRIGGER "{name}" ON "{table}"')
        changes = ", ".join(f'ALTER COLUMN "{c}" TYPE {to}' for c in columns)
        op.execute(f'ALTER TABLE "{table}" {changes}')
        for _, definition in triggers:
            op.execute(definition)


def upgrade() -> None:
    _alter("BIGINT")


def downgrade() -> None:
    _alter("INTEGER")  # refused by the server if a value no longer fits: nothing lost
