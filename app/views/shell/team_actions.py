"""Team mode in the main window: File ▸ Open team server… (Ctrl+Shift+O), the window's
title and status line naming the open store (a file's path, or a server's address
without password), and the file-only actions (back up, change the file's password)
disabled on a team database, refusing in the TeamStore's words if reached anyway."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox

from app.views.shell.app_context import AppContext

SHORTCUT = "Ctrl+Shift+O"


def file_only_refusal(ctx: AppContext) -> str | None:
    """Why a file-only action cannot run here (the TeamStore's message), or None."""
    if not ctx.is_team or ctx.vault is None:
        return None
    from app.errors import KehuError

    try:
        ctx.vault.backup("manual")
    except KehuError as exc:
        return str(exc)
    return None


class TeamActions(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext, add_action, menu: QMenu):
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.act_open_server = add_action(self.tr("Open &team server…"), self.open_server,
                                          SHORTCUT, menu)

    def file_only_actions(self) -> list:
        w = self.window
        return [a for a in (getattr(w, "act_backup", None), getattr(w, "act_password", None))
                if a is not None]

    def title(self) -> str:
        if self.ctx.is_team:
            return self.tr("Kehu team database — {0}").format(self.ctx.store_label)
        name = self.ctx.db_path.name if self.ctx.db_path else ""
        return self.tr("Kehu customer file — {0}").format(name)

    def apply(self) -> None:
        """Title, status line and the file-only actions for the store now open."""
        w = self.window
        w.setWindowTitle(self.title())
        w.file_label.setText(self.ctx.store_label)
        tip = self.tr("A team database is backed up and its passwords kept by its "
                      "server's administrator.") if self.ctx.is_team else ""
        for action in self.file_only_actions():
            if self.ctx.is_team:
                action.setEnabled(False)
            action.setToolTip(tip or action.text().replace("&", ""))

    def refuse_file_only(self, title: str) -> bool:
        """True (after saying why) when the open store is a team database."""
        reason = file_only_refusal(self.ctx)
        if reason is None:
            return False
        QMessageBox.information(self.window, title, reason)
        return True

    def open_server(self) -> None:
        from app.views.files.server_dialog import ServerDialog

        w = self.window
        if w.dossier.has_unsaved_changes() and not w._confirm_discard():
            return
        dialog = ServerDialog(w, settings=self.ctx.settings)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.store is not None:
            w.locker.switch_to(dialog.store)
        dialog.deleteLater()
