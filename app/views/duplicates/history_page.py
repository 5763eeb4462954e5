"""The merge history: when, which customer was kept, which were merged into it, by whom
and why, and whether it was undone; 撤销合并 undoes the selected merge and says what
came back (and what stays with the kept customer because it was added after)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.services.duplicates.merge import MergeRow
from app.views.duplicates import ops
from app.views.duplicates.words import translate
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import format_datetime
from app.views.widgets.latest_only_loader import LatestOnlyLoader
from app.views.widgets.row_table_model import RIGHT, Column, RowTableModel


def _state(row: MergeRow) -> str:
    if row.undone_at is None:
        return translate("Duplicates", "Merged")
    return translate("Duplicates", "Undone {0}").format(format_datetime(row.undone_at))


def _columns() -> list[Column]:
    return [
        Column("#", lambda r: str(r.id), RIGHT, sort_key=lambda r: r.id),
        Column(translate("Duplicates", "Merged at"), lambda r: format_datetime(r.merged_at)),
        Column(translate("Duplicates", "Kept"), lambda r: r.kept_code),
        Column(translate("Duplicates", "Merged into it"), lambda r: "、".join(r.merged_codes)),
        Column(translate("Duplicates", "By"), lambda r: r.actor or ""),
        Column(translate("Duplicates", "Reason"), lambda r: r.reason or "",
               tooltip=lambda r: r.reason or ""),
        Column(translate("Duplicates", "State"), _state),
    ]


class HistoryPage(QWidget):
    loaded = Signal(int)

    def __init__(self, ctx: AppContext, unmerge: Callable[[int], str], parent=None):
        """`unmerge(merge_id)` undoes a merge and returns what it did, in words (the
        review page's, so that the pairs it took off the queue come back)."""
        super().__init__(parent)
        self.ctx = ctx
        self._unmerge = unmerge
        self.loader = LatestOnlyLoader(ctx, self)
        self.model = RowTableModel(_columns(), parent=self)
        self.table = QTableView()
        self.table.setObjectName("merge_history")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._set_button())
        self.empty = QLabel(self.tr("No merges yet."))
        self.unmerge_button = QPushButton(self.tr("&Undo merge"))
        self.unmerge_button.setToolTip(self.tr(
            "Restore the customers exactly as they were before the merge; records added "
            "to the kept customer since stay with it"))
        self.unmerge_button.clicked.connect(self.unmerge_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty)
        buttons.addStretch(1)
        buttons.addWidget(self.unmerge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._set_button()

    def reload(self) -> None:
        self.loader.submit(ops.history, on_done=self._show, on_error=self._failed)

    def _show(self, rows: list[MergeRow]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._set_button()
        self.loaded.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KehuError):
            raise exc
        QMessageBox.warning(self, self.window().windowTitle(), str(exc))

    def selected(self) -> MergeRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_merge(self, merge_id: int) -> bool:
        for row, merge in enumerate(self.model.rows()):
            if merge.id == merge_id:
                self.table.selectRow(row)
                return True
        return False

    def _set_button(self) -> None:
        row = self.selected()
        self.unmerge_button.setEnabled(row is not None and row.undone_at is None)

    def unmerge_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        title = self.tr("Undo merge")
        try:
            text = self._unmerge(row.id)
        except KehuError as exc:  # undone already, a customer deleted for good since…
            QMessageBox.warning(self, title, str(exc))
            self.reload()
            return
        QMessageBox.information(self, title, text)
        self.reload()

    def shutdown(self) -> None:
        self.loader.shutdown()
