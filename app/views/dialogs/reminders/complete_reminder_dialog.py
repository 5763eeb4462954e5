"""Complete a reminder: what happened (required), how and why the customer was reached,
and an optional satisfaction score. The outcome is recorded as a contact event linked
to the reminder (reminder_service.complete_reminder), both in one transaction.

One row is written, so it runs on the UI thread. A typed error (the reminder was
completed or cancelled meanwhile, a field too long…) is shown in the dialog, which
stays open. Locking the file closes the dialog: nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.errors import KehuError
from app.models.enums import Channel, Purpose
from app.services import reminder_service
from app.services.reminder_service import ReminderRow
from app.views.app_context import AppContext
from app.views.dialogs.reminders.dialog_fields import ErrorLabel, ScoreCombo, code_combo
from app.views.formatting import format_datetime, label


class CompleteReminderDialog(QDialog):
    completed = Signal(int)  # the reminder id, after the transaction committed

    clock: Callable[[], datetime] = datetime.now

    def __init__(self, ctx: AppContext, reminder: ReminderRow, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.reminder = reminder
        self.setWindowTitle(self.tr("Complete reminder"))
        self.setMinimumWidth(460)

        who = " · ".join(p for p in (f"{reminder.customer_name} ({reminder.customer_code})",
                                     reminder.customer_phone) if p)
        self.customer_label = QLabel(who)
        self.customer_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label = QLabel(reminder.title)
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.due_label = QLabel(self.tr("Due {0} · {1}").format(
            format_datetime(reminder.due_at), label("reminder_kind", reminder.kind)))
        self.due_label.setStyleSheet("color: palette(placeholder-text)")

        self.outcome = QPlainTextEdit()
        self.outcome.setTabChangesFocus(True)
        self.outcome.setPlaceholderText(self.tr("What happened? (required)"))
        self.outcome.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.channel = code_combo("channel", Channel.PHONE)
        self.purpose = code_combo("purpose", Purpose.REVISIT)
        self.satisfaction = ScoreCombo()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Outcome:"), self.outcome)
        form.addRow(self.tr("Channel:"), self.channel)
        form.addRow(self.tr("Purpose:"), self.purpose)
        form.addRow(self.tr("Satisfaction:"), self.satisfaction)
        self.error = ErrorLabel()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Complete"))
        self.ok.setToolTip(self.tr("Record the outcome and mark the reminder done (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.complete)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.complete)

        layout = QVBoxLayout(self)
        layout.addWidget(self.customer_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.due_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.outcome.textChanged.connect(self._update)
        ctx.locked.connect(self._on_locked)
        self._update()
        self.outcome.setFocus()

    def _update(self) -> None:
        self.error.clear()
        self.ok.setEnabled(bool(self.outcome.toPlainText().strip()) and not self.ctx.is_locked)

    def complete(self) -> bool:
        """Record the outcome; True when it was written (the dialog is then accepted)."""
        if not self.ok.isEnabled():
            return False
        try:
            with self.ctx.sessions().begin() as session:
                reminder_service.complete_reminder(
                    session, self.reminder.id, outcome=self.outcome.toPlainText(),
                    now=self.clock(), channel=self.channel.currentData(),
                    purpose=self.purpose.currentData(), satisfaction=self.satisfaction.score())
        except KehuError as exc:
            self.error.show_error(exc)
            return False
        self.completed.emit(self.reminder.id)
        self.ctx.data_changed.emit()
        self.accept()
        return True

    def _on_locked(self) -> None:
        if self.isVisible():
            self.reject()
