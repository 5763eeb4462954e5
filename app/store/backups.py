"""Encrypted snapshots of the customer file, kept in a rotating set.

A snapshot is taken with SQLite's online backup API on the keyed connection, so
it is consistent and encrypted with the same data key; the key header is copied
beside it, so every backup opens with the password current at backup time.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from app.errors import DamagedFile, TargetExists
from app.store.atomic import atomic_copy
from app.store.engine import raw_key_pragma_value, verify_encrypted_file
from app.store.paths import backup_dir_for, key_header_path

_SAFE = re.compile(r"[^0-9A-Za-z_.-]+")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int


def snapshot(engine: Engine, data_key: bytes, target: Path) -> Path:
    """Write a consistent encrypted copy of the engine's database to `target`."""
    import sqlcipher3

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    dst = sqlcipher3.connect(str(tmp))
    try:
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
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def take_backup(
    engine: Engine, data_key: bytes, db_path: Path, reason: str, *,
    directory: Path | None = None, keep: int = 10,
) -> Path:
    """Snapshot + key header into the backup directory, then prune old ones."""
    directory = Path(directory) if directory else backup_dir_for(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    name = f"{Path(db_path).stem}-{stamp}-{_SAFE.sub('_', reason)[:40]}.db"
    target = directory / name
    # Header first: a snapshot without its header could never be opened.
    atomic_copy(key_header_path(db_path), key_header_path(target))
    snapshot(engine, data_key, target)
    if keep > 0:
        prune(directory, Path(db_path).stem, keep)
    return target


def list_backups(directory: Path, stem: str | None = None) -> list[BackupInfo]:
    """Newest first."""
    if not Path(directory).is_dir():
        return []
    found = []
    for path in Path(directory).glob("*.db"):
        if stem and not path.name.startswith(stem + "-"):
            continue
        stat = path.stat()
        found.append(BackupInfo(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def prune(directory: Path, stem: str, keep: int) -> None:
    for old in list_backups(directory, stem)[keep:]:
        for path in (old.path, key_header_path(old.path)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def restore(backup: Path, target: Path, data_key: bytes, *, overwrite: bool = False) -> None:
    """Copy a verified backup (and its key header) to `target`.

    `data_key` is the backup's key (unlocked from its header by the caller), so a
    backup is checked to open before anything at the target is replaced.
    """
    backup, target = Path(backup), Path(target)
    if not key_header_path(backup).is_file():
        raise DamagedFile(
            f"The backup {backup} has no key file beside it ({key_header_path(backup).name}).",
            f"备份 {backup} 旁缺少密钥文件（{key_header_path(backup).name}）。",
        )
    verify_encrypted_file(backup, data_key)
    if target.exists() and not overwrite:
        raise TargetExists(
            f"{target} already exists; choose another name or move it away first.",
            f"{target} 已存在，请换一个文件名或先将其移走。",
        )
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{target}{suffix}")
    atomic_copy(backup, target)
    atomic_copy(key_header_path(backup), key_header_path(target))
