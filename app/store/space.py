"""Free space, checked before writing big things (import, backup, export, report,
migration), so nothing starts that cannot finish."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app.errors import DiskFull

# Room kept free beyond the estimate: SQLite's journal/WAL and the file system's own needs.
MARGIN = 8 * 2**20


def free_bytes(path: Path | str) -> int:
    """Free bytes on the file system of `path` (its nearest existing parent)."""
    probe = Path(path)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return shutil.disk_usage(probe).free


def ensure_free(path: Path | str, needed: int, *, margin: int = MARGIN) -> None:
    """Raise DiskFull (naming free and needed space) unless `needed` + margin bytes fit."""
    free = free_bytes(path)
    if free < needed + margin:
        raise DiskFull(os.fspath(path), needed=needed + margin, free=free)
