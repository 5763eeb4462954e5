"""How a file leaves the vault (export, consolidation, rejected rows, report, .ics):
its scratch files in the customer file's private workspace (app.store.private_tmp),
its target written beside it and renamed, and its audit entry committed in its own
transaction *before* the rename releases the file. A write that fails (or is
cancelled) after it started is recorded as failed; nothing half-written stays.

The audit entry goes through a session of its own on the caller's engine: the
caller's session only reads (and may be rolled back) — an unmasked export must be on
record even if the caller's transaction never commits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.services import audit
from app.store import private_tmp

STATUS_RELEASED = "released"  # committed just before the rename
STATUS_FAILED = "failed"
STATUS_CANCELLED = "cancelled"


def db_path_of(bind) -> Path:
    """The customer file an engine (or session) works on: scratch space goes beside
    it. A server database (team mode) has none: the per-user data folder then."""
    if isinstance(bind, Session):
        bind = bind.get_bind()
    url = getattr(bind, "url", None)
    if url is not None and url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database)
    return default_db_path()


def default_db_path() -> Path:
    from app.config import default_db_path as configured

    return configured()


def workspace_for(where) -> contextlib.AbstractContextManager[private_tmp.Workspace]:
    """The private workspace beside the customer file of `where` (a session, an
    engine, a sessionmaker or a path; None: the default customer file)."""
    if where is None:
        return private_tmp.workspace(default_db_path())
    if isinstance(where, (str, Path)):
        return private_tmp.workspace(Path(where))
    bind = where.kw.get("bind") if hasattr(where, "kw") else where
    return private_tmp.workspace(db_path_of(bind))


def record_committed(bind, action: str, entity: str | None, detail: dict,
                     actor: str | None = None) -> int:
    """Append an audit entry in its own committed transaction; its id."""
    if isinstance(bind, Session):
        bind = bind.get_bind()
    elif hasattr(bind, "kw"):  # a sessionmaker
        bind = bind.kw["bind"]
    from app.models import AuditLog

    with Session(bind=bind) as session, session.begin():
        audit.record(session, action, entity, None, detail, actor=actor)
        session.flush()
        # This transaction holds the write lock: the newest entry is ours.
        return session.scalar(select(func.max(AuditLog.id)))


# --- the caller's session must not hold the write lock -----------------------------------------
# SQLite has one writer: an audit entry committed on its own cannot get past a caller
# whose transaction wrote and is still open (it would wait, then fail as "locked").
# The ORM tells when a session writes; that is checked before anything is written.
_WROTE = "kehu_uncommitted_writes"


@event.listens_for(Session, "after_flush")
def _flushed(session, _context):
    session.info[_WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state):
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _ended(session, transaction):
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


def check_reader(session: Session) -> None:
    """Refuse (a programming error) a session with uncommitted writes."""
    if session.info.get(_WROTE) or session.new or session.dirty or session.deleted:
        raise RuntimeError("an outgoing file needs a session without uncommitted writes: "
                           "its audit entry is committed on its own before the file is "
                           "released (commit first)")


def _failure(exc: BaseException) -> tuple[str, str]:
    cancelled = type(exc).__name__.endswith("Cancelled")
    text = str(exc) or type(exc).__name__
    return (STATUS_CANCELLED if cancelled else STATUS_FAILED), text[:500]


@contextlib.contextmanager
def release(space: private_tmp.Workspace, path: Path, *, bind=None, action: str = "export",
            entity: str | None = None, detail: Callable[[], dict] | None = None,
            actor: str | None = None) -> Iterator[Path]:
    """Yield the temp path of `path` (beside it, journaled in `space`). When the block
    ends well, the audit entry (`detail()`, status released) is committed first and
    then the file is renamed into place; if anything fails, the temp file goes and,
    when auditing, a failed entry is committed (best effort: the database itself may
    be what failed) and the error goes on."""
    released_id = None
    if isinstance(bind, Session):
        check_reader(bind)
    try:
        with space.target(path) as tmp:
            yield tmp
            if bind is not None:
                released_id = record_committed(
                    bind, action, entity, {**(detail() if detail else {}),
                                           "status": STATUS_RELEASED}, actor)
    except BaseException as exc:
        if bind is not None:
            status, error = _failure(exc)
            with contextlib.suppress(Exception):
                record_committed(bind, action, entity, {
                    **_safe(detail), "status": status, "error": error,
                    "released_entry": released_id}, actor)
        raise


def _safe(detail: Callable[[], dict] | None) -> dict:
    if detail is None:
        return {}
    try:
        return detail()
    except Exception:  # the detail may need what failed (counts of an unfinished write)
        return {}
