"""Create a reminder for a customer, or edit an open/snoozed one: due date and time,
title and note. A new reminder is due tomorrow at 09:00 unless changed.

Editing sends only what changed (reminder_service.edit_reminder), so a snoozed
reminder stays snoozed unless its due time is changed. One row: written on the UI
thread; typed errors are shown in the dialog, which stays open (RecordDialog)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit
from sqlalchemy.orm import Session

from app.services.daily import reminders as reminder_service
from app.services.daily.reminders import TITLE_LIMIT, ReminderRow
from app.views.reminders.dialog_fields import datetime_edit, edit_value, text_box, tomorrow_morning
from app.views.shell.app_context import AppContext
from app.views.widgets.record_dialog import RecordDialog, customer_name_code


class ReminderEditDialog(RecordDialog):
    saved = Signal(int)  # the reminder id, after the transaction committed

    def __init__(self, ctx: AppContext, customer_id: int, reminder: ReminderRow | None = None,
                 parent=None):
        super().__init__(ctx, parent, min_width=440,
                         ok_button=QDialogButtonBox.StandardButton.Save)
        self.customer_id = customer_id
        self.reminder = reminder
        self.setWindowTitle(self.tr("New reminder") if reminder is None
                            else self.tr("Edit reminder"))

        self.customer_label = QLabel(self._customer_text())
        self.customer_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.customer_label.setVisible(bool(self.customer_label.text()))
        due = reminder.due_at if reminder is not None else tomorrow_morning(self.clock())
        self.due = datetime_edit(due)
        self.due.setToolTip(self.tr("Day and time the reminder comes due"))
        self.past_note = QLabel(self.tr("This time has passed: the reminder is overdue at once."))
        self.past_note.setStyleSheet("color: palette(placeholder-text)")
        self.past_note.setWordWrap(True)
        self.title_edit = QLineEdit(reminder.title if reminder else "")
        self.title_edit.setMaxLength(TITLE_LIMIT)
        self.title_edit.setPlaceholderText(self.tr("e.g. Call back about the renewal"))
        self.note = text_box(self.tr("Optional"), 4,
                             (reminder.note or "") if reminder else "")
        self.form.addRow(self.tr("Due:"), self.due)
        self.form.addRow("", self.past_note)
        self.form.addRow(self.tr("Title:"), self.title_edit)
        self.form.addRow(self.tr("Note:"), self.note)
        self.lay_out(self.customer_label)

        self.title_edit.textChanged.connect(self._update)
        self.note.textChanged.connect(self.error.clear)
        self.due.dateTimeChanged.connect(self._update)
        self._update()
        self.title_edit.setFocus()

    def _customer_text(self) -> str:
        if self.reminder is not None:
            r = self.reminder
            return self.tr("For {0} ({1})").format(r.customer_name, r.customer_code)
        found = customer_name_code(self.ctx, self.customer_id)
        return self.tr("For {0} ({1})").format(*found) if found else ""

    def _update(self) -> None:
        self.past_note.setVisible(edit_value(self.due) <= self.clock())
        self.set_ready(bool(self.title_edit.text().strip()))

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

    # ------------------------------------------------------------ RecordDialog
    def write(self, session: Session) -> ReminderRow | None:
        """The new or edited reminder; None when an edit changed nothing."""
        changes = self.changes()
        if self.reminder is None:
            return reminder_service.create_reminder(
                session, self.customer_id, now=self.clock(), **changes)
        if changes:
            return reminder_service.edit_reminder(  # refused if saved by someone since
                session, self.reminder.id, changes, now=self.clock(),
                expected_version=self.reminder.version)
        return None

    def written(self, result: ReminderRow | None) -> None:
        self.saved.emit((result or self.reminder).id)
