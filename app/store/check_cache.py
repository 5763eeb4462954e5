"""Remembers that a file passed its page check, so that CLI commands on an unchanged file
do not pay the check again (≈ 2 s at 100k customers; see `make bench`).

A file counts as unchanged while its size, inode, mtime and ctime are what they were right
after the check (any write changes mtime and ctime; `touch` cannot set ctime back). The
note lives in the per-user data directory, not beside the customer file, and is only a
shortcut: pages read by a command are verified by SQLCipher's HMAC in any case, and the
GUI checks every page after every unlock regardless."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from app.store.atomic import atomic_write_bytes

KEEP = 20  # files remembered


def _stamp(db_path: Path) -> list[int] | None:
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    return [st.st_size, st.st_ino, st.st_dev, st.st_mtime_ns, st.st_ctime_ns]


def _load(note: Path) -> dict:
    with contextlib.suppress(OSError, ValueError):
        doc = json.loads(Path(note).read_text("utf-8"))
        if isinstance(doc, dict):
            return doc
    return {}


def passed_before(note: Path | str, db_path: Path | str) -> bool:
    stamp = _stamp(Path(db_path))
    return stamp is not None and _load(Path(note)).get(str(Path(db_path).resolve())) == stamp


def remember_passed(note: Path | str, db_path: Path | str) -> None:
    """Best effort: a full or read-only disk only means the next command checks again."""
    stamp = _stamp(Path(db_path))
    if stamp is None:
        return
    doc = _load(Path(note))
    doc.pop(str(Path(db_path).resolve()), None)
    doc[str(Path(db_path).resolve())] = stamp
    kept = dict(list(doc.items())[-KEEP:])
    with contextlib.suppress(OSError):
        atomic_write_bytes(note, (json.dumps(kept, ensure_ascii=False) + "\n").encode())


def forget(note: Path | str, db_path: Path | str) -> None:
    doc = _load(Path(note))
    if doc.pop(str(Path(db_path).resolve()), None) is not None:
        with contextlib.suppress(OSError):
            atomic_write_bytes(note, (json.dumps(doc, ensure_ascii=False) + "\n").encode())
