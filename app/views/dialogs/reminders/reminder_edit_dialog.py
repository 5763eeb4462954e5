"""Create a reminder for a customer, or edit an open/snoozed one: due date and time,
title and note. A new reminder is due tomorrow at 09:00 unless changed.

Editing sends only what changed (reminder_service.edit_reminder), so a snoozed
reminder stays snoozed unless its due time is changed. One row: written on the UI
thread; typed errors are shown in the dialog, which stays open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.errors import KehuError
from app.services import customer_service, reminder_service
from app.services.reminder_service import TITLE_LIMIT, ReminderRow
from app.views.app_context import AppContext
from app.views.dialogs.reminders.dialog_fields import (
    ErrorLabel,
    datetime_edit,
    edit_value,
    tomorrow_morning,
)


class ReminderEditDialog(QDialog):
    saved = Signal(int)  # the reminder id, after the transaction committed

    clock: Callable[[], datetime] = datetime.now

    def __init__(self, ctx: AppContext, customer_id: int, reminder: ReminderRow | None = None,
                 parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.reminder = reminder
        self.setWindowTitle(self.tr("New reminder") if reminder is None
                            else self.tr("Edit reminder"))
        self.setMinimumWidth(440)

        self.customer_label = QLabel(self._customer_text())
        self.customer_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        due = reminder.due_at if reminder is not None else tomorrow_morning(self.clock())
        self.due = datetime_edit(due)
        self.due.setToolTip(self.tr("Day and time the reminder comes due"))
        self.past_note = QLabel(self.tr("This time has passed: the reminder is overdue at once."))
        self.past_note.setStyleSheet("color: palette(placeholder-text)")
        self.past_note.setWordWrap(True)
        self.title_edit = QLineEdit(reminder.title if reminder else "")
        self.title_edit.setMaxLength(TITLE_LIMIT)
        self.title_edit.setPlaceholderText(self.tr("e.g. Call back about the renewal"))
        self.note = QPlainTextEdit((reminder.note or "") if reminder else "")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("Optional"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Due:"), self.due)
        form.addRow("", self.past_note)
        form.addRow(self.tr("Title:"), self.title_edit)
        form.addRow(self.tr("Note:"), self.note)
        self.error = ErrorLabel()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if self.customer_label.text():
            layout.addWidget(self.customer_label)
        else:
            self.customer_label.hide()
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.title_edit.textChanged.connect(self._update)
        self.note.textChanged.connect(self.error.clear)
        self.due.dateTimeChanged.connect(self._update)
        ctx.locked.connect(self._on_locked)
        self._update()
        self.title_edit.setFocus()

    def _customer_text(self) -> str:
        if self.reminder is not None:
            r = self.reminder
            return self.tr("For {0} ({1})").format(r.customer_name, r.customer_code)
        if self.ctx.is_locked:
            return ""
        try:
            with self.ctx.sessions()() as session:
                row = customer_service.get_customer(session, self.customer_id)
        except KehuError:
            return ""
        return self.tr("For {0} ({1})").format(row.name, row.code)

    def _update(self) -> None:
        self.error.clear()
        self.past_note.setVisible(edit_value(self.due) <= self.clock())
        self.ok.setEnabled(bool(self.title_edit.text().strip()) and not self.ctx.is_locked)

    def changes(self) -> dict:
        """The fields that differ from the reminder being edited (all for a new one)."""
        values = {"due_at": edit_value(self.due), "title": self.title_edit.text(),
                  "note": self.note.toPlainText() or None}
        r = self.reminder
        if r is None:
            return values
        old = {"due_at": r.due_at.replace(second=0, microsecond=0), "title": r.title,
               "note": r.note or None}
        return {k: v for k, v in values.items() if v != old[k]}

    def save(self) -> bool:
        """Write the reminder; True when written (the dialog is then accepted)."""
        if not self.ok.isEnabled():
            return False
        changes = self.changes()
        try:
            with self.ctx.sessions().begin() as session:
                if self.reminder is None:
                    row = reminder_service.create_reminder(
                        session, self.customer_id, now=self.clock(), **changes)
                elif changes:
                    row = reminder_service.edit_reminder(session, self.reminder.id, changes,
                                                         now=self.clock())
                else:
                    row = self.reminder
        except KehuError as exc:
            self.error.show_error(exc)
            return False
        self.saved.emit(row.id)
        if row is not self.reminder:
            self.ctx.data_changed.emit()
        self.accept()
        return True

    def _on_locked(self) -> None:
        if self.isVisible():
            self.reject()
