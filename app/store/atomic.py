"""Crash- and full-disk-safe file replacement: temp file, fsync, rename.

Every file made here is private (mode 600, whatever the umask): the customer file, its
key file and its backups hold customer data or the keys to it. A temp file is locked
(flock) while it is written, so the clean-up at the next open (`remove_stray_temps`)
removes only the leftovers of a process that died, never another window's work.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there anyway
    fcntl = None

PRIVATE = 0o600
TEMP_SUFFIX = ".tmp"


def fsync_dir(directory: Path | str) -> None:
    """Persist a rename in `directory`; not possible (nor needed) on Windows."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_fsync_dir = fsync_dir  # the old private name, still imported by the export writer


def fsync_file(path: Path | str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private(path: Path | str) -> None:
    """Tighten an existing file to mode 600 (best effort: it may belong to another user)."""
    with contextlib.suppress(OSError):
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, PRIVATE)


def create_private(path: Path | str) -> None:
    """Create `path` empty with mode 600 if it does not exist (before SQLite opens it:
    SQLite gives its -wal and -shm files the mode of the database file)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:
        return
    try:
        if os.name == "posix":
            os.fchmod(fd, PRIVATE)  # the umask may have taken bits away, never added
    finally:
        os.close(fd)


def lock_exclusive(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


@contextlib.contextmanager
def lock_while_writing(path: Path | str) -> Iterator[None]:
    """Hold the write lock of a file another library writes (a snapshot), so the
    clean-up at the next open knows a live writer is at work."""
    fd = os.open(path, os.O_RDONLY)
    try:
        lock_exclusive(fd)
        yield
    finally:
        os.close(fd)


def held_by_a_live_writer(path: Path | str) -> bool:
    """True if some process holds the write lock of this temp file (it is still busy)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # closing releases a lock we got
    return False


@contextlib.contextmanager
def _temp_beside(path: Path) -> Iterator[tuple[int, str]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        lock_exclusive(fd)
        yield fd, tmp
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename in (None, tmp):
            exc.filename = str(path)  # a full disk is told for the file being written
        raise


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace `path` with `data`; on any failure the old file is left intact."""
    path = Path(path)
    with _temp_beside(path) as (fd, tmp), os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
        os.replace(tmp, path)  # still holding the lock: the clean-up leaves it alone
    fsync_dir(path.parent)


def atomic_copy(src: Path | str, dst: Path | str) -> None:
    """Copy a file so that `dst` is either the old file or a complete copy."""
    src, dst = Path(src), Path(dst)
    with _temp_beside(dst) as (fd, tmp), open(src, "rb") as fin, os.fdopen(fd, "wb") as fout:
        shutil.copyfileobj(fin, fout, 1024 * 1024)
        fout.flush()
        os.fsync(fout.fileno())
        os.replace(tmp, dst)
    fsync_dir(dst.parent)


def temp_pattern(name: str) -> str:
    """The glob of the temp files an atomic write of `name` makes (`.NAME.xxxx.tmp`)."""
    return f".{glob.escape(name)}.*{TEMP_SUFFIX}"


def remove_stray_temps(directory: Path | str, *patterns: str) -> list[Path]:
    """Remove the leftovers of killed writers matching `patterns` in `directory`, unless a
    live writer still holds one (or it cannot be removed). Returns what was removed."""
    removed: list[Path] = []
    directory = Path(directory)
    if not directory.is_dir():
        return removed
    for pattern in patterns:
        for path in directory.glob(pattern):
            if not path.is_file() or held_by_a_live_writer(path):
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed
