"""One read-only list tab of the dossier: a sortable table over a customer's rows,
or a sentence saying there is nothing yet; a note when only the newest are shown."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.customers.dossier import Capped
from app.views.widgets.row_table_model import SORT_ROLE, Column, RowTableModel

MAX_COLUMN_WIDTH = 320  # long summaries are elided; the full text is in the tooltip
COLUMN_PADDING = 12  # CJK fallback fonts measure a little narrow


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their first rows need, within limits (long text elided)."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for col in range(view.model().columnCount()):
        header.resizeSection(col, min(header.sectionSize(col) + COLUMN_PADDING,
                                      MAX_COLUMN_WIDTH))


class RecordsTab(QWidget):
    def __init__(self, columns: list[Column], empty_text: str, parent=None):
        super().__init__(parent)
        self.model = RowTableModel(columns, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(200)
        header.setHighlightSections(False)
        self.empty = QLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 24px")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.empty)
        self.summary = QLabel()  # filled by the owner (the purchases tab)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.hide()
        self.note = QLabel()
        self.note.setStyleSheet("color: palette(placeholder-text)")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.note)
        self.pages.setCurrentWidget(self.empty)

    def set_rows(self, capped: Capped) -> None:
        self.model.set_rows(capped.rows)
        self.pages.setCurrentWidget(self.view if capped.rows else self.empty)
        if capped.truncated:
            self.note.setText(self.tr("Showing the newest {0:,} of {1:,}.").format(
                len(capped.rows), capped.total))
        self.note.setVisible(capped.truncated)
        if capped.rows:
            fit_columns(self.view)
            self.view.scrollToTop()

    def clear(self) -> None:
        self.model.clear()
        self.summary.clear()
        self.note.hide()
        self.pages.setCurrentWidget(self.empty)

    def is_empty_shown(self) -> bool:
        return self.pages.currentWidget() is self.empty
