"""The engine's fault hooks: every DB-API error is told as its typed error (app.store.faults),
and once damage has been seen in this session no write runs on the file.

The latch is tripped by any classified damage (a failed integrity check, an HMAC failure
or a malformed page met by any query). After that every connection handed out by the
pool carries an SQLite authorizer that denies writes to the main database at prepare
time, so a write never reaches a damaged page; reads go on, so what is readable can
still be looked at or exported.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, event

from app.errors import DamagedFile
from app.store.faults import FaultLatch, classify

# Authorizer actions that change the main database (writes to "temp" stay allowed).
_WRITE_ACTIONS = (
    "INSERT", "UPDATE", "DELETE", "CREATE_TABLE", "CREATE_INDEX", "CREATE_TRIGGER",
    "CREATE_VIEW", "DROP_TABLE", "DROP_INDEX", "DROP_TRIGGER", "DROP_VIEW", "ALTER_TABLE",
    "REINDEX", "ANALYZE", "CREATE_VTABLE", "DROP_VTABLE",
)


def _deny_writes_authorizer():
    import sqlcipher3

    writes = {getattr(sqlcipher3, f"SQLITE_{name}") for name in _WRITE_ACTIONS}
    ok, deny = sqlcipher3.SQLITE_OK, sqlcipher3.SQLITE_DENY

    def deny_writes(action: int, _arg1, _arg2, db_name, _trigger) -> int:
        return deny if action in writes and db_name != "temp" else ok

    return deny_writes


def latch_of(engine: Engine) -> FaultLatch | None:
    return getattr(engine, "kehu_latch", None)


def install(engine: Engine, db_path: Path | str) -> FaultLatch:
    """Classify the engine's errors and guard it against writes after damage."""
    latch = FaultLatch(db_path)
    engine.kehu_latch = latch

    @event.listens_for(engine, "handle_error")
    def _told_truly(context) -> None:
        typed = classify(context.original_exception, db_path, latch=latch)
        if typed is None:
            return
        if isinstance(typed, DamagedFile):
            latch.trip(typed)
        raise typed

    @event.listens_for(engine, "checkout")
    def _guard_writes(dbapi_conn, _record, _proxy) -> None:
        if latch.tripped:
            # Setting an authorizer expires the connection's prepared statements, so a
            # cached INSERT is authorised again before it can run.
            dbapi_conn.set_authorizer(_deny_writes_authorizer())

    return latch


def trip(engine: Engine | None, error: DamagedFile) -> None:
    """Record damage found outside a query (an integrity check) on the engine's latch."""
    latch = latch_of(engine) if engine is not None else None
    if latch is not None:
        latch.trip(error)
