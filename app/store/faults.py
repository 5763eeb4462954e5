"""What went wrong with a file, said once: SQLite/SQLCipher result codes and OSError.errno
mapped to the typed errors of app.errors.

Every storage path hands its failures here: the engine's `handle_error` event (so a
service never sees a raw `database is locked`), the read-only file checks, backups and
restores, and the CLI's and GUI's last-resort handlers. Only real damage (SQLITE_CORRUPT,
SQLITE_NOTADB, an HMAC failure) is called damage and mentions backups; a full disk, a
busy or read-only file and a failing disk each get their own error and advice.

A full disk often shows up as "disk I/O error" (SQLite reports SQLITE_IOERR_WRITE, _FSYNC,
_SHMSIZE… when a write fails with ENOSPC), so an I/O error is told apart by the free space
at the moment of the error: (nearly) full → DiskFull, else StorageIOError.
"""

from __future__ import annotations

import contextlib
import errno
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.errors import (
    DamagedFile,
    DiskFull,
    EditConflict,
    FileBusy,
    KehuError,
    NoAccess,
    StorageIOError,
)

# SQLite primary result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_AUTH, SQLITE_NOTADB = 23, 26

FULL, IO, BUSY, NO_ACCESS, READ_ONLY, DAMAGED, DENIED = (
    "full", "io", "busy", "no-access", "read-only", "damaged", "denied")

# Result code → kind. Used when the exception carries `sqlite_errorcode` (sqlcipher3 and
# Python ≥ 3.11 sqlite3 do); otherwise the message text of sqlite3_errstr() decides.
_BY_CODE = {
    SQLITE_FULL: FULL, SQLITE_IOERR: IO, SQLITE_BUSY: BUSY, SQLITE_LOCKED: BUSY,
    SQLITE_READONLY: READ_ONLY, SQLITE_PERM: NO_ACCESS, SQLITE_CANTOPEN: NO_ACCESS,
    SQLITE_CORRUPT: DAMAGED, SQLITE_NOTADB: DAMAGED, SQLITE_AUTH: DENIED,
}
_BY_MESSAGE = (
    ("database or disk is full", FULL),
    ("disk i/o error", IO),
    ("database is locked", BUSY),
    ("database table is locked", BUSY),
    ("attempt to write a readonly database", READ_ONLY),
    ("access permission denied", NO_ACCESS),
    ("unable to open database file", NO_ACCESS),
    ("database disk image is malformed", DAMAGED),
    ("file is not a database", DAMAGED),
    ("hmac verification failed", DAMAGED),
    ("not authorized", DENIED),
)
_BY_ERRNO = {
    errno.ENOSPC: FULL, errno.EDQUOT: FULL,
    errno.EROFS: NO_ACCESS, errno.EACCES: NO_ACCESS, errno.EPERM: NO_ACCESS,
    errno.EIO: IO, errno.EBUSY: BUSY, errno.ETXTBSY: BUSY,
}
# Windows: sharing and lock violations surface as EACCES; the winerror says "busy".
_BY_WINERROR = {32: BUSY, 33: BUSY, 39: FULL, 112: FULL}

# Below this much free space an I/O error is taken for a full disk.
NEARLY_FULL = 4 * 2**20


class FaultLatch:
    """Per engine: the first damage seen in this session. Once set, no write runs on the
    file (the engine denies them) and every later failure is told as that damage."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.damage: DamagedFile | None = None

    @property
    def tripped(self) -> bool:
        return self.damage is not None

    def trip(self, error: DamagedFile) -> None:
        if self.damage is None:
            self.damage = error


def kind_of(exc: BaseException) -> str | None:
    """The kind of a storage failure (FULL, IO, BUSY, …), or None if it is none."""
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
    if orig is not None and isinstance(orig, BaseException):
        exc = orig
    if isinstance(exc, OSError):
        winerror = getattr(exc, "winerror", None)
        if winerror in _BY_WINERROR:
            return _BY_WINERROR[winerror]
        return _BY_ERRNO.get(exc.errno)
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _BY_CODE:
        return _BY_CODE[code & 0xFF]
    if type(exc).__module__.split(".")[0] not in ("sqlcipher3", "sqlite3"):
        return None
    text = str(exc).lower()
    for fragment, kind in _BY_MESSAGE:
        if fragment in text:
            return kind
    return None


def classify(exc: BaseException, where: Path | str | None = None, *,
             latch: FaultLatch | None = None) -> KehuError | None:
    """The typed error for `exc` at `where` (the file being read or written), or None
    when `exc` is not a storage failure (a bug, a constraint, bad SQL…)."""
    if isinstance(exc, KehuError):
        return exc
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(exc, StaleDataError):  # a row version guard no service put in words
        return EditConflict("This record", "该记录", None, None)
    kind = kind_of(exc)
    if kind is None:
        return None
    filename = getattr(exc, "filename", None) if isinstance(exc, OSError) else None
    place = Path(filename) if filename else Path(where) if where else Path(".")
    detail = _detail(exc)
    damage_known = latch is not None and latch.tripped
    if kind == DAMAGED or (damage_known and kind in (READ_ONLY, DENIED)):
        # SQLCipher turns a connection read-only after an HMAC failure; our own guard
        # denies writes after damage: both are that damage, not a permission problem.
        if damage_known:
            return latch.damage
        return damaged_database(place, detail)
    if kind == DENIED:
        return None  # an authorizer that is not ours
    if kind == FULL:
        return DiskFull(place, free=_free_or_none(place))
    if kind == IO:
        for disk in (place, Path(tempfile.gettempdir())):  # where SQLite writes
            free = _free_or_none(disk)
            if free is not None and free < NEARLY_FULL:
                return DiskFull(disk, free=free)
        return StorageIOError(place, detail)
    if kind == BUSY:
        return FileBusy(place)
    return NoAccess(place, detail)


def raise_classified(exc: BaseException, where: Path | str | None = None, *,
                     latch: FaultLatch | None = None) -> None:
    """Raise the typed error for `exc` (chained), or re-raise `exc` if it is none."""
    typed = classify(exc, where, latch=latch)
    if typed is None or typed is exc:
        raise exc
    raise typed from exc


@contextlib.contextmanager
def told_truly(where: Path | str, *, latch: FaultLatch | None = None) -> Iterator[None]:
    """Storage failures inside the block become their typed errors."""
    try:
        yield
    except KehuError:
        raise
    except Exception as exc:
        raise_classified(exc, where, latch=latch)


def damaged_database(path: Path | str, detail: str = "") -> DamagedFile:
    """The customer file (or a backup) is damaged: the one message that says so."""
    extra_en = f" ({detail})" if detail else ""
    extra_zh = f"（{detail}）" if detail else ""
    good = _newest_good_backup(path)
    if good is not None:
        advice_en = f"Nothing was written to it; restore the newest good backup, {good}."
        advice_zh = f"未写入任何内容；请从最近一份完好的备份 {good} 恢复。"
    else:
        advice_en = "Nothing was written to it; restore it from a backup."
        advice_zh = "未写入任何内容，请从备份恢复。"
    error = DamagedFile(
        f"The customer file {path} is damaged, truncated or not a Kehu file{extra_en}. "
        + advice_en,
        f"客户档案 {path} 已损坏、不完整或不是客户档案文件{extra_zh}。" + advice_zh,
    )
    error.detail = detail
    return error


def _newest_good_backup(path: Path | str) -> Path | None:
    from app.store.backups import newest_verified  # backups use this module too

    try:
        return newest_verified(Path(path))
    except OSError:
        return None


def _detail(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        exc = orig
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _free_or_none(path: Path) -> int | None:
    from app.store.space import free_bytes

    try:
        return free_bytes(path)
    except OSError:
        return None


def is_broken_pipe(exc: BaseException) -> bool:
    return isinstance(exc, BrokenPipeError) or (
        isinstance(exc, OSError) and exc.errno == errno.EPIPE)
