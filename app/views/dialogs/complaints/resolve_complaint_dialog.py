"""Resolve a complaint: how it was resolved (required) and, if asked, how satisfied the
customer is afterwards (complaint_service.change_status → resolved). Typed errors, a
ComplaintTransitionError among them (someone resolved it meanwhile), stay in the
dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.errors import KehuError
from app.models.enums import ComplaintStatus
from app.services import complaint_service
from app.views.app_context import AppContext
from app.views.dialogs.reminders.dialog_fields import ErrorLabel, ScoreCombo


class ResolveComplaintDialog(QDialog):
    resolved = Signal(int)  # the complaint id, after the transaction committed

    clock: Callable[[], datetime] = datetime.now

    def __init__(self, ctx: AppContext, complaint_id: int, summary: str = "", parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.complaint_id = complaint_id
        self.setWindowTitle(self.tr("Resolve complaint"))
        self.setMinimumWidth(460)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setVisible(bool(summary))
        self.resolution = QPlainTextEdit()
        self.resolution.setTabChangesFocus(True)
        self.resolution.setPlaceholderText(self.tr("How was it resolved? (required)"))
        self.resolution.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.satisfaction = ScoreCombo(none_text=self.tr("Not asked yet"))
        self.satisfaction.setToolTip(self.tr(
            "How satisfied the customer is after the resolution, if you asked"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Resolution:"), self.resolution)
        form.addRow(self.tr("Satisfaction after:"), self.satisfaction)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Resolve"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resolution.textChanged.connect(self._update)
        ctx.locked.connect(self._on_locked)
        self._update()
        self.resolution.setFocus()

    def _update(self) -> None:
        self.error.clear()
        self.ok.setEnabled(bool(self.resolution.toPlainText().strip())
                           and not self.ctx.is_locked)

    def save(self) -> bool:
        if not self.ok.isEnabled():
            return False
        try:
            with self.ctx.sessions().begin() as session:
                complaint_service.change_status(
                    session, self.complaint_id, ComplaintStatus.RESOLVED, now=self.clock(),
                    resolution=self.resolution.toPlainText(),
                    satisfaction_after=self.satisfaction.score())
        except KehuError as exc:
            self.error.show_error(exc)
            return False
        self.resolved.emit(self.complaint_id)
        self.ctx.data_changed.emit()
        self.accept()
        return True

    def _on_locked(self) -> None:
        if self.isVisible():
            self.reject()
