"""The customer's reminders, the ones still to do first (by due time, overdue in red),
then the done and cancelled ones (newest first), with the actions on them: New…,
Edit…, Complete…, Snooze ▸ and Cancel, enabled by the selected reminder's status.

The list holds reminder_service's frozen rows (dossier_service.reminders); an action
works on the selected one and the service refuses a reminder finished meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolButton
from sqlalchemy.orm import Session, sessionmaker

from app.services.customers import dossier as dossier_service
from app.services.daily import reminders as reminder_service
from app.services.daily.reminders import ACTIVE_STATUSES, ReminderRow
from app.views.dossier import dossier_columns
from app.views.dossier.list_models import MarkedRowModel
from app.views.dossier.live_tab import RecordListTab, action_bar, record_table
from app.views.dossier.records_tab import fit_columns
from app.views.reminders.complete_reminder_dialog import CompleteReminderDialog
from app.views.reminders.reminder_edit_dialog import ReminderEditDialog
from app.views.reminders.snooze_menu import snooze, snooze_menu
from app.views.shell.app_context import AppContext

WITH_CHILDREN = Qt.ShortcutContext.WidgetWithChildrenShortcut
SHORTCUTS = {"new": "Ins", "edit": "F2", "complete": "Ctrl+Return", "snooze": "Ctrl+Shift+S",
             "cancel": "Ctrl+Del"}


def reminders_in_order(rows) -> list[ReminderRow]:
    """Still to do (open, snoozed) by due time, then the rest newest first."""
    active = sorted((r for r in rows if r.status in ACTIVE_STATUSES),
                    key=lambda r: (r.due_at, r.id))
    finished = sorted((r for r in rows if r.status not in ACTIVE_STATUSES),
                      key=lambda r: (r.due_at, r.id), reverse=True)
    return active + finished


def read_reminders(sessions: sessionmaker[Session], customer_id: int) -> list[ReminderRow]:
    with sessions() as session:
        return list(dossier_service.reminders(session, customer_id).rows)


class RemindersTab(RecordListTab):
    reminder_completed = Signal(int)

    clock: Callable[[], datetime] = datetime.now

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self._now = self.clock()  # "overdue" as of the last read
        self.model = MarkedRowModel(dossier_columns.reminder_columns(self._is_overdue,
                                                                    ctx.screen_mask),
                                    self._is_overdue, self.tr("Overdue"), parent=self)
        ctx.screen_mask.changed.connect(self.model.layoutChanged.emit)  # drawn again
        self.view = record_table(self.model)
        self.view.activated.connect(lambda _i: self.complete_selected())  # Enter, double-click
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.new_action = QAction(self.tr("New…"), self)
        self.edit_action = QAction(self.tr("Edit…"), self)
        self.complete_action = QAction(self.tr("Complete…"), self)
        self.snooze_action = QAction(self.tr("Snooze"), self)
        self.snooze_menu = snooze_menu(self, self._snooze_selected)
        self.cancel_action = QAction(self.tr("Cancel reminder"), self)
        tips = {
            "new": self.tr("A new reminder for this customer"),
            "edit": self.tr("Change the due time, title or note"),
            "complete": self.tr("Record what happened and mark the reminder done"),
            "snooze": self.tr("Move the due time later"),
            "cancel": self.tr("Drop this reminder (it stays in the list as cancelled)"),
        }
        self.toolbar = action_bar()
        for key, action in self.actions_by_key().items():
            action.setShortcut(QKeySequence(SHORTCUTS[key]))
            action.setShortcutContext(WITH_CHILDREN)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tips[key]} ({keys})")
            self.addAction(action)  # the keys work wherever the focus is in this tab
            self.toolbar.addAction(action)
            if key == "new":
                self.toolbar.addSeparator()
        # The menu on the button, not on the action: a menu re-enables its menu action
        # whenever its parent widget is enabled again (the dossier's tabs are).
        snooze_button = self.toolbar.widgetForAction(self.snooze_action)
        snooze_button.setMenu(self.snooze_menu)
        snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_action.triggered.connect(self.new_reminder)
        self.edit_action.triggered.connect(self.edit_selected)
        self.complete_action.triggered.connect(self.complete_selected)
        self.snooze_action.triggered.connect(self._show_snooze)
        self.cancel_action.triggered.connect(self.cancel_selected)
        self.lay_out(self.view)

    def actions_by_key(self) -> dict[str, QAction]:
        return {"new": self.new_action, "edit": self.edit_action,
                "complete": self.complete_action, "snooze": self.snooze_action,
                "cancel": self.cancel_action}

    def button(self, key: str) -> QToolButton:
        """The toolbar button of an action ("new", "edit", "complete", "snooze", "cancel")."""
        return self.toolbar.widgetForAction(self.actions_by_key()[key])

    def _is_overdue(self, row: ReminderRow) -> bool:
        return row.status in ACTIVE_STATUSES and row.due_at < self._now

    # ------------------------------------------------------------ LiveTab
    def fetcher(self):
        return read_reminders

    def apply(self, rows: list[ReminderRow]) -> bool:
        keep = self.row_to_keep()
        self._now = self.clock()
        self.model.set_rows(reminders_in_order(rows))
        if rows:
            fit_columns(self.view)
            self.select(keep)
        return bool(rows)

    def clear_rows(self) -> None:
        self.model.clear()

    def empty_text(self) -> str:
        return self.tr("No reminders for this customer. Press “New…” to add one, or "
                       "tick “Follow up” when logging a contact.")

    def update_actions(self) -> None:
        active = self._active_row() is not None
        self.new_action.setEnabled(self.can_change())
        for action in (self.edit_action, self.complete_action, self.snooze_action,
                       self.cancel_action):
            action.setEnabled(active)

    # ------------------------------------------------------------ actions
    def _active_row(self) -> ReminderRow | None:
        row = self.selected_row()
        return row if row is not None and row.is_active and self.can_change() else None

    def new_reminder(self) -> None:
        if not self.can_change():
            return
        dialog = ReminderEditDialog(self.ctx, self.customer_id, parent=self)
        self.run_dialog(dialog, created=dialog.saved)

    def edit_selected(self) -> None:
        row = self._active_row()
        if row is not None:
            self.run_dialog(ReminderEditDialog(self.ctx, row.customer_id, row, parent=self))

    def complete_selected(self) -> None:
        row = self._active_row()
        if row is not None:
            dialog = CompleteReminderDialog(self.ctx, row, parent=self)
            dialog.completed.connect(self.reminder_completed)
            self.run_dialog(dialog)

    def cancel_selected(self) -> None:
        row = self._active_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Cancel reminder"),
            self.tr("Cancel the reminder “{0}”? It stays in the list as cancelled and cannot "
                    "be reopened.").format(row.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def cancel() -> None:
            with self.ctx.sessions().begin() as session:
                reminder_service.cancel_reminder(session, row.id, now=self.clock())

        if self.run_action(cancel, self.tr("Cancel reminder")):
            self.ctx.data_changed.emit()

    def _snooze_selected(self, until) -> None:
        row = self._active_row()
        if row is None:
            return
        self.run_action(lambda: snooze(self.ctx, row.id, until), self.tr("Snooze"))

    def _show_snooze(self) -> None:
        if self.snooze_action.isEnabled():
            self.button("snooze").showMenu()
