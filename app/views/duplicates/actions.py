"""The 客户 → 查找重复客户 menu item: `DuplicateActions(window, ctx, add_action, menu)`,
made by the main window; the window itself is imported and built when first used."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMenu

from app.views.shell.app_context import AppContext


class DuplicateActions(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext, add_action, menu: QMenu):
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.dialog = None  # DuplicatesDialog, made on first use
        self.act_find = add_action(self.tr("Find &duplicate customers…"), self.open,
                                   None, menu)
        locker = getattr(window, "locker", None)
        if locker is not None:  # workers finish before the file closes
            locker.about_to_lock.connect(self.shutdown)

    def open(self) -> None:
        if self.ctx.is_locked:
            return
        if self.dialog is None:
            from app.views.duplicates.duplicates_dialog import DuplicatesDialog

            self.dialog = DuplicatesDialog(self.ctx, self.window)
        self.dialog.start()

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.shutdown()
            self.dialog.close()
