"""Apply in a worker (backup first, one transaction) with progress and cancel; then the
summary, the rejected rows as a workbook to fix, and undo of this import."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from app.errors import KehuError
from app.workers import run_task


class ApplyPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        from app.views.imports.import_wizard import make_label

        self.wiz = wizard
        self.task = None
        self.finished = False
        self.setTitle(self.tr("Import"))
        self.progress = QProgressBar()
        self.summary = make_label()
        self.cancel_button = QPushButton(self.tr("&Cancel import"))
        self.cancel_button.clicked.connect(self.cancel)
        self.report_button = QPushButton(self.tr("Save the &rejected rows…"))
        self.report_button.clicked.connect(self.save_report)
        self.undo_button = QPushButton(self.tr("&Undo this import"))
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        for b in (self.cancel_button, self.report_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addStretch()

    def _backup(self) -> Path | None:
        return self.wiz.ctx.safety_backup("import")  # None on a team database

    def initializePage(self) -> None:
        from app.services.imports.apply import apply_plan

        self.finished = False
        self.report_button.setVisible(False)
        self.undo_button.setVisible(False)
        self.cancel_button.setVisible(True)
        self.summary.setText(self.tr("Taking a backup, then importing…"))
        self.progress.setRange(0, 0)
        sessions, plan, backup = self.wiz.ctx.sessions(), self.wiz.plan, self._backup

        def work(progress, cancel):
            return apply_plan(sessions, plan, backup=backup, progress=progress, cancel=cancel)

        self.task = run_task(work, on_done=self._done, on_error=self._failed,
                             on_progress=self._progress)

    @property
    def running(self) -> bool:
        return self.task is not None

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.summary.setText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _end(self) -> None:
        self.task = None
        self.finished = True
        self.cancel_button.setVisible(False)
        self.completeChanged.emit()

    def _failed(self, exc) -> None:
        self._end()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary.setText(str(exc) if isinstance(exc, KehuError) else
                             self.tr("The import failed; nothing was written.\n%1")
                             .replace("%1", str(exc)))

    def _done(self, result) -> None:
        self._end()
        self.wiz.result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        rejected = self.wiz.plan.totals()["reject"]
        self.summary.setText(
            self.tr("Import %1 done: %2 customers created, %3 updated, %4 purchases and %5 "
                    "contacts added; %6 rows rejected. A backup was taken first.")
            .replace("%1", str(result.batch_id)).replace("%2", str(result.created))
            .replace("%3", str(result.updated)).replace("%4", str(result.purchases))
            .replace("%5", str(result.contacts)).replace("%6", str(rejected)))
        self.report_button.setVisible(rejected > 0)
        self.undo_button.setVisible(True)
        self.wiz.ctx.data_changed.emit()

    def isComplete(self) -> bool:
        return self.finished

    def nextId(self) -> int:
        return -1  # the survey pages come after it in the wizard, on another path

    def save_report(self) -> None:
        """Save the rejected rows where the user chooses, then offer to open the folder
        (the desktop may have no file launcher: then say where the file is)."""
        from app.services.imports.report import columns_of, write_rejected
        from app.views.imports.saved_file import offer_folder
        from app.views.widgets.busy import run_with_busy_dialog

        default = self.wiz.path.with_name(self.wiz.path.stem + "-rejected.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the rejected rows"),
                                              str(default), self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            # openpyxl writes a few thousand rows a second: not on the UI thread
            # Masked (it leaves the vault); the customer file's private folder for scratch.
            written = run_with_busy_dialog(
                partial(write_rejected, sessions=self.wiz.ctx.sessions(),
                        columns=columns_of(self.wiz.mappings)),
                self.wiz.plan, Path(path), label=self.tr("Writing the rejected rows…"),
                parent=self)
        except (KehuError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Import from Excel"), str(exc))
            return
        offer_folder(self, self.tr("Save the rejected rows"), Path(path),
                     self.tr("%1 rejected rows were saved to:\n%2")
                     .replace("%1", str(written)).replace("%2", path))

    def undo(self) -> None:
        from app.views.imports.undo_last import result_text, run_undo

        answer = QMessageBox.question(
            self, self.tr("Undo this import"),
            self.tr("Remove what this import created and put back the previous values?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        result = run_undo(self, self.wiz.ctx, self.wiz.result.batch_id,
                          self.tr("Undo this import"))
        if result is None:
            return
        self.undo_button.setVisible(False)
        self.summary.setText(result_text(result))
