"""Wait for a worker while the UI stays responsive: a busy progress dialog over
`parent`, a local event loop, and the result (or the worker's exception)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.workers import run_task


def run_with_busy_dialog(fn: Callable, *args, label: str, parent: QWidget | None = None):
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)  # key derivation cannot be interrupted half-way
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    loop = QEventLoop()
    outcome: dict = {}

    def done(result) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc) -> None:
        outcome["error"] = exc
        loop.quit()

    run_task(fn, *args, on_done=done, on_error=failed)
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
