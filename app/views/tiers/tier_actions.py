"""The Tiers menu of the main window: recompute tiers, edit the rules, plan revisits.
Dialogs are imported when first used, not at start-up."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.errors import KehuError
from app.models.base import now
from app.views.shell.app_context import AppContext
from app.views.widgets.busy import run_with_busy_dialog

log = logging.getLogger(__name__)


def recompute_now(sessions, clock: Callable[[], datetime]):
    from app.services.tiers.service import recompute

    with sessions.begin() as session:
        return recompute(session, clock().date(), clock=clock)


def refresh_stale(sessions, clock: Callable[[], datetime]):
    from app.services.tiers.service import refresh_if_stale

    with sessions.begin() as session:
        return refresh_if_stale(session, clock=clock)


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
        self.refreshing = False
        ctx.unlocked.connect(self.refresh_if_stale)

    def set_enabled(self, enabled: bool) -> None:
        for action in self.actions:
            action.setEnabled(enabled)

    def refresh_if_stale(self) -> None:
        """Bring the tiers up to today in the background (at start and after
        unlocking), quietly: a failure only leaves yesterday's tiers."""
        from app.workers import run_task

        if self.refreshing or self.ctx.is_locked:
            return
        self.refreshing = True
        run_task(refresh_stale, self.ctx.sessions(), self.clock,
                 on_done=self._refreshed, on_error=self._refresh_failed)

    def _refreshed(self, result) -> None:
        self.refreshing = False
        if result is None:
            return
        if result.rewritten:
            self.ctx.data_changed.emit()
        self.window.statusBar().showMessage(
            self.tr("Tiers brought up to date: {0:,} customers changed tier or stage.").format(
                result.changed), 8000)
        if result.loyalty:  # the tiers stand; the points run wrote nothing
            self.show_loyalty_failure(result.loyalty)

    def show_loyalty_failure(self, reason: str) -> None:
        """The daily points run could not follow the tiers: say so, and what it means."""
        QMessageBox.warning(self.window, self.tr("Points not brought up to date"), self.tr(
            "The tiers are up to date, but points and member levels could not follow: "
            "{0}\n\nNothing of today's points run was written: purchases since the last "
            "run have not earned points yet, expired points are still counted and member "
            "levels are as before. It is tried again the next time the file is opened, "
            "and can be run by hand with `kehu points run`.").format(reason.rstrip(".。")))

    def _refresh_failed(self, exc: BaseException) -> None:
        """Said in the status bar, not a dialog (nobody asked for the run): a typed
        error in its own words (no rights, server gone, disk full…), anything else by
        its kind, with the details in the log, never the raw SQL."""
        self.refreshing = False
        if isinstance(exc, KehuError):
            why = str(exc)
        else:
            log.error("start-up tier refresh failed: %s",
                      getattr(exc, "__traceback_text__", repr(exc)))
            why = self.tr("an unexpected error ({0}); the details are in the log").format(
                type(exc).__name__)
        self.window.statusBar().showMessage(
            self.tr("Tiers could not be brought up to date: {0}").format(why), 30000)

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
        from app.views.tiers.rules_dialog import RulesDialog

        dialog = RulesDialog(self.ctx, self.window, clock=self.clock)
        if dialog.exec():
            result = dialog.saved_summary
            self.window.statusBar().showMessage(
                self.tr("Rules saved (version {0}); {1:,} customers changed tier or "
                        "stage.").format(result.rule_set_version, result.changed), 8000)

    def plan(self) -> None:
        from app.views.tiers.plan_dialog import PlanDialog

        PlanDialog(self.ctx, self.window, clock=self.clock).exec()
