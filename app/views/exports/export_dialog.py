"""File ▸ Export to Excel…: choose the file, sheets, period and filters (owner, tier,
tag, a saved segment: its members today); personal data is masked unless the user
unticks it and gives a reason (audited); an optional password encrypts the workbook.
The export runs in a worker behind a progress dialog that can cancel it; nothing is
written half-way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.errors import KehuError
from app.views.exports.overwrite import may_write
from app.views.reminders.dialog_fields import ErrorLabel
from app.views.shell.app_context import AppContext, FileLocked
from app.views.widgets.documents import free_in_documents
from app.views.widgets.period_edits import period_edits
from app.views.widgets.progress_task import ProgressTask

ANY = ""  # the combo data meaning "no filter"


def _export(sessions, path: Path, options, now: datetime, progress=None, cancel=None):
    from app.services.exports.service import export

    with sessions.begin() as session:
        return export(session, path, options, now=now, progress=progress, cancel=cancel)


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(self, ctx: AppContext, parent=None,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock
        self.task = None
        self.confirmed: Path | None = None  # an existing file the file dialog may replace
        self.setWindowTitle(self.tr("Export to Excel"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_row())
        layout.addWidget(self._sheets_box())
        layout.addWidget(self._filter_box())
        layout.addWidget(self._privacy_box())
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("&Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        ctx.locked.connect(self.reject)
        self._load_choices()
        self._masked_changed()

    # --- building --------------------------------------------------------------------
    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        # A free name: a second export of the day must not replace the first silently.
        self.path_edit = QLineEdit(free_in_documents(f"kehu-export-{self.clock():%Y%m%d}.xlsx"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse)
        row.addWidget(QLabel(self.tr("File:")))
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        return row

    def _sheets_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sheets"))
        grid = QGridLayout(box)
        names = {
            "register": self.tr("Customer register"), "purchases": self.tr("Purchases"),
            "contacts": self.tr("Contact log"), "revisits": self.tr("Revisit plan"),
            "complaints": self.tr("Complaints"),
            "surveys": self.tr("Survey satisfaction by month"),
            "summary": self.tr("Summary with charts"),
        }
        self.sheet_boxes: dict[str, QCheckBox] = {}
        for i, (key, text) in enumerate(names.items()):
            check = QCheckBox(text)
            check.setChecked(True)
            self.sheet_boxes[key] = check
            grid.addWidget(check, i // 3, i % 3)
        return box

    def _filter_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Period and filters"))
        form = QFormLayout(box)
        self.period_check = QCheckBox(self.tr("Only records in the period"))
        today = QDate(self.clock().date())
        self.date_from, self.date_to = period_edits(self.period_check, today.addMonths(-1),
                                                    today)
        period = QHBoxLayout()
        period.addWidget(self.period_check)
        period.addWidget(self.date_from)
        period.addWidget(QLabel("–"))
        period.addWidget(self.date_to)
        period.addStretch()
        form.addRow(self.tr("Period:"), period)
        self.owner_combo = QComboBox()
        self.tier_combo = QComboBox()
        self.tag_combo = QComboBox()
        self.segment_combo = QComboBox()
        form.addRow(self.tr("Account manager:"), self.owner_combo)
        form.addRow(self.tr("Value tier:"), self.tier_combo)
        form.addRow(self.tr("Tag:"), self.tag_combo)
        form.addRow(self.tr("Segment:"), self.segment_combo)
        # For the manifest (the name defaults to the customers' main branch).
        self.branch_name = QLineEdit()
        self.branch_name.setPlaceholderText(self.tr("Default: the customers' main branch"))
        self.branch_code = QLineEdit()
        form.addRow(self.tr("Branch name:"), self.branch_name)
        form.addRow(self.tr("Branch code:"), self.branch_code)
        return box

    def _privacy_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Personal data"))
        form = QFormLayout(box)
        self.mask_check = QCheckBox(self.tr(
            "Mask personal data: phones, ID numbers, birthdays, e-mail, WeChat, addresses, "
            "numbers in notes (138****8000)"))
        self.mask_check.setChecked(True)
        self.mask_check.toggled.connect(self._masked_changed)
        self.mask_names_check = QCheckBox(self.tr("Also mask names (张**)"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(
            self.tr("Why full personal data is needed (recorded in the audit log)"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Optional: encrypts the workbook"))
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.mask_check)
        form.addRow(self.mask_names_check)
        form.addRow(self.tr("Reason:"), self.reason_edit)
        form.addRow(self.tr("Workbook password:"), self.password_edit)
        form.addRow(self.tr("Repeat password:"), self.password_again)
        return box

    def _load_choices(self) -> None:
        from app.services.customers.listing import distinct_values, tag_names
        from app.services.exports.templates import LABELS, TIER_ORDER
        from app.services.segments.service import names as segment_names

        # Index-only reads: quick even on a big file (segment names, not their counts).
        with self.ctx.sessions()() as session:
            owners = distinct_values(session, "owner")
            tags = tag_names(session)
            segments = segment_names(session)
        self.owner_combo.addItem(self.tr("All"), ANY)
        for owner in owners:
            self.owner_combo.addItem(owner, owner)
        self.tier_combo.addItem(self.tr("All"), ANY)
        for tier in TIER_ORDER:
            self.tier_combo.addItem(LABELS["tier"][tier], tier)
        self.tier_combo.addItem(self.tr("No tier yet"), "none")
        self.tag_combo.addItem(self.tr("All"), ANY)
        for tag in tags:
            self.tag_combo.addItem(tag, tag)
        self.segment_combo.addItem(self.tr("All customers"), ANY)
        for name in segments:
            self.segment_combo.addItem(name, name)

    def _masked_changed(self) -> None:
        unmasked = not self.mask_check.isChecked()
        self.reason_edit.setEnabled(unmasked)
        if unmasked:
            self.reason_edit.setFocus()

    # --- acting ---------------------------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), self.path_edit.text(),
            self.tr("Excel workbook (*.xlsx);;CSV, one sheet (*.csv)"))
        if path:
            # The file dialog asked before choosing an existing file; a suffix added
            # here names another file, which start() asks about if it exists.
            self.confirmed = Path(path).expanduser()
            if Path(path).suffix.lower() not in (".xlsx", ".csv"):
                path += ".xlsx"
            self.path_edit.setText(path)

    def options(self):
        """ExportOptions from the form; KehuError for what the user must fix."""
        from app.errors import ValidationError
        from app.services.exports.rows import ExportFilter
        from app.services.exports.service import ExportOptions

        if self.password_edit.text() != self.password_again.text():
            raise ValidationError("password", "The two passwords differ.",
                                  "两次输入的密码不一致。")
        period = self.period_check.isChecked()
        return ExportOptions(
            sheets=tuple(k for k, box in self.sheet_boxes.items() if box.isChecked()),
            flt=ExportFilter(
                date_from=self.date_from.date().toPython() if period else None,
                date_to=self.date_to.date().toPython() if period else None,
                owner=self.owner_combo.currentData() or None,
                tier=self.tier_combo.currentData() or None,
                tag=self.tag_combo.currentData() or None,
                segment=self.segment_combo.currentData() or None),
            masked=self.mask_check.isChecked(), mask_names=self.mask_names_check.isChecked(),
            reason=self.reason_edit.text(), password=self.password_edit.text() or None,
            branch_name=self.branch_name.text().strip() or None,
            branch_code=self.branch_code.text().strip() or None)

    def start(self) -> None:
        from app.services.exports.service import check_options

        if self.task is not None:
            return
        path = Path(self.path_edit.text().strip()).expanduser()
        try:
            options = self.options()
            check_options(path, options)
            sessions = self.ctx.sessions()
        except KehuError as exc:
            self.error.show_error(exc)
            return
        except FileLocked:
            self.reject()
            return
        if not self._may_write(path):
            return
        self.error.clear()
        self.export_button.setEnabled(False)
        self.task = ProgressTask(self, self.tr("Exporting…"), _export, sessions, path,
                                 options, self.clock(), on_done=self._done,
                                 on_error=self._failed)

    def _may_write(self, path: Path) -> bool:
        if not may_write(self, self.windowTitle(), path, self.confirmed):
            self.path_edit.setFocus()
            return False
        self.confirmed = path
        return True

    def _finish(self) -> None:
        self.task = None
        self.export_button.setEnabled(True)

    def _done(self, result) -> None:
        self._finish()
        self.exported.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if self.ctx.is_locked or isinstance(exc, FileLocked):
            return
        if isinstance(exc, KehuError | OSError):
            self.error.show_error(exc)
            return
        raise exc  # unexpected: the crash dialog shows it
