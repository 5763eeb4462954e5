"""The head-office exchange in the File menu: import from Excel, undo the last import,
export to Excel and consolidate branch workbooks. Dialogs are imported when first used."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMenu

from app.views.shell.app_context import AppContext


class ExchangeActions(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext, add_action, menu: QMenu):
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.act_import = add_action(self.tr("&Import from Excel…"), self.import_excel,
                                     "Ctrl+I", menu)
        # The wizard's own undo button is gone once it closes; this one stays.
        self.act_undo_import = add_action(self.tr("&Undo last import…"), self.undo_import,
                                          None, menu)
        self.act_export = add_action(self.tr("&Export to Excel…"), self.export, "Ctrl+E", menu)
        self.act_consolidate = add_action(self.tr("&Consolidate branch workbooks…"),
                                          self.consolidate, None, menu)

    def import_excel(self) -> None:
        from app.views.imports.import_wizard import ImportWizard

        if not self.ctx.is_locked:  # the wizard emits ctx.data_changed after apply/undo
            ImportWizard(self.ctx, self.window).exec()

    def undo_import(self) -> None:
        from app.views.imports.undo_last import undo_last_import

        undo_last_import(self.window, self.ctx)

    def export(self) -> None:
        from app.views.exports import launch

        launch.export(self.window)

    def consolidate(self) -> None:
        from app.views.exports import launch

        launch.consolidate(self.window)
