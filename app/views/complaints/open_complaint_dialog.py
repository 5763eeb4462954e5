"""Open a complaint for a customer: category (common ones offered, any text allowed),
severity and description. The deadline follows from the severity's SLA and is shown
before saving. One row: written on the UI thread; typed errors stay in the dialog
(RecordDialog)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy
from sqlalchemy.orm import Session

from app.models.enums import ComplaintSeverity
from app.services.daily import complaints as complaint_service
from app.services.daily.complaints import CATEGORY_LIMIT, ComplaintRow
from app.views.reminders.dialog_fields import code_combo, text_box
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import format_datetime
from app.views.widgets.record_dialog import RecordDialog, customer_name_code


class OpenComplaintDialog(RecordDialog):
    opened = Signal(int)  # the new complaint's id, after the transaction committed

    def __init__(self, ctx: AppContext, customer_id: int, parent=None):
        super().__init__(ctx, parent)
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Open complaint"))
        self.customer_label = QLabel(self._customer_text())
        self.customer_label.setVisible(bool(self.customer_label.text()))
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
        self.description = text_box(self.tr("What is the customer unhappy about?"), 5)
        self.form.addRow(self.tr("Category:"), self.category)
        self.form.addRow(self.tr("Severity:"), self.severity)
        self.form.addRow(self.tr("Deadline:"), self.deadline)
        self.form.addRow(self.tr("Description:"), self.description)
        self.ok.setText(self.tr("Open complaint"))
        self.lay_out(self.customer_label)

        self.category.currentTextChanged.connect(self._update)
        self.description.textChanged.connect(self._update)
        self.severity.currentIndexChanged.connect(self._update)
        self._update()
        self.category.setFocus()

    def common_categories(self) -> list[str]:
        return [self.tr("Service attitude"), self.tr("Business error"),
                self.tr("Waiting time"), self.tr("Product yield"), self.tr("System failure")]

    def _customer_text(self) -> str:
        found = customer_name_code(self.ctx, self.customer_id)
        return self.tr("Complaint from {0} ({1})").format(*found) if found else ""

    def _sla_text(self, span: timedelta) -> str:
        hours = int(span.total_seconds() // 3600)
        if hours >= 48 and hours % 24 == 0:  # "24 hours" reads better than "1 day"
            return self.tr("{0} days").format(hours // 24)
        return self.tr("1 hour") if hours == 1 else self.tr("{0} hours").format(hours)

    def _update(self) -> None:
        now = self.clock()
        due = complaint_service.deadline_for(self.severity.currentData(), now)
        self.deadline.setText(self.tr("{0} (in {1}, from the SLA of this severity)").format(
            format_datetime(due), self._sla_text(due - now.replace(microsecond=0))))
        self.set_ready(bool(self.category.currentText().strip())
                       and bool(self.description.toPlainText().strip()))

    # ------------------------------------------------------------ RecordDialog
    def write(self, session: Session) -> ComplaintRow:
        return complaint_service.open_complaint(
            session, self.customer_id, category=self.category.currentText(),
            severity=self.severity.currentData(),
            description=self.description.toPlainText(), now=self.clock())

    def written(self, result: ComplaintRow) -> None:
        self.opened.emit(result.id)
