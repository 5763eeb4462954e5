"""The Tiers menu of the main window: recompute tiers, edit the rules, plan revisits.
Dialogs are imported when first used, not at start-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.errors import KehuError
from app.models.base import now
from app.views.app_context import AppContext
from app.views.busy import run_with_busy_dialog


def recompute_now(sessions, clock: Callable[[], datetime]):
    from app.services.tier_service import recompute

    with sessions.begin() as session:
        return recompute(session, clock().date(), clock=clock)


class TierActions(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext, add_action,
                 clock: Callable[[], datetime] = now):
        super().__init__(window)
        self.window, self.ctx, self.clock = window, ctx, clock
        menu = window.menuBar().addMenu(self.tr("Tie&rs"))
        self.act_recompute = add_action(self.tr("&Recompute tiers"), self.recompute,
                                        "Ctrl+Shift+R", menu)
        self.act_rules = add_action(self.tr("Tiering r&ules…"), self.edit_rules, None, menu)
        menu.addSeparator()
        self.act_plan = add_action(self.tr("&Plan revisits…"), self.plan, "Ctrl+Shift+P", menu)
        self.actions = (self.act_recompute, self.act_rules, self.act_plan)

    def set_enabled(self, enabled: bool) -> None:
        for action in self.actions:
            action.setEnabled(enabled)

    def recompute(self) -> None:
        try:
            result = run_with_busy_dialog(recompute_now, self.ctx.sessions(), self.clock,
                                          label=self.tr("Recomputing tiers…"),
                                          parent=self.window)
        except KehuError as exc:
            QMessageBox.warning(self.window, self.tr("Recompute tiers"), str(exc))
            return
        self.ctx.data_changed.emit()
        self.window.statusBar().showMessage(
            self.tr("Tiers recomputed: {0:,} customers, {1:,} changed.").format(
                result.customers, result.changed), 8000)

    def edit_rules(self) -> None:
        from app.views.dialogs.tiers.rules_dialog import RulesDialog

        dialog = RulesDialog(self.ctx, self.window, clock=self.clock)
        if dialog.exec():
            result = dialog.saved_summary
            self.window.statusBar().showMessage(
                self.tr("Rules saved (version {0}); {1:,} customers changed tier or "
                        "stage.").format(result.rule_set_version, result.changed), 8000)

    def plan(self) -> None:
        from app.views.dialogs.tiers.plan_dialog import PlanDialog

        PlanDialog(self.ctx, self.window, clock=self.clock).exec()
