"""Paths and typed settings. Every setting is declared once here with its default."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

APP_NAME = "Kehu"
DEFAULT_DB_NAME = "kehu.db"
MAX_RECENT_FILES = 8


def data_dir() -> Path:
    """Per-user data directory (KEHU_DATA_DIR overrides, e.g. for tests)."""
    override = os.environ.get("KEHU_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME



@dataclass
class Settings:
    """User settings stored as JSON in the data directory (nothing secret here)."""

    language: str = "system"  # system | zh | en
    idle_lock_minutes: int = 10
    default_owner: str = ""
    backups_to_keep: int = 10
    recent_files: list[str] | None = None
    # team servers opened ("Open team server…"): host, port, database, user, CA file;
    # never a password
    recent_servers: list[dict] | None = None
    # caps of one import, checked before a file is read whole (imports.reader.Limits):
    # rows of a sheet, size of the file, and rows × columns one sheet may span (the
    # spreadsheet reader holds ~32 bytes a cell: 30M cells is ~1 GB)
    import_max_rows: int = 1_000_000
    import_max_megabytes: int = 200
    import_max_cells: int = 30_000_000
    # the import wizard's last choice for probable duplicates: skip (review) | create
    import_probable: str = "skip"

    @classmethod
    def path(cls) -> Path:
        return data_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self) -> None:
        from app.store.atomic import atomic_write_bytes

        payload = json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8")
        atomic_write_bytes(self.path(), payload)

    def remember_recent_file(self, path: Path | str, *, save: bool = True) -> None:
        """Put `path` first in the recent files (absolute, unique, at most 8)."""
        entry = os.path.abspath(os.fspath(path))
        key = os.path.normcase(entry)
        older = [p for p in self.recent_files or []
                 if isinstance(p, str) and os.path.normcase(os.path.abspath(p)) != key]
        self.recent_files = [entry, *older][:MAX_RECENT_FILES]
        if save:
            self.save()

    def remember_recent_server(self, entry: dict, *, save: bool = True) -> None:
        """Put a server (ServerAddress.to_json(): no password) first, unique, at most 8."""
        allowed = ("host", "port", "database", "user", "ca_file")
        entry = {k: entry.get(k) for k in allowed}
        key = tuple(entry.get(k) for k in allowed[:4])
        older = [e for e in self.recent_servers or []
                 if isinstance(e, dict) and tuple(e.get(k) for k in allowed[:4]) != key]
        self.recent_servers = [entry, *older][:MAX_RECENT_FILES]
        if save:
            self.save()

    def existing_recent_files(self) -> list[Path]:
        """The recent files that still exist, most recent first (the list is not changed)."""
        return [Path(p) for p in self.recent_files or []
                if isinstance(p, str) and Path(p).is_file()]
