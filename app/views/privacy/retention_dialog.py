"""客户 → 保存期限审查…: the customers past the retention period (PIPL Art. 19) in a small
table, and the two ways to end their keeping, anonymise (purchases stay for statistics)
or erase, each after a confirmation naming the count. The work runs in a worker."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.errors import KehuError
from app.services.privacy.retention import Review
from app.views.shell.app_context import AppContext
from app.views.widgets.busy import run_with_busy_dialog
from app.views.widgets.row_table_model import (
    RowTableModel,
    date_column,
    number_column,
    text_column,
)


def load(sessions) -> Review:
    from app.services.privacy import retention

    with sessions() as session:
        return retention.survey(session)


def act(sessions, action: str, ids: list[int], reason: str, count: int) -> int:
    from app.services.privacy import retention

    fn = retention.erase_expired if action == "erase" else retention.anonymise_expired
    with sessions.begin() as session:
        return fn(session, ids, reason=reason, expected_count=count)


class RetentionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx, self.review = ctx, None
        self.setWindowTitle(self.tr("Retention review"))
        self.resize(720, 480)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RowTableModel([
            text_column(self.tr("Code"), lambda e: e.code),
            text_column(self.tr("Name"), lambda e: e.name),
            date_column(self.tr("Last purchase or contact"), lambda e: e.last_activity),
            number_column(self.tr("Years since"), lambda e: e.years_since),
        ], parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # 4 columns
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason, e.g. the retention period has passed"))
        self.anonymise_button = QPushButton(self.tr("&Anonymise…"))
        self.anonymise_button.setToolTip(self.tr("Blank their personal data; keep their "
                                                 "purchases for the statistics"))
        self.erase_button = QPushButton(self.tr("&Erase…"))
        self.anonymise_button.clicked.connect(lambda: self._act("anonymise"))
        self.erase_button.clicked.connect(lambda: self._act("erase"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.anonymise_button)
        row.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        ctx.locked.connect(self.reject)

    def reload(self) -> bool:
        try:
            self.review = run_with_busy_dialog(load, self.ctx.sessions(),
                                               label=self.tr("Reviewing…"), parent=self)
        except KehuError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        review = self.review
        self.model.set_rows(review.expired)
        if review.expired:
            text = self.tr("%n customer(s) with no purchase or contact for more than {years} "
                           "years (before {cutoff}).", "", len(review.expired))
        else:
            text = self.tr("No customer is past the retention period: everyone bought or "
                           "was contacted within {years} years (since {cutoff}).")
        text = text.format(years=review.years, cutoff=review.cutoff.isoformat())
        if review.held:
            text += " " + self.tr("%n more on a storage-only hold: kept, not listed.", "",
                                  review.held)
        self.summary.setText(text)
        for button in (self.anonymise_button, self.erase_button):
            button.setEnabled(bool(review.expired))
        return True

    def _act(self, action: str) -> None:
        if self.review is None or not self.review.expired:
            return
        reason = self.reason.text().strip()
        if not reason:
            QMessageBox.information(self, self.windowTitle(),
                                    self.tr("Say why first (the reason is kept in the "
                                            "audit trail)."))
            self.reason.setFocus()
            return
        n = len(self.review.expired)
        question = (self.tr("Anonymise %n customer(s)? Their personal data is blanked for "
                            "good; their purchases stay.", "", n) if action == "anonymise"
                    else self.tr("Erase %n customer(s) and everything about them? This "
                                 "cannot be undone.", "", n))
        answer = QMessageBox.question(self, self.windowTitle(), question,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = [e.id for e in self.review.expired]
        try:
            done = run_with_busy_dialog(act, self.ctx.sessions(), action, ids, reason, n,
                                        label=self.tr("Working…"), parent=self)
        except KehuError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.ctx.data_changed.emit()
        self.reload()
        self.summary.setText(self.tr("Done: %n customer(s).", "", done) + " "
                             + self.summary.text())
