"""After a file was saved for the user: say where, offer to open its folder, and say so
plainly when the desktop cannot open folders (no file launcher, e.g. a bare X session:
QDesktopServices.openUrl returns False and Qt only logs "Unable to detect a launcher")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def offer_folder(parent: QWidget, title: str, path: Path, saved: str) -> bool:
    """`saved` (the message naming the file) and the question whether to open the folder;
    True when the folder was opened."""
    translate = QCoreApplication.translate
    answer = QMessageBox.question(
        parent, title, saved + "\n\n" + translate("SavedFile", "Open the folder?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
        return True
    QMessageBox.warning(parent, title, translate(
        "SavedFile", "This desktop cannot open folders or files from Kehu. The file was "
        "saved here; open it from your file manager:\n%1").replace("%1", str(path)))
    return False
