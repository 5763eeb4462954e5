"""Open a complaint for a customer: category (common ones offered, any text allowed),
severity and description. The deadline follows from the severity's SLA and is shown
before saving. One row: written on the UI thread; typed errors stay in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
)

from app.errors import KehuError
from app.models.enums import ComplaintSeverity
from app.services import complaint_service, customer_service
from app.services.complaint_service import CATEGORY_LIMIT
from app.views.app_context import AppContext
from app.views.dialogs.reminders.dialog_fields import ErrorLabel, code_combo
from app.views.formatting import format_datetime


class OpenComplaintDialog(QDialog):
    opened = Signal(int)  # the new complaint's id, after the transaction committed

    clock: Callable[[], datetime] = datetime.now

    def __init__(self, ctx: AppContext, customer_id: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Open complaint"))
        self.setMinimumWidth(460)
        self.customer_label = QLabel(self._customer_text())
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category.addItems(self.common_categories())
        self.category.setCurrentIndex(-1)
        self.category.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.category.lineEdit().setMaxLength(CATEGORY_LIMIT)
        self.category.lineEdit().setPlaceholderText(self.tr("Pick or type a category"))
        self.severity = code_combo("severity", ComplaintSeverity.MEDIUM)
        self.deadline = QLabel()
        self.deadline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What is the customer unhappy about?"))
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Category:"), self.category)
        form.addRow(self.tr("Severity:"), self.severity)
        form.addRow(self.tr("Deadline:"), self.deadline)
        form.addRow(self.tr("Description:"), self.description)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Open complaint"))
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

        self.category.currentTextChanged.connect(self._update)
        self.description.textChanged.connect(self._update)
        self.severity.currentIndexChanged.connect(self._update)
        ctx.locked.connect(self._on_locked)
        self._update()
        self.category.setFocus()

    def common_categories(self) -> list[str]:
        return [self.tr("Service attitude"), self.tr("Business error"),
                self.tr("Waiting time"), self.tr("Product yield"), self.tr("System failure")]

    def _customer_text(self) -> str:
        if self.ctx.is_locked:
            return ""
        try:
            with self.ctx.sessions()() as session:
                row = customer_service.get_customer(session, self.customer_id)
        except KehuError:
            return ""
        return self.tr("Complaint from {0} ({1})").format(row.name, row.code)

    def _sla_text(self, span: timedelta) -> str:
        hours = int(span.total_seconds() // 3600)
        if hours >= 48 and hours % 24 == 0:  # "24 hours" reads better than "1 day"
            return self.tr("{0} days").format(hours // 24)
        return self.tr("1 hour") if hours == 1 else self.tr("{0} hours").format(hours)

    def _update(self) -> None:
        self.error.clear()
        severity = self.severity.currentData()
        now = self.clock()
        due = complaint_service.deadline_for(severity, now)
        self.deadline.setText(self.tr("{0} (in {1}, from the SLA of this severity)").format(
            format_datetime(due), self._sla_text(due - now.replace(microsecond=0))))
        ready = bool(self.category.currentText().strip()) and bool(
            self.description.toPlainText().strip())
        self.ok.setEnabled(ready and not self.ctx.is_locked)

    def save(self) -> bool:
        """Open the complaint; True when written (the dialog is then accepted)."""
        if not self.ok.isEnabled():
            return False
        try:
            with self.ctx.sessions().begin() as session:
                row = complaint_service.open_complaint(
                    session, self.customer_id, category=self.category.currentText(),
                    severity=self.severity.currentData(),
                    description=self.description.toPlainText(), now=self.clock())
        except KehuError as exc:
            self.error.show_error(exc)
            return False
        self.opened.emit(row.id)
        self.ctx.data_changed.emit()
        self.accept()
        return True

    def _on_locked(self) -> None:
        if self.isVisible():
            self.reject()
