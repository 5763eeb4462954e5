"""What a killed process left beside a customer file, put right at the next open, before
anything reads the pair: an interrupted restore is completed or rolled back, and the temp
files of an interrupted key-file write, atomic copy or snapshot are removed (never one a
live writer still holds: they are locked while written)."""

from __future__ import annotations

import glob
from pathlib import Path

from app.store.atomic import remove_stray_temps, temp_pattern
from app.store.backups import PARTIAL_SUFFIX
from app.store.paths import backup_dir_for, key_header_path
from app.store.restore_swap import finish_interrupted


def tidy_beside(db_path: Path | str) -> list[Path]:
    """Returns the leftovers removed (an interrupted restore is finished silently)."""
    db_path = Path(db_path)
    if not db_path.parent.is_dir():
        return []
    finish_interrupted(db_path)
    removed = remove_stray_temps(db_path.parent, temp_pattern(db_path.name),
                                 temp_pattern(key_header_path(db_path).name))
    stem = glob.escape(db_path.stem)
    removed += remove_stray_temps(
        backup_dir_for(db_path),
        f".{stem}-*{PARTIAL_SUFFIX}", f".{stem}-*{PARTIAL_SUFFIX}-journal",
        f".{stem}-*.tmp")
    return removed
