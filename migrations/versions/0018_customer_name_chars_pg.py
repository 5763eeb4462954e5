"""PostgreSQL (team mode): the characters of each active customer's name in a GIN
index, for searches of 1–2 Chinese characters (issue 21)

pg_trgm cannot use its index for a word shorter than three characters, so a search
for 王 or 王芳 scanned every customer (25 ms at 20k, growing with the file). The
encrypted file answers these from the FTS5 table's spaced copy of the name; here the
name's characters as an array (`string_to_array(name, NULL)`, one element each) are
indexed, and search asks for rows holding every character of the word, then checks
that they stand together (LIKE). The encrypted file has nothing to add.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

INDEX = "ix_customer_name_chars"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE INDEX {INDEX} ON customer USING gin "
               "(string_to_array(name, NULL)) WHERE deleted_at IS NULL")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
