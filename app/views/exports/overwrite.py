"""Never replace a file silently: the exchange dialogs suggest a free name and, when the
path given is a file already, ask before writing over it — whether the path was typed,
suggested earlier, or chosen in a file dialog that did not ask (a suffix added after)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def may_write(parent: QWidget, title: str, path: Path, confirmed: Path | None) -> bool:
    """True when nothing is at `path`, the file dialog already asked (`confirmed`), or
    the user agrees now to replace it."""
    if not path.exists() or path == confirmed:
        return True
    answer = QMessageBox.question(
        parent, title,
        QCoreApplication.translate("Overwrite", "%1 already exists. Replace it?")
        .replace("%1", str(path)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
