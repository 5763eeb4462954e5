"""Auto-lock after idle time and manual lock: the data key is dropped, the
window's content hidden, and the unlock dialog shown over the window."""

from __future__ import annotations

import math
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
        self.notice = ""  # why the file locked, when not by the user's own hand
        from app.views.shell.idle_lock import IdleWatcher

        self.idle = IdleWatcher(ctx.settings.idle_lock_minutes, self)
        self.idle.idle.connect(self.lock_for_idle)

    def _default_dialog(self, parent: QWidget) -> QDialog:
        if self.ctx.is_team:  # reconnect; the password again if libpq has none
            from app.views.files.server_dialog import ServerDialog

            return ServerDialog(parent, fixed=self.ctx.team_url)
        from app.views.files.unlock_dialog import UnlockDialog

        return UnlockDialog(self.ctx.db_path, parent, allow_other_file=False)

    def lock(self) -> None:
        """Lock now (Ctrl+L, the Lock button): the user knows why."""
        self._lock("")

    def lock_for_idle(self) -> None:
        """Lock after the idle time: the unlock dialog says so, or a person coming back
        finds the file locked and cannot tell whether someone locked it or why."""
        minutes = max(1, math.ceil(self.idle.interval_ms / 60_000))
        text = self.tr("Locked after 1 minute of inactivity.") if minutes == 1 else \
            self.tr("Locked after {0} minutes of inactivity.").format(minutes)
        self._lock(text)

    def _lock(self, notice: str) -> None:
        if self.ctx.is_locked:
            return
        self.notice = notice
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
        if self.notice and hasattr(self.dialog, "show_notice"):
            self.dialog.show_notice(self.notice)
        self.dialog.setModal(True)
        self.dialog.finished.connect(self._dialog_finished)
        self.dialog.open()

    def _dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        vault = getattr(dialog, "vault", None) or getattr(dialog, "store", None)
        if result == QDialog.DialogCode.Accepted and vault is not None:
            self.ctx.set_unlocked(vault)
            self.notice = ""
            self.idle.resume()
            self.unlocked.emit()
        dialog.deleteLater()

    def switch_to(self, store) -> None:
        """Work on another open store (a team server opened from the File menu): the
        current one is closed as by a lock, the views reload from the new one."""
        self.about_to_lock.emit()
        self.ctx.lock()
        self.ctx.set_unlocked(store)
        self.notice = ""
        self.idle.resume()
        self.unlocked.emit()
