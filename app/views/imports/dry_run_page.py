"""The dry run, in a worker with progress: counts per sheet, then every row's fate —
each customer to create (name, masked phone), each update with its field changes, each
skip or reject with the reason, and the rows to review (an uncertain match held back, a
shared landline) — so a wrong create can be spotted before anything is written.

The rows are a table model over the plan's fates, fetched in pages (canFetchMore /
fetchMore): a 100k-row file shows its first page at once, never a widget per row."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.services.imports.fates import ACTIONS
from app.services.privacy import reveal
from app.views.imports.mapping_page import field_label
from app.views.widgets.paged_rows_model import PagedRowsModel
from app.workers import run_task

_ACTIONS = {"create": QT_TRANSLATE_NOOP("ImportWizard", "Create"),
            "update": QT_TRANSLATE_NOOP("ImportWizard", "Update"),
            "skip": QT_TRANSLATE_NOOP("ImportWizard", "Skip"),
            "reject": QT_TRANSLATE_NOOP("ImportWizard", "Reject"),
            # a probable duplicate held back (待核对)
            "review": QT_TRANSLATE_NOOP("ImportWizard", "Review")}
# The row filter: (key, label); "customers" = the customers to create, "review" = rows a
# person should look at (uncertain matches skipped, probable duplicates held back or
# created, creates sharing a number).
FILTERS = (("all", QT_TRANSLATE_NOOP("ImportWizard", "All rows")),
           ("customers", QT_TRANSLATE_NOOP("ImportWizard", "Customers to create")),
           ("review", QT_TRANSLATE_NOOP("ImportWizard", "To review")),
           ("update", QT_TRANSLATE_NOOP("ImportWizard", "Updates")),
           ("skip", QT_TRANSLATE_NOOP("ImportWizard", "Skipped")),
           ("reject", QT_TRANSLATE_NOOP("ImportWizard", "Rejected")))


def action_label(action: str) -> str:
    return QCoreApplication.translate("ImportWizard", _ACTIONS[action])


def _wanted(key: str, fate) -> bool:
    if key == "all":
        return True
    if key == "customers":
        return fate.action == "create" and fate.create_index is not None
    if key == "review":
        return fate.review
    return fate.action == key


class PlanRowsModel(PagedRowsModel):
    """The plan's fates (filtered), PAGE rows at a time; cells are computed on demand
    from the plain plan, so nothing per row is built before it is shown."""

    COL_SHEET, COL_ROW, COL_ACTION, COL_CUSTOMER, COL_DETAIL = range(5)
    HEADERS = (QT_TRANSLATE_NOOP("ImportWizard", "Sheet"),
               QT_TRANSLATE_NOOP("ImportWizard", "Row"),
               QT_TRANSLATE_NOOP("ImportWizard", "Action"),
               QT_TRANSLATE_NOOP("ImportWizard", "Customer"),
               QT_TRANSLATE_NOOP("ImportWizard", "Reason or changes"))

    HEADER_CONTEXT = "ImportWizard"

    def row_total(self) -> int:
        return len(self.indices)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plan = None
        self.indices: list[int] = []  # positions in plan.fates that pass the filter

    def set_plan(self, plan, key: str = "all") -> None:
        self.beginResetModel()
        self.plan = plan
        fates = plan.fates if plan is not None else []
        self.indices = [i for i, f in enumerate(fates) if _wanted(key, f)]
        self.reset_loaded()
        self.endResetModel()

    def total(self) -> int:
        return len(self.indices)

    def fate_at(self, row: int):
        return self.plan.fates[self.indices[row]]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.loaded:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        fate = self.fate_at(index.row())
        column = index.column()
        if column == self.COL_SHEET:
            return fate.sheet
        if column == self.COL_ROW:
            return str(fate.row)
        if column == self.COL_ACTION:
            text = action_label(fate.action)
            return f"{text} ⚠" if fate.review else text
        if column == self.COL_CUSTOMER:
            created = self.plan.created_row(fate)
            if created is None:
                return ""
            return " ".join(x for x in (created.name, reveal.shown("phone", created.phone)) if x)
        if column == self.COL_DETAIL:
            return fate.diff_text(field_label) if fate.diff else fate.reason
        return None


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
        self.counts = QTableWidget(0, 1 + len(ACTIONS))  # a row per sheet: few, all loaded
        self.counts.setHorizontalHeaderLabels([self.tr("Sheet")] +
                                              [action_label(a) for a in ACTIONS])
        self.counts.verticalHeader().setVisible(False)
        self.counts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.counts.setMaximumHeight(140)
        self.filter = QComboBox()
        for key, text in FILTERS:
            self.filter.addItem(QCoreApplication.translate("ImportWizard", text), key)
        self.filter.currentIndexChanged.connect(self._refilter)
        self.shown = QLabel()
        self.model = PlanRowsModel(self)
        self.rows = QTableView()
        self.rows.setModel(self.model)
        self.rows.verticalHeader().setVisible(False)
        # Fixed row heights: ResizeToContents over many rows takes minutes.
        self.rows.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.rows.horizontalHeader().setSectionResizeMode(
            PlanRowsModel.COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        self.rows.setWordWrap(False)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Show:")))
        bar.addWidget(self.filter)
        bar.addWidget(self.shown, 1)
        layout = QVBoxLayout(self)
        for w in (self.progress, self.status, self.counts):
            layout.addWidget(w)
        layout.addLayout(bar)
        layout.addWidget(self.rows, 1)

    def initializePage(self) -> None:
        from app.services.imports.session import dry_run

        self.wiz.plan = None
        self.counts.setRowCount(0)
        self.model.set_plan(None)
        self.shown.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Checking every row…"))
        sessions = self.wiz.ctx.sessions()
        path, mappings, policy = self.wiz.path, self.wiz.mappings, self.wiz.policy
        probable = self.wiz.probable

        def work(progress, cancel):
            with sessions() as session:
                return dry_run(session, path, mappings=mappings, policy=policy,
                               probable=probable, progress=progress, cancel=cancel)[0]

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

    def _refilter(self) -> None:
        self.model.set_plan(self.wiz.plan, self.filter.currentData())
        self.shown.setText(self.tr("%n row(s)", "", self.model.total()))

    def _done(self, plan) -> None:
        self.task = None
        self.wiz.plan = plan
        self.progress.hide()
        self.counts.setRowCount(len(plan.sheets))
        for r, s in enumerate(plan.sheets):
            cells = [s.sheet] + [str(s.counts[k]) for k in ACTIONS]
            for c, text in enumerate(cells):
                self.counts.setItem(r, c, QTableWidgetItem(text))
        self._refilter()
        lines = [self.tr("Sheet %1 not imported: %2").replace("%1", sheet).replace("%2", note)
                 for sheet, note in plan.ignored_notes()]
        if plan.already_imported:
            lines.append(self.tr("This file was already imported on %1.").replace(
                "%1", f"{plan.already_imported[1]:%Y-%m-%d %H:%M}"))
        review = sum(1 for f in plan.fates if f.review)
        if review:
            lines.append(self.tr("%n row(s) to review (marked ⚠): uncertain matches are "
                                 "skipped, not created.", "", review))
        held = plan.totals()["review"]
        if held:
            lines.append(self.tr("%n row(s) probably a customer already in the file, held "
                                 "back (not imported). Go back to import them as new "
                                 "customers, to merge later.", "", held))
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
