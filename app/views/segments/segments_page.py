"""The 分群 page: the groups discovered in the data, as a table and a chart of size
against value; 重新分群 clusters again in a worker (progress, cancel); a group can be
saved as a named segment (`cluster=ID`) for the list, the exports and the rules."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.charts.dashboard_figures import new_figure
from app.charts.segment_figures import draw_groups
from app.errors import KehuError
from app.services.segments import clusters
from app.views.shell.app_context import AppContext, FileLocked
from app.views.widgets.formatting import format_money
from app.views.widgets.progress_task import ProgressTask


def read_latest(sessions):
    with sessions() as s:
        run = clusters.latest(s)
        return (clusters.groups(run), run.used_clv, run.computed_at, run.k,
                run.silhouette) if run else None


def rediscover(sessions, k, progress=None, cancel=None):
    with sessions.begin() as s:
        clusters.rediscover(s, k=k, progress=progress)
    return read_latest(sessions)


def save_cluster(sessions, name: str, cluster_id: int):
    from app.services.segments import service as segments

    with sessions.begin() as s:
        return segments.save(s, name, f"cluster={cluster_id}")


class SegmentsPage(QWidget):
    segments_changed = Signal()  # a group was saved as a segment

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.task = None
        self.groups: list = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.k_combo = QComboBox()
        self.k_combo.addItem(self.tr("Number of groups: automatic"), None)
        for k in range(3, 9):
            self.k_combo.addItem(self.tr("%n groups", "", k), k)
        self.run_button = QPushButton(self.tr("&Find groups"))
        self.run_button.clicked.connect(self.start_discovery)
        self.save_button = QPushButton(self.tr("&Save group as segment…"))
        self.save_button.clicked.connect(self.save_selected)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([
            self.tr("Group"), self.tr("Description"), self.tr("Customers"),
            self.tr("Revenue share"), self.tr("Mean predicted value"),
            self.tr("Days since last purchase"), self.tr("Purchases")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.canvas = FigureCanvasQTAgg(new_figure(6.0, 3.6))
        self.canvas.setMinimumHeight(260)
        self.used_clv = False
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.k_combo)
        bar.addWidget(self.run_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.canvas, 3)
        self._update_buttons()

    # --- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            latest = read_latest(self.ctx.sessions())
        except FileLocked:
            return
        self.show_result(latest)

    def show_result(self, latest) -> None:
        if latest is None:
            self.groups, self.used_clv = [], False
            self.heading.setText(self.tr(
                "No groups yet. Find groups clusters the customers with purchases by how "
                "recently, how often and how much they buy, and by predicted value."))
        else:
            self.groups, self.used_clv, at, k, silhouette = latest
            basis = (self.tr("with predicted value") if self.used_clv
                     else self.tr("without predicted value (not computed yet)"))
            self.heading.setText(self.tr("%1 groups found on %2 (%3; silhouette %4).")
                                 .replace("%1", str(k)).replace("%2", f"{at:%Y-%m-%d %H:%M}")
                                 .replace("%3", basis).replace("%4", f"{silhouette:.2f}"))
        self._fill_table()
        draw_groups(self.canvas.figure, self.groups, self.used_clv)
        self.canvas.draw()
        self._update_buttons()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.groups))
        for row, g in enumerate(self.groups):
            cells = (str(g.id), g.description, f"{g.size:,}", f"{g.revenue_share:.1%}",
                     format_money(g.mean_clv_fen) if g.mean_clv_fen is not None else "—",
                     f"{g.mean_recency_days:,.0f}", f"{g.mean_frequency:.1f}")
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(bool(self.table.selectedItems()))
        self.run_button.setEnabled(self.task is None)

    # --- discovering ------------------------------------------------------------------
    def start_discovery(self) -> None:
        try:
            sessions = self.ctx.sessions()
        except FileLocked:
            return
        self.task = ProgressTask(self, self.tr("Finding groups in the data…"), rediscover,
                                 sessions, self.k_combo.currentData(),
                                 on_done=self._discovered, on_error=self._failed)
        self._update_buttons()

    def _discovered(self, latest) -> None:
        self.task = None
        self.show_result(latest)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._update_buttons()
        if isinstance(exc, KehuError):
            QMessageBox.warning(self, self.tr("Groups"), str(exc))
        elif not isinstance(exc, FileLocked):
            raise exc

    # --- saving -----------------------------------------------------------------------
    def selected_group(self):
        rows = {i.row() for i in self.table.selectedItems()}
        return self.groups[rows.pop()] if rows else None

    def save_selected(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Save group as segment"),
            self.tr("Name of the segment (it stays the members of group %1 of the latest "
                    "run):").replace("%1", str(group.id)), text=group.description)
        if ok and name.strip():
            self.save_as(name.strip(), group.id)

    def save_as(self, name: str, cluster_id: int) -> bool:
        try:
            save_cluster(self.ctx.sessions(), name, cluster_id)
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Save group as segment"), str(exc))
            return False
        except FileLocked:
            return False
        self.segments_changed.emit()
        self.ctx.data_changed.emit()
        return True
