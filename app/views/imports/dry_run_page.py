"""The dry run, in a worker with progress: counts per sheet, then every row that will be
updated (with its field changes), skipped or rejected (with the reason)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.views.imports.mapping_page import field_label
from app.workers import run_task

ROWS_SHOWN = 2000  # the report lists at most this many rows; the counts cover all


_ACTIONS = {"create": QT_TRANSLATE_NOOP("ImportWizard", "Create"),
            "update": QT_TRANSLATE_NOOP("ImportWizard", "Update"),
            "skip": QT_TRANSLATE_NOOP("ImportWizard", "Skip"),
            "reject": QT_TRANSLATE_NOOP("ImportWizard", "Reject")}


def action_label(action: str) -> str:
    return QCoreApplication.translate("ImportWizard", _ACTIONS[action])


class DryRunPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.task = None
        self.run = 0  # which dry run the page shows; results of older runs are dropped
        self.setTitle(self.tr("Dry run"))
        self.setSubTitle(self.tr("What the import would do. Nothing has been written yet."))
        self.setCommitPage(True)
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.counts = QTableWidget(0, 5)
        self.counts.setHorizontalHeaderLabels([
            self.tr("Sheet"), action_label("create"), action_label("update"),
            action_label("skip"), action_label("reject")])
        self.counts.verticalHeader().setVisible(False)
        self.counts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.counts.setMaximumHeight(140)
        self.rows = QTableWidget(0, 4)
        self.rows.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Row"),
                                             self.tr("Action"), self.tr("Reason or changes")])
        self.rows.verticalHeader().setVisible(False)
        self.rows.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        for w in (self.progress, self.status, self.counts, self.rows):
            layout.addWidget(w)

    def initializePage(self) -> None:
        from app.services.imports.session import dry_run

        self.wiz.plan = None
        self.counts.setRowCount(0)
        self.rows.setRowCount(0)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Checking every row…"))
        sessions = self.wiz.ctx.sessions()
        path, mappings, policy = self.wiz.path, self.wiz.mappings, self.wiz.policy

        def work(progress, cancel):
            with sessions() as session:
                return dry_run(session, path, mappings=mappings, policy=policy,
                               progress=progress, cancel=cancel)[0]

        self.run += 1
        current = partial(self._if_current, self.run)
        self.task = run_task(work, on_done=current(self._done), on_error=current(self._failed),
                             on_progress=current(self._progress))

    def _if_current(self, run: int, slot):
        # Back then Next starts a new dry run while the old one may still finish: a late
        # plan for the old mappings must not become the one applied.
        return lambda *args: slot(*args) if run == self.run else None

    def cleanupPage(self) -> None:  # Back
        self.cancel()
        super().cleanupPage()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None
            self.run += 1

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _failed(self, exc) -> None:
        self.task = None
        self.progress.hide()
        self.status.setText(str(exc))

    def _done(self, plan) -> None:
        self.task = None
        self.wiz.plan = plan
        self.progress.hide()
        self.counts.setRowCount(len(plan.sheets))
        for r, s in enumerate(plan.sheets):
            cells = [s.sheet] + [str(s.counts[k]) for k in ("create", "update", "skip",
                                                            "reject")]
            for c, text in enumerate(cells):
                self.counts.setItem(r, c, QTableWidgetItem(text))
        listed = [f for f in plan.fates if f.action != "create"][:ROWS_SHOWN]
        self.rows.setRowCount(len(listed))
        for r, fate in enumerate(listed):
            detail = fate.diff_text(field_label) if fate.diff else fate.reason
            for c, text in enumerate((fate.sheet, str(fate.row), action_label(fate.action),
                                      detail)):
                self.rows.setItem(r, c, QTableWidgetItem(text))
        lines = [self.tr("Sheet %1 not imported: %2").replace("%1", sheet).replace("%2", note)
                 for sheet, note in plan.ignored_notes()]
        if plan.already_imported:
            lines.append(self.tr("This file was already imported on %1.").replace(
                "%1", f"{plan.already_imported[1]:%Y-%m-%d %H:%M}"))
        if plan.has_changes:
            lines.append(self.tr("Press Apply to import; a backup is taken first and the "
                                 "import can be undone."))
        else:
            lines.append(self.tr("Nothing to change: the customer file already holds "
                                 "everything in this file."))
        self.status.setText("\n".join(lines))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.plan is not None and self.wiz.plan.has_changes
