"""File ▸ Consolidate branch workbooks…: head office picks the branches' Kehu exports
and an output file; each workbook is verified against its manifest in a worker, the
registers are merged, and the dialog lists what was merged, what was refused and why,
and how many customers appear in more than one branch. Needs no open customer file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from app.errors import KehuError
from app.views.exports.overwrite import may_write
from app.views.widgets.documents import free_in_documents
from app.views.widgets.progress_task import ProgressTask


def _consolidate(out: Path, inputs: list[Path], now: datetime, password: str | None,
                 skip: bool, progress=None, cancel=None):
    from app.services.exports.consolidation import consolidate

    return consolidate(out, inputs, now=now, password=password, skip_refused=skip,
                       progress=progress, cancel=cancel)


class ConsolidateDialog(QDialog):
    consolidated = Signal(object)  # ConsolidationResult

    def __init__(self, parent=None, clock: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self.clock = clock
        self.task = None
        self.confirmed: Path | None = None  # an existing file the file dialog may replace
        self.setWindowTitle(self.tr("Consolidate branch workbooks"))
        self.setMinimumSize(640, 480)
        layout = QVBoxLayout(self)
        self.files = QListWidget()
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton(self.tr("&Add workbooks…"))
        add.clicked.connect(self.browse_inputs)
        remove = QPushButton(self.tr("&Remove"))
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout.addWidget(QLabel(self.tr("Branch workbooks (Kehu exports):")))
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        form = QFormLayout()
        self.out_edit = QLineEdit(free_in_documents(f"kehu-consolidated-{clock():%Y%m%d}.xlsx"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        form.addRow(self.tr("Consolidated workbook:"), out_row)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Only for password-protected workbooks"))
        form.addRow(self.tr("Workbook password:"), self.password_edit)
        self.skip_check = QCheckBox(self.tr("Merge the valid workbooks even if some are refused"))
        form.addRow(self.skip_check)
        layout.addLayout(form)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(self.tr("Each workbook is checked against its manifest "
                                               "before anything is merged."))
        layout.addWidget(self.report, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.run_button = self.buttons.addButton(self.tr("&Consolidate"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.run_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def inputs(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def add_inputs(self, paths) -> None:
        known = {str(p) for p in self.inputs()}
        for path in paths:
            if str(path) not in known:
                self.files.addItem(str(path))
                known.add(str(path))

    def browse_inputs(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Branch workbooks"), "",
                                                self.tr("Excel workbooks (*.xlsx)"))
        self.add_inputs(paths)

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))

    def browse_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Consolidated workbook"),
                                              self.out_edit.text(),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.confirmed = Path(path).expanduser()  # the file dialog asked
            self.out_edit.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def start(self) -> None:
        if self.task is not None:
            return
        inputs = self.inputs()
        if not inputs:
            self.report.setPlainText(self.tr("Add the branches' workbooks first."))
            return
        out = Path(self.out_edit.text().strip()).expanduser()
        if not may_write(self, self.windowTitle(), out, self.confirmed):
            return
        self.confirmed = out
        self.run_button.setEnabled(False)
        self.report.setPlainText(self.tr("Checking and merging…"))
        self.task = ProgressTask(self, self.tr("Consolidating…"), _consolidate, out, inputs,
                                 self.clock(), self.password_edit.text() or None,
                                 self.skip_check.isChecked(),
                                 on_done=self._done, on_error=self._failed)

    def _finish(self) -> None:
        self.task = None
        self.run_button.setEnabled(True)

    def _done(self, result) -> None:
        self._finish()
        lines = [self.tr("Consolidated {0:,} customers into {1}.").format(
            result.customers, result.path)]
        for source in result.sources:
            if source.ok:
                lines.append(self.tr("Merged {0}: {1}, {2:,} customers").format(
                    source.path.name, source.branch, source.customers))
            else:
                lines.append(self.tr("Refused {0}: {1}").format(source.path.name, source.reason))
        lines.append(self.tr("{0:,} customers appear in more than one branch "
                             "(see the 冲突 sheet).").format(len(result.conflicts)))
        self.report.setPlainText("\n".join(lines))
        self.consolidated.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, KehuError | OSError):
            self.report.setPlainText(str(exc))
            return
        raise exc  # unexpected: the crash dialog shows it
