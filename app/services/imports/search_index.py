"""The search index filled once for a bulk insert of customers, instead of row by row.

The customer table's AFTER INSERT trigger (customer_fts_ai, the baseline migration)
adds each new customer to the FTS5 index. Fired 100,000 times inside one executemany
it is the dearest step of a large import (~7 s of the 100k bench): each firing is a
statement of its own, and FTS5 flushes its pending terms at every one of them. The
same INSERT … SELECT run once over the new rows builds the same index entries in a
fraction of that (~2.5 s).

So, for the import's own transaction only: the trigger is dropped, the customers are
inserted, the trigger's own statement runs once over the new ids, and the trigger is
created again from its stored text. The statement is taken from the schema
(sqlite_master), not written out here, so a migration that changes what the index
holds changes this too; a trigger of any other shape than the baseline's is left alone
and fires per row as before. SQLite's DDL is transactional: a failure or a cancel rolls
the drop back with everything else, and no other connection ever sees the file without
its trigger (WAL readers see the last commit).

PostgreSQL (team mode) has no trigger to defer: its trigram index is kept by the server.
"""

from __future__ import annotations

import re
from types import TracebackType

from sqlalchemy import text
from sqlalchemy.orm import Session

TRIGGER = "customer_fts_ai"
# CREATE TRIGGER customer_fts_ai AFTER INSERT ON customer BEGIN
#   INSERT INTO customer_fts(rowid, …) SELECT new.id, … WHERE new.deleted_at IS NULL; END
_SHAPE = re.compile(
    r"^CREATE TRIGGER\s+\S+\s+AFTER INSERT ON customer\s+BEGIN\s+"
    r"(?P<insert>INSERT INTO customer_fts\s*\([^)]*\))\s+SELECT\s+(?P<values>.+?)\s+"
    r"WHERE\s+(?P<where>[^;]+?)\s*;\s*END\s*$", re.DOTALL | re.IGNORECASE)
_NEW = re.compile(r"\bnew\.", re.IGNORECASE)


def bulk_statement(trigger_sql: str) -> str | None:
    """The trigger's INSERT as one statement over the customers with ids in
    [:first, :last]; None when the trigger is not of the expected shape."""
    match = _SHAPE.match(trigger_sql.strip())
    if match is None:
        return None
    values = _NEW.sub("c.", match["values"])
    where = _NEW.sub("c.", match["where"])
    return (f"{match['insert']} SELECT {values} FROM customer AS c "
            f"WHERE ({where}) AND c.id BETWEEN :first AND :last ORDER BY c.id")


class DeferredSearchIndex:
    """`with DeferredSearchIndex(session) as index: insert…; index.fill(first, last)`.

    Inactive (the trigger fires per row) on PostgreSQL, or when the trigger is not
    the one this module knows how to run in bulk."""

    def __init__(self, session: Session):
        self._conn = session.connection()
        self._trigger: str | None = None
        self._statement: str | None = None
        if self._conn.dialect.name != "sqlite":
            return
        sql = self._conn.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n"),
            {"n": TRIGGER}).scalar()
        statement = bulk_statement(sql) if sql else None
        if statement is not None:
            self._trigger, self._statement = sql, statement

    @property
    def active(self) -> bool:
        return self._statement is not None

    def __enter__(self) -> DeferredSearchIndex:
        if self.active:
            self._conn.exec_driver_sql(f"DROP TRIGGER {TRIGGER}")
        return self

    def fill(self, first: int, last: int) -> None:
        """Index the customers with ids first…last, as the trigger would have."""
        if self.active and last >= first:
            self._conn.execute(text(self._statement), {"first": first, "last": last})

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self.active:
            return
        try:
            self._conn.exec_driver_sql(self._trigger)
        except Exception:
            if kind is None:
                raise
            # Already failing: the caller rolls back, which brings the trigger back.
