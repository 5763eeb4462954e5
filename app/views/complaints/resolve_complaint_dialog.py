"""Resolve a complaint: how it was resolved (required) and, if asked, how satisfied the
customer is afterwards (complaint_service.change_status → resolved). Typed errors, a
ComplaintTransitionError among them (someone resolved it meanwhile), stay in the
dialog (RecordDialog)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel
from sqlalchemy.orm import Session

from app.models.enums import ComplaintStatus
from app.services.daily import complaints as complaint_service
from app.services.daily.complaints import ComplaintRow
from app.views.reminders.dialog_fields import ScoreCombo, text_box
from app.views.shell.app_context import AppContext
from app.views.widgets.record_dialog import RecordDialog


class ResolveComplaintDialog(RecordDialog):
    resolved = Signal(int)  # the complaint id, after the transaction committed

    def __init__(self, ctx: AppContext, complaint_id: int, summary: str = "", parent=None,
                 version: int | None = None):
        super().__init__(ctx, parent)
        self.complaint_id = complaint_id
        self.version = version  # of the row shown: refused if someone changed it since
        self.setWindowTitle(self.tr("Resolve complaint"))
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setVisible(bool(summary))
        self.resolution = text_box(self.tr("How was it resolved? (required)"), 5)
        self.satisfaction = ScoreCombo(none_text=self.tr("Not asked yet"))
        self.satisfaction.setToolTip(self.tr(
            "How satisfied the customer is after the resolution, if you asked"))
        self.form.addRow(self.tr("Resolution:"), self.resolution)
        self.form.addRow(self.tr("Satisfaction after:"), self.satisfaction)
        self.ok.setText(self.tr("Resolve"))
        self.lay_out(self.summary)
        self.resolution.textChanged.connect(self._update)
        self._update()
        self.resolution.setFocus()

    def _update(self) -> None:
        self.set_ready(bool(self.resolution.toPlainText().strip()))

    # ------------------------------------------------------------ RecordDialog
    def write(self, session: Session) -> ComplaintRow:
        return complaint_service.change_status(
            session, self.complaint_id, ComplaintStatus.RESOLVED, now=self.clock(),
            resolution=self.resolution.toPlainText(),
            satisfaction_after=self.satisfaction.score(), expected_version=self.version)

    def written(self, result: ComplaintRow) -> None:
        self.resolved.emit(self.complaint_id)
