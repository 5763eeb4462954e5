"""Encrypted snapshots of the customer file, kept in a rotating set.

A snapshot is taken with SQLite's online backup API on the keyed connection, so it is
consistent and encrypted with the same data key; the key header is copied beside it, so
every backup opens with the password current at backup time.

A backup counts only once it is verified: the file itself passes its page check first
(a damaged file is not copied over the good backups), the snapshot is written to a
private `.partial` file, checked page by page and b-tree by b-tree (the backup API would
copy a page that fails its HMAC as if it were good), and only then renamed into place
with a `.verified` note beside it. Rotation never deletes the newest verified backup,
and a restore checks the backup the same way before touching anything.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from app.errors import DamagedFile, TargetExists
from app.store import write_guard
from app.store.atomic import (
    atomic_copy,
    atomic_write_bytes,
    create_private,
    fsync_dir,
    fsync_file,
    lock_while_writing,
)
from app.store.faults import damaged_database, raise_classified
from app.store.integrity import check_engine, check_file
from app.store.keying import quiet, raw_key_pragma_value
from app.store.paths import backup_dir_for, key_header_path
from app.store.space import ensure_free

_SAFE = re.compile(r"[^0-9A-Za-z_.-]+")
VERIFIED_SUFFIX = ".verified"
PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    verified: bool = False  # passed its check when it was taken (a `.verified` note)


def verified_note_path(backup: Path | str) -> Path:
    backup = Path(backup)
    return backup.with_name(backup.name + VERIFIED_SUFFIX)


def partial_path(target: Path | str) -> Path:
    target = Path(target)
    return target.with_name(f".{target.name}{PARTIAL_SUFFIX}")


def snapshot(engine: Engine, data_key: bytes, target: Path) -> Path:
    """Write a consistent, verified, encrypted copy of the engine's database to `target`."""
    source = Path(engine.url.database or "")
    return _snapshot(engine, data_key, Path(target), damaged=_check_copy_of(source))


def _snapshot(engine: Engine, data_key: bytes, target: Path, *, damaged) -> Path:
    """On any failure (full disk, damage found in the copy, a kill) nothing is left but
    what was there: the private `.partial` file is removed (or, after a kill, by the
    clean-up at the next open: it is locked while written, so only a dead writer's goes)."""
    import sqlcipher3

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(target)
    create_private(partial)  # mode 600 before SQLite writes a byte into it
    try:
        with lock_while_writing(partial):
            dst = sqlcipher3.connect(str(partial))
            try:
                quiet(dst)
                dst.execute(f'PRAGMA key = "{raw_key_pragma_value(data_key)}"')
                raw = engine.raw_connection()
                try:
                    raw.driver_connection.backup(dst)
                finally:
                    raw.close()
                # A standalone file: fold any WAL content in and leave rollback mode.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
            fsync_file(partial)
            check_file(partial, data_key, damaged=damaged)
            os.replace(partial, target)
        fsync_dir(target.parent)
    except BaseException as exc:
        for leftover in (partial, Path(f"{partial}-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise_classified(exc, target.parent)
    return target


def _check_copy_of(db_path: Path):
    """The damage message for a snapshot that fails its check: the file itself is
    damaged (the copy was made of it a moment ago)."""

    def damaged(_copy: Path, detail: str) -> DamagedFile:
        return damaged_database(db_path, f"its backup copy fails the check: {detail}")

    return damaged


def take_backup(
    engine: Engine, data_key: bytes, db_path: Path, reason: str, *,
    directory: Path | None = None, keep: int = 10,
) -> Path:
    """Check the file, snapshot + key header into the backup directory, verify the
    snapshot, then prune old ones. A failure keeps every earlier backup."""
    db_path = Path(db_path)
    latch = write_guard.latch_of(engine)
    if latch is not None and latch.tripped:
        raise latch.damage  # damage found earlier in this session: never backed up
    directory = Path(directory) if directory else backup_dir_for(db_path)
    ensure_free(directory, _size_with_wal(db_path) + key_header_path(db_path).stat().st_size)
    check_engine(engine, db_path)  # in the foreground of the backup job
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    name = f"{db_path.stem}-{stamp}-{_SAFE.sub('_', reason)[:40]}.db"
    target = directory / name
    header_copy = key_header_path(target)
    try:
        # Header first: a snapshot without its header could never be opened.
        atomic_copy(key_header_path(db_path), header_copy)
        _snapshot(engine, data_key, target, damaged=_check_copy_of(db_path))
        atomic_write_bytes(verified_note_path(target), _note())
    except BaseException as exc:
        for path in (target, header_copy, verified_note_path(target)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        raise_classified(exc, directory)
    if keep > 0:
        prune(directory, db_path.stem, keep)
    return target


def retake(
    engine: Engine, data_key: bytes, db_path: Path, reason: str = "retake", *,
    directory: Path | None = None,
) -> tuple[Path, int]:
    """Replace the backup set with one fresh backup, e.g. after an erasure, so that no
    backup still holds the person erased.

    The fresh backup is taken and verified first (take_backup: a failure keeps every
    earlier backup); only then are the older backups of this file deleted, with their
    key files and notes. Returns (the fresh backup, how many older ones were removed).
    Copies kept elsewhere (another directory, another disk) are not touched."""
    db_path = Path(db_path)
    directory = Path(directory) if directory else backup_dir_for(db_path)
    before = [b.path for b in list_backups(directory, db_path.stem)]
    fresh = take_backup(engine, data_key, db_path, reason, directory=directory, keep=0)
    removed = 0
    for old in before:
        if old == fresh:
            continue
        for path in (old, key_header_path(old), verified_note_path(old)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        removed += 1
    fsync_dir(directory)
    return fresh, removed


def _note() -> bytes:
    checked = datetime.now().isoformat(timespec="seconds")
    return (json.dumps({"checked_at": checked, "checks": ["cipher_integrity_check",
                                                           "quick_check"]}) + "\n").encode()


def _size_with_wal(db_path: Path) -> int:
    total = 0
    for path in (db_path, Path(f"{db_path}-wal")):
        with contextlib.suppress(FileNotFoundError):
            total += path.stat().st_size
    return total


def list_backups(directory: Path, stem: str | None = None) -> list[BackupInfo]:
    """Newest first."""
    if not Path(directory).is_dir():
        return []
    found = []
    for path in Path(directory).glob("*.db"):
        if stem and not path.name.startswith(stem + "-"):
            continue
        try:
            stat = path.stat()
        except FileNotFoundError:  # pruned by another window meanwhile
            continue
        found.append(BackupInfo(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size,
                                verified_note_path(path).is_file()))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def newest_verified(db_path: Path | str, *, directory: Path | None = None,
                    exclude: Path | None = None) -> Path | None:
    """The newest verified backup of `db_path` (with its key file), if any."""
    db_path = Path(db_path)
    directory = Path(directory) if directory else backup_dir_for(db_path)
    stem = None if directory != backup_dir_for(db_path) else db_path.stem
    for info in list_backups(directory, stem):
        if info.verified and info.path != exclude and key_header_path(info.path).is_file():
            return info.path
    return None


def prune(directory: Path, stem: str, keep: int) -> None:
    """Keep the newest `keep`, and the newest verified one even if it is older."""
    found = list_backups(directory, stem)
    newest_good = next((b for b in found if b.verified), None)
    for old in found[keep:]:
        if old == newest_good:
            continue
        for path in (old.path, key_header_path(old.path), verified_note_path(old.path)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def damaged_backup(backup: Path, detail: str) -> DamagedFile:
    backup = Path(backup)
    other = newest_verified(backup, directory=backup.parent, exclude=backup)
    if other is not None:
        advice_en, advice_zh = (f" Choose another backup, e.g. the newest good one, {other}.",
                                f"请改用其他备份，例如最近一份完好的备份 {other}。")
    else:
        advice_en, advice_zh = " Choose another backup.", "请改用其他备份。"
    error = DamagedFile(
        f"The backup {backup} is damaged or not a Kehu backup ({detail}). Nothing was "
        f"restored.{advice_en}",
        f"备份 {backup} 已损坏或不是客户档案备份（{detail}）。未恢复任何内容。{advice_zh}",
    )
    error.detail = detail
    return error


def restore(backup: Path, target: Path, data_key: bytes, *, overwrite: bool = False) -> None:
    """Put a verified backup (and its key header) in place of `target`, as a pair.

    `data_key` is the backup's key (unlocked from its header by the caller). The backup
    is checked page by page before anything at the target is touched; then both files
    are staged beside the target and swapped so that a kill at any moment leaves the
    old pair or the new one (app.store.restore_swap)."""
    from app.store.engine import verify_encrypted_file
    from app.store.restore_swap import put_in_place

    backup, target = Path(backup), Path(target)
    if not key_header_path(backup).is_file():
        raise DamagedFile(
            f"The backup {backup} has no key file beside it ({key_header_path(backup).name}).",
            f"备份 {backup} 旁缺少密钥文件（{key_header_path(backup).name}）。",
        )
    verify_encrypted_file(backup, data_key, damaged=damaged_backup)
    check_file(backup, data_key, damaged=damaged_backup)
    if target.exists() and not overwrite:
        raise TargetExists(
            f"{target} already exists; choose another name or move it away first.",
            f"{target} 已存在，请换一个文件名或先将其移走。",
        )
    ensure_free(target.parent, backup.stat().st_size + key_header_path(backup).stat().st_size)

    def staged_copy_is_whole(staged: Path) -> None:
        check_file(staged, data_key, thorough=False, damaged=damaged_backup)

    put_in_place(backup, target, check_staged=staged_copy_is_whole)
