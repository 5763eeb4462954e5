"""Where the files that belong to a customer file live: beside it."""

from __future__ import annotations

from pathlib import Path

KEY_HEADER_SUFFIX = ".keys"


def key_header_path(db_path: Path | str) -> Path:
    """The key-slot header lives beside the database: kehu.db → kehu.db.keys."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + KEY_HEADER_SUFFIX)


def backup_dir_for(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.parent / "backups"
