"""audit_log: a hash chain (detail_hash, prev_hash, hash), existing entries chained

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("detail_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    # The entries written before the chain existed are chained now, in id order, with
    # the same digest new entries get: `audit verify` covers them from here on (what
    # was edited before today cannot be told, and the note in the log says so).
    conn = op.get_bind()
    table = sa.table("audit_log", sa.column("id"), sa.column("at", sa.DateTime()),
                     sa.column("action"), sa.column("actor"), sa.column("entity"),
                     sa.column("entity_id"), sa.column("detail", sa.JSON()),
                     sa.column("detail_hash"), sa.column("prev_hash"), sa.column("hash"))
    rows = conn.execute(sa.select(table.c.id, table.c.at, table.c.action, table.c.actor,
                                  table.c.entity, table.c.entity_id, table.c.detail)
                        .order_by(table.c.id)).all()
    prev = GENESIS
    for row_id, at, action, actor, entity, entity_id, detail in rows:
        detail_hash = _digest(detail or {})
        entry = _digest([prev, at.isoformat(sep=" "), action, actor, entity, entity_id,
                         detail_hash])
        conn.execute(table.update().where(table.c.id == row_id).values(
            detail_hash=detail_hash, prev_hash=prev, hash=entry))
        prev = entry


# A frozen copy of services/audit.py's digest (a migration must not change when the
# app does); tests/store/test_audit_chain.py checks that the two agree.
GENESIS = "0" * 64


def _digest(value) -> str:
    import hashlib
    import json

    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("detail_hash")
