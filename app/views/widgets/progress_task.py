"""A service call in a worker behind a cancellable, window-modal progress dialog.

    task = ProgressTask(parent, label, fn, *args, on_done=..., on_error=...)

`fn` may take `progress` and `cancel` (see app.workers). The dialog is gone before
on_done(result) or on_error(exc) runs; Cancel asks the worker to stop, and the
service then raises (nothing written) or returns early.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.workers import run_task


class ProgressTask:
    def __init__(self, parent: QWidget, label: str, fn: Callable, *args,
                 on_done: Callable, on_error: Callable, title: str | None = None):
        self.dialog: QProgressDialog | None = QProgressDialog(
            label, QCoreApplication.translate("ProgressTask", "Cancel"), 0, 0, parent)
        # Untitled, the window manager shows the application's name ("Kehu") in any
        # language: name it after the window it works for (or `title`).
        self.dialog.setWindowTitle(title or parent.window().windowTitle())
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self._on_done, self._on_error = on_done, on_error
        self.task = run_task(fn, *args, on_done=self._done, on_error=self._failed,
                             on_progress=self._progressed)
        self.dialog.canceled.connect(self.task.cancel)

    def cancel(self) -> None:
        self.task.cancel()

    def _progressed(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(done)

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, result) -> None:
        self._close()
        self._on_done(result)

    def _failed(self, exc: BaseException) -> None:
        self._close()
        self._on_error(exc)
