"""Auto-lock after idle time and manual lock: the data key is dropped, the
window's content hidden, and the unlock dialog shown over the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.views.shell.app_context import AppContext


class LockController(QObject):
    about_to_lock = Signal()  # last chance to stop workers that use the file
    locked = Signal()
    unlocked = Signal()

    def __init__(self, ctx: AppContext, window: QWidget,
                 make_unlock_dialog: Callable[[QWidget], QDialog] | None = None):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._make_dialog = make_unlock_dialog or self._default_dialog
        self.dialog: QDialog | None = None
        from app.views.shell.idle_lock import IdleWatcher

        self.idle = IdleWatcher(ctx.settings.idle_lock_minutes, self)
        self.idle.idle.connect(self.lock)

    def _default_dialog(self, parent: QWidget) -> QDialog:
        from app.views.files.unlock_dialog import UnlockDialog

        return UnlockDialog(self.ctx.db_path, parent, allow_other_file=False)

    def lock(self) -> None:
        if self.ctx.is_locked:
            return
        self.idle.pause()
        self.about_to_lock.emit()
        self.ctx.lock()  # vault.lock(): connections closed, data key zeroed
        self.locked.emit()
        self.ask_to_unlock()

    def ask_to_unlock(self) -> None:
        """Show the unlock dialog (non-blocking); the window stays locked until it succeeds."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        self.dialog = self._make_dialog(self.window)
        self.dialog.setModal(True)
        self.dialog.finished.connect(self._dialog_finished)
        self.dialog.open()

    def _dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        vault = getattr(dialog, "vault", None)
        if result == QDialog.DialogCode.Accepted and vault is not None:
            self.ctx.set_unlocked(vault)
            self.idle.resume()
            self.unlocked.emit()
        dialog.deleteLater()
