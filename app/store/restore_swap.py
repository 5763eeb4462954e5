"""A backup put in place of a customer file as a pair: the database and its key file.

Either file alone is useless (the database opens only with the data key wrapped in its
own key file), so a restore must never leave one new and one old. The pair is staged
beside the target, then swapped under a small journal:

1. copy the backup to `T.restoring` and its key file to `T.keys.restoring` (mode 600,
   fsynced, locked while written), and check the staged database page by page;
   a kill here leaves the old pair; the next open removes the staged files;
2. write `T.restore-journal` (atomically): from now on the swap is rolled forward;
3. remove the old file's -wal/-shm, rename `T.restoring` → `T`, `T.keys.restoring` →
   `T.keys`, fsync the folder, remove the journal. A kill anywhere in 3 is completed by
   the next open (`finish_interrupted`), before anything reads the files.

Tests kill the process at each named step: KEHU_FAULT_KILL_AT=<step> makes the restore
kill itself (SIGKILL) when it gets there.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import Callable
from pathlib import Path

from app.errors import FileBusy
from app.store.atomic import (
    PRIVATE,
    atomic_write_bytes,
    fsync_dir,
    held_by_a_live_writer,
    lock_exclusive,
)
from app.store.paths import key_header_path

STAGED_SUFFIX = ".restoring"
JOURNAL_SUFFIX = ".restore-journal"
KILL_ENV = "KEHU_FAULT_KILL_AT"
STEPS = ("staging-db", "staged-db", "staging-keys", "staged-keys", "checked", "journal",
         "old-wal-removed", "db-swapped", "keys-swapped")


def staged_paths(target: Path) -> tuple[Path, Path]:
    keys = key_header_path(target)
    return (target.with_name(target.name + STAGED_SUFFIX),
            keys.with_name(keys.name + STAGED_SUFFIX))


def journal_path(target: Path) -> Path:
    return target.with_name(target.name + JOURNAL_SUFFIX)


def _step(name: str) -> None:
    """A kill point for the tests (see the module docstring); nothing otherwise."""
    if os.environ.get(KILL_ENV) == name:
        if hasattr(signal, "SIGKILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(137)


def _stage(src: Path, dst: Path, step: str) -> int:
    """Copy src to dst (mode 600), fsynced; returns the fd holding dst's write lock."""
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    try:
        lock_exclusive(fd)
        if os.name == "posix":
            os.fchmod(fd, PRIVATE)
        with open(src, "rb") as fin:
            first = True
            while chunk := fin.read(1024 * 1024):
                _write_all(fd, chunk)
                if first:
                    _step(step)  # part of the file is written, the rest is not
                    first = False
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def put_in_place(backup: Path, target: Path, *,
                 check_staged: Callable[[Path], None] | None = None) -> None:
    """Replace the pair at `target` with the backup's pair (see the module docstring)."""
    backup, target = Path(backup), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    finish_interrupted(target)  # an earlier restore that was cut short, first
    db_stage, keys_stage = staged_paths(target)
    journal = journal_path(target)
    locks: list[int] = []
    try:
        locks.append(_stage(backup, db_stage, "staging-db"))
        _step("staged-db")
        locks.append(_stage(key_header_path(backup), keys_stage, "staging-keys"))
        fsync_dir(target.parent)
        _step("staged-keys")
        if check_staged is not None:
            check_staged(db_stage)  # the copy on this disk, not only the backup, is whole
        _step("checked")
        atomic_write_bytes(journal, json.dumps(
            {"restoring": backup.name, "into": target.name}).encode() + b"\n")
        _step("journal")
    except BaseException:
        if not journal.exists():  # not yet committed: roll back
            for staged in (db_stage, keys_stage):
                with contextlib.suppress(FileNotFoundError):
                    staged.unlink()
        for fd in locks:
            os.close(fd)
        raise
    try:
        _roll_forward(target)
    finally:
        for fd in locks:
            os.close(fd)


def _roll_forward(target: Path) -> None:
    """Complete a committed swap; safe to repeat after a kill at any point of it."""
    db_stage, keys_stage = staged_paths(target)
    if db_stage.exists():
        for suffix in ("-wal", "-shm"):  # the old file's: they would be replayed into the new
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{target}{suffix}")
        _step("old-wal-removed")
        with contextlib.suppress(FileNotFoundError):  # another process may have done it
            os.replace(db_stage, target)
        _step("db-swapped")
    if keys_stage.exists():
        with contextlib.suppress(FileNotFoundError):
            os.replace(keys_stage, key_header_path(target))
        _step("keys-swapped")
    fsync_dir(target.parent)
    with contextlib.suppress(FileNotFoundError):
        journal_path(target).unlink()
    fsync_dir(target.parent)


def finish_interrupted(target: Path | str) -> str | None:
    """At open: complete a committed swap, or remove an uncommitted stage.
    Returns "completed" / "rolled back" / None (nothing to do)."""
    target = Path(target)
    staged = [p for p in staged_paths(target) if p.exists()]
    if journal_path(target).exists():
        _roll_forward(target)
        return "completed"
    if not staged:
        return None
    if any(held_by_a_live_writer(p) for p in staged):
        raise FileBusy(target)  # a restore is being staged right now, by another process
    for path in staged:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return "rolled back"

