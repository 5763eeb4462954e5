"""No lost updates: a save made from a frozen row (a view's copy, read earlier in
another session) carries the version it was read at, and is refused with EditConflict
when the stored row has moved on since, instead of overwriting someone else's write.

Two guards, for the two ways it happens:
- changed between the read and the save: the expected version is compared with the
  stored one first (`check`), and the refusal names who wrote last and when;
- changed in the same instant (two saves both pass the check): the models' version
  column is SQLAlchemy's version_id_col, so the UPDATE itself is
  `… WHERE version = :loaded`; the later one matches no row, SQLAlchemy raises
  StaleDataError, and `guarded` turns it into the same EditConflict. On PostgreSQL the
  later UPDATE waits for the earlier transaction and then matches nothing; on the
  encrypted file SQLite lets one writer at a time, and a write after another's commit
  finds the newer version.

The changes and their flush run inside a SAVEPOINT: on a conflict only they are undone,
the caller's transaction stays usable to read who wrote, and the caller rolls back the
rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import EditConflict, KehuError, NotFound

# (english, chinese) name of a row, from its current stored values
Describe = Callable[[Session], tuple[str, str]]


def conflict(session: Session, model, row_id: int, describe: Describe) -> KehuError:
    """The EditConflict for the row as it is stored now (NotFound if it is gone)."""
    found = session.execute(select(model.updated_by, model.updated_at)
                            .where(model.id == row_id)).first()
    en, zh = describe(session)
    if found is None:
        return NotFound(f"{en} no longer exists: nothing was saved.",
                        f"{zh} 已不存在：未保存任何修改。")
    return EditConflict(en, zh, found.updated_by, found.updated_at)


def check(session: Session, obj, expected: int | None, describe: Describe) -> None:
    """Refuse (EditConflict) when `obj` (just read) is not at the `expected` version."""
    if expected is not None and obj.version != expected:
        raise conflict(session, type(obj), obj.id, describe)


@contextmanager
def guarded(session: Session, obj, describe: Describe) -> Iterator[None]:
    """Make `obj`'s changes in the block; they are flushed at its end guarded by the
    version, and EditConflict is raised if a newer write won. The block runs in a
    SAVEPOINT begun before any change (beginning one flushes what is pending, so the
    changes must come after it)."""
    model, row_id = type(obj), obj.id  # read now: after a failed flush obj is expired
    try:
        with session.begin_nested():
            yield
            session.flush()
    except StaleDataError:
        raise conflict(session, model, row_id, describe) from None


def describe_record(model, record_id: int, kind_en: str, kind_zh: str) -> Describe:
    """"Reminder #12 of 王芳" (kind_en "Reminder", kind_zh "提醒"), for EditConflict:
    a record of a customer named by its kind, its id and its customer."""
    from app.models import Customer

    def describe(session: Session) -> tuple[str, str]:
        name = session.scalar(select(Customer.name).join(
            model, model.customer_id == Customer.id).where(model.id == record_id))
        if name is None:
            return f"{kind_en} #{record_id}", f"{kind_zh} #{record_id}"
        return f"{kind_en} #{record_id} of {name}", f"{name} 的{kind_zh} #{record_id}"

    return describe
