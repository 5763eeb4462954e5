"""The import wizard's path for a sheet of survey results (问卷结果): the same dry run
as `survey import --dry-run` (services.surveys.sheet.plan: every row to record, reject
or skip, and why; nothing written), then the apply in one transaction after a backup
(sheet.apply, the plan read again inside it, as the CLI does).

Survey results come alone: the sheets page sends the wizard here when a sheet's kind
is 问卷结果 and no other sheet is imported with it. The rows are a table model over
the plain plan, fetched in pages."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from app.errors import KehuError
from app.views.widgets.paged_rows_model import PagedRowsModel
from app.workers import run_task

_ACTIONS = {"record": QT_TRANSLATE_NOOP("ImportWizard", "Record"),
            "reject": QT_TRANSLATE_NOOP("ImportWizard", "Reject"),
            "skip": QT_TRANSLATE_NOOP("ImportWizard", "Skip")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def plan_rows(plan) -> list[tuple[str, int, str, str, str]]:
    """(sheet, row, action, customer, detail) of every row, in sheet and row order."""
    rows = [(p.sheet, p.row, "record", p.customer,
             f"{p.template.name} v{p.template.version} · {p.answered_at:%Y-%m-%d} · "
             f"{p.score:g}") for p in plan.planned]
    rows += [(n.sheet, n.row, "reject", "", n.reason) for n in plan.rejected]
    rows += [(n.sheet, n.row, "skip", "", n.reason) for n in plan.skipped]
    return sorted(rows, key=lambda r: (r[0], r[1]))


class SurveyRowsModel(PagedRowsModel):
    COL_SHEET, COL_ROW, COL_ACTION, COL_CUSTOMER, COL_DETAIL = range(5)
    HEADERS = (QT_TRANSLATE_NOOP("ImportWizard", "Sheet"),
               QT_TRANSLATE_NOOP("ImportWizard", "Row"),
               QT_TRANSLATE_NOOP("ImportWizard", "Action"),
               QT_TRANSLATE_NOOP("ImportWizard", "Customer"),
               QT_TRANSLATE_NOOP("ImportWizard", "Questionnaire, date and score, or reason"))

    HEADER_CONTEXT = "ImportWizard"

    def row_total(self) -> int:
        return len(self.rows)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple] = []

    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.reset_loaded()
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.loaded:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = self.rows[index.row()][index.column()]
        if index.column() == self.COL_ACTION:
            return _tr(_ACTIONS[value])
        return str(value)


class SurveyDryRunPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        from app.views.imports.import_wizard import make_label

        self.wiz = wizard
        self.task = None
        self.run = 0
        self.setTitle(self.tr("Dry run: survey results"))
        self.setSubTitle(self.tr("What the import would record. Nothing has been written yet."))
        self.setCommitPage(True)
        self.progress = QProgressBar()
        self.status = make_label()
        self.model = SurveyRowsModel(self)
        self.rows = QTableView()
        self.rows.setModel(self.model)
        self.rows.verticalHeader().setVisible(False)
        self.rows.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.rows.horizontalHeader().setSectionResizeMode(
            SurveyRowsModel.COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        self.rows.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.rows, 1)

    def initializePage(self) -> None:
        self.wiz.survey_plan = None
        self.model.set_rows([])
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Checking every row…"))
        sessions, path, sheets = self.wiz.ctx.sessions(), self.wiz.path, self.wiz.survey_sheets()

        def work():
            from app.services.surveys import sheet
            from app.services.surveys.templates import ensure_defaults

            with sessions() as session:  # rolled back: the dry run writes nothing
                ensure_defaults(session)
                return sheet.plan(session, path, sheets)

        self.run += 1
        current = partial(self._if_current, self.run)
        self.task = run_task(work, on_done=current(self._done), on_error=current(self._failed))

    def _if_current(self, run: int, slot):
        return lambda *args: slot(*args) if run == self.run else None

    def cleanupPage(self) -> None:  # Back
        self.cancel()
        super().cleanupPage()

    def cancel(self) -> None:
        self.task = None
        self.run += 1  # a late result is dropped

    def _failed(self, exc) -> None:
        self.task = None
        self.progress.hide()
        self.status.setText(str(exc))

    def _done(self, plan) -> None:
        self.task = None
        self.wiz.survey_plan = plan
        self.progress.hide()
        self.model.set_rows(plan_rows(plan))
        lines = [self.tr("%1 response(s) to record, %2 row(s) rejected, %3 skipped.")
                 .replace("%1", str(len(plan.planned))).replace("%2", str(len(plan.rejected)))
                 .replace("%3", str(len(plan.skipped)))]
        lines += [self.tr("Sheet %1 not read: %2").replace("%1", n.sheet).replace("%2", n.reason)
                  for n in plan.sheets if n.sheet in self.wiz.survey_sheets()]
        if plan.planned:
            lines.append(self.tr("Press Apply to record them; a backup is taken first. A "
                                 "low score creates the owner's follow-up."))
        else:
            lines.append(self.tr("Nothing to record: no row of the file is a new response."))
        self.status.setText("\n".join(lines))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self.wiz.survey_plan
        return plan is not None and bool(plan.planned)

    def nextId(self) -> int:
        return self.wiz.survey_apply_id


class SurveyApplyPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        from app.views.imports.import_wizard import make_label

        self.wiz = wizard
        self.task = None
        self.finished = False
        self.recorded: int | None = None
        self.setTitle(self.tr("Import survey results"))
        self.progress = QProgressBar()
        self.summary = make_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addStretch()

    def initializePage(self) -> None:
        from app.models.base import now

        self.finished = False
        self.recorded = None
        self.summary.setText(self.tr("Taking a backup, then recording…"))
        self.progress.setRange(0, 0)
        ctx, path, sheets = self.wiz.ctx, self.wiz.path, self.wiz.survey_sheets()
        sessions = ctx.sessions()

        def work():
            from app.services.surveys import sheet
            from app.services.surveys.templates import ensure_defaults

            ctx.safety_backup("import")  # not on a team database: the server's own
            with sessions.begin() as session:  # all or nothing
                ensure_defaults(session)
                planned = sheet.plan(session, path, sheets)
                return sheet.apply(session, planned, now=now()), len(planned.rejected)

        self.task = run_task(work, on_done=self._done, on_error=self._failed)

    @property
    def running(self) -> bool:
        return self.task is not None

    def cancel(self) -> None:
        pass  # one short transaction: it finishes, or fails and writes nothing

    def _end(self) -> None:
        self.task = None
        self.finished = True
        self.progress.setRange(0, 1)
        self.completeChanged.emit()

    def _failed(self, exc) -> None:
        self._end()
        self.progress.setValue(0)
        self.summary.setText(str(exc) if isinstance(exc, KehuError) else
                             self.tr("The import failed; nothing was written.\n%1")
                             .replace("%1", str(exc)))

    def _done(self, result) -> None:
        self._end()
        self.progress.setValue(1)
        self.recorded, rejected = result
        self.summary.setText(self.tr("Recorded %1 survey response(s); %2 row(s) rejected. A "
                                     "backup was taken first.")
                             .replace("%1", str(self.recorded)).replace("%2", str(rejected)))
        self.wiz.ctx.data_changed.emit()

    def isComplete(self) -> bool:
        return self.finished

    def nextId(self) -> int:
        return -1
