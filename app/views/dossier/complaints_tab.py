"""The customer's complaints, newest first, with their deadline; one still open or in
progress after its deadline is marked overdue (red). "Open complaint…" opens one;
the status actions follow the workflow of complaint_service.TRANSITIONS:

    Start work (open → in progress)   Resolve… (open | in progress → resolved)
    Close (resolved → closed)         Reopen (resolved | closed → open)

An action the selected complaint's status does not allow is disabled; if the
complaint changed meanwhile, the service's ComplaintTransitionError is shown.
Under the list: the selected complaint's description and resolution."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSplitter
from sqlalchemy.orm import Session, sessionmaker

from app.models.enums import ComplaintStatus
from app.services.customers import dossier as dossier_service
from app.services.daily import complaints as complaint_service
from app.services.daily.complaints import TRANSITIONS, ComplaintRow
from app.views.complaints.open_complaint_dialog import OpenComplaintDialog
from app.views.complaints.resolve_complaint_dialog import ResolveComplaintDialog
from app.views.dossier import dossier_columns
from app.views.dossier.list_models import MarkedRowModel
from app.views.dossier.live_tab import RecordListTab, action_bar, record_table
from app.views.dossier.records_tab import fit_columns
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import format_datetime, label

St = ComplaintStatus


def read_complaints(sessions: sessionmaker[Session], customer_id: int, *,
                    now: datetime) -> list[ComplaintRow]:
    with sessions() as session:
        return list(dossier_service.complaints(session, customer_id, now=now).rows)


class ComplaintsTab(RecordListTab):
    clock: Callable[[], datetime] = datetime.now

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.model = MarkedRowModel(dossier_columns.complaint_columns(self._is_overdue,
                                                                     ctx.screen_mask),
                                    self._is_overdue,
                                    self.tr("Overdue: past the deadline and not resolved"),
                                    parent=self)
        ctx.screen_mask.changed.connect(self.model.layoutChanged.emit)  # drawn again
        self.view = record_table(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection())
        self.open_action = QAction(self.tr("Open complaint…"), self)
        self.start_action = QAction(self.tr("Start work"), self)
        self.resolve_action = QAction(self.tr("Resolve…"), self)
        self.close_action = QAction(self.tr("Close"), self)
        self.reopen_action = QAction(self.tr("Reopen"), self)
        self.open_action.setToolTip(self.tr("Record a new complaint from this customer"))
        self.start_action.setToolTip(self.tr("Someone is working on it"))
        self.resolve_action.setToolTip(self.tr("Record how it was resolved"))
        self.close_action.setToolTip(self.tr("The customer accepted the resolution"))
        self.reopen_action.setToolTip(self.tr("Not solved after all: open it again "
                                              "(a new deadline from now)"))
        self.toolbar = action_bar()
        self.toolbar.addAction(self.open_action)
        self.toolbar.addSeparator()
        for action in self.status_actions().values():
            self.toolbar.addAction(action)
        self.open_action.triggered.connect(self.open_complaint)
        self.start_action.triggered.connect(lambda: self.change_status(St.IN_PROGRESS))
        self.resolve_action.triggered.connect(self.resolve_selected)
        self.close_action.triggered.connect(lambda: self.change_status(St.CLOSED))
        self.reopen_action.triggered.connect(lambda: self.change_status(St.OPEN))

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.lay_out(split)

    def status_actions(self) -> dict[str, QAction]:
        """The workflow actions by the status each one moves to."""
        return {St.IN_PROGRESS: self.start_action, St.RESOLVED: self.resolve_action,
                St.CLOSED: self.close_action, St.OPEN: self.reopen_action}


    @staticmethod
    def _is_overdue(row: ComplaintRow) -> bool:
        return row.overdue  # as of the read

    # ------------------------------------------------------------ LiveTab
    def fetcher(self):
        return partial(read_complaints, now=self.clock())

    def apply(self, rows: list[ComplaintRow]) -> bool:
        keep = self.row_to_keep()
        self.model.set_rows(rows)  # a model reset: clears the selection without a signal
        if rows:
            fit_columns(self.view)
            self.select(keep)  # selectionChanged → _selection reads the detail, once
        else:
            self._selection()
        return bool(rows)

    def clear_rows(self) -> None:
        self.model.clear()
        self.detail.clear()

    def empty_text(self) -> str:
        return self.tr("No complaints from this customer.")

    def update_actions(self) -> None:
        self.open_action.setEnabled(self.can_change())
        row = self.selected_row()
        allowed = TRANSITIONS.get(row.status, ()) if row and self.can_change() else ()
        for target, action in self.status_actions().items():
            action.setEnabled(target in allowed)

    # ------------------------------------------------------------ selection
    def _selection(self) -> None:
        self.update_actions()
        self.detail.setText(self._detail_text(self.selected_row()))

    def _detail_text(self, full: ComplaintRow | None) -> str:
        if full is None or self.ctx.is_locked:
            return ""
        lines = [self.tr("Description: {0}").format(full.description)]
        if full.resolution:
            lines.append(self.tr("Resolution: {0}").format(full.resolution))
        facts = [label("complaint_status", full.status)]
        if full.resolved_at:
            facts.append(self.tr("resolved {0}").format(format_datetime(full.resolved_at)))
        if full.closed_at:
            facts.append(self.tr("closed {0}").format(format_datetime(full.closed_at)))
        if full.satisfaction_after is not None:
            facts.append(self.tr("satisfaction after {0} of 5").format(full.satisfaction_after))
        if full.owner:
            facts.append(self.tr("owner {0}").format(full.owner))
        lines.append(" · ".join(facts))
        return "\n".join(lines)

    # ------------------------------------------------------------ actions
    def open_complaint(self) -> None:
        if not self.can_change():
            return
        dialog = OpenComplaintDialog(self.ctx, self.customer_id, parent=self)
        self.run_dialog(dialog, created=dialog.opened)

    def resolve_selected(self) -> None:
        row = self.selected_row()
        if row is None or not self.resolve_action.isEnabled():
            return
        summary = self.tr("{0} · {1} · opened {2}").format(
            row.category, label("severity", row.severity), format_datetime(row.opened_at))
        self.run_dialog(ResolveComplaintDialog(self.ctx, row.id, summary, parent=self,
                                               version=row.version))

    def change_status(self, target: str) -> bool:
        """Move the selected complaint to `target` (Start work, Close, Reopen)."""
        row = self.selected_row()
        if row is None or not self.can_change():
            return False

        def move() -> None:
            with self.ctx.sessions().begin() as session:
                complaint_service.change_status(session, row.id, target, now=self.clock(),
                                                expected_version=row.version)

        done = self.run_action(move, self.tr("Complaint"))
        if done:
            self.ctx.data_changed.emit()
        return done
