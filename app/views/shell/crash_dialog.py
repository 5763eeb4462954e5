"""The one place unexpected errors reach: a dialog whose full text can be copied
(for a bug report), instead of a silent failure or a vanished window.

Expected failures that got this far (a typed KehuError, or a full disk, busy file,
read-only folder or disk error classified by app.store.faults) are not bugs: they are
shown as what they are, with their advice, never as "Unexpected error"."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def crash_text(exc_type, exc, tb) -> str:
    from app import __version__

    lines = traceback.format_exception(exc_type, exc, tb)
    return f"Kehu {__version__}, Python {sys.version.split()[0]}\n\n" + "".join(lines)


def show_crash(exc_type, exc, tb, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("CrashDialog", "Unexpected error"))
    box.setText(QCoreApplication.translate(
        "CrashDialog",
        "Kehu met an error it did not expect. Your saved data is safe; the action "
        "you were doing may not have finished.\n\n{0}").format(exc))
    text = crash_text(exc_type, exc, tb)
    box.setDetailedText(text)
    copy = box.addButton(QCoreApplication.translate("CrashDialog", "Copy details"),
                         QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()  # keep the box open after copying
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text))
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return box


def show_expected(exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
    from app.errors import DamagedFile

    box = QMessageBox(parent or QApplication.activeWindow())
    damaged = isinstance(exc, DamagedFile)
    box.setIcon(QMessageBox.Icon.Critical if damaged else QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("CrashDialog", "Kehu"))
    box.setText(str(exc))
    box.addButton(QMessageBox.StandardButton.Close)
    _keep_until_closed(box)
    box.open()
    return box


_open_boxes: set[QMessageBox] = set()


def _keep_until_closed(box: QMessageBox) -> None:
    """A box without a parent window would be deleted with its Python wrapper at once."""
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))


def install_excepthook() -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to the dialog."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        from app.store.faults import classify

        typed = classify(exc) if isinstance(exc, Exception) else None
        if typed is not None and QApplication.instance() is not None:
            show_expected(typed)
            return
        traceback.print_exception(exc_type, exc, tb)  # also on stderr, for logs
        if QApplication.instance() is not None:
            show_crash(exc_type, exc, tb)

    sys.excepthook = hook
