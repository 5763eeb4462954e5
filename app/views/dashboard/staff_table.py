"""Staff performance as a small table: one row per person (a few dozen at most, so a
fully loaded QTableWidget), in the service's order (most customers first).

The table lives in the dashboard's scroll area: it is exactly as tall as its rows
(no scroll bar of its own, only the page scrolls), and its columns are as wide as
their contents, the spare width shared out evenly (a stretched last column took half
the page and pushed the figures apart from their headers)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
)

from app.charts.chart_texts import staff_values
from app.services.dashboard.staff import StaffRow


class StaffTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, 7, parent)
        self.setHorizontalHeaderLabels([
            self.tr("Owner"), self.tr("Customers"), self.tr("VIP / high / mid / low / other"),
            self.tr("Revisits due / done / overdue"), self.tr("Contacts"),
            self.tr("Satisfaction"), self.tr("Complaints in time / resolved")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._fit()

    def set_rows(self, rows: list[StaffRow], lang: str) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(staff_values(row, lang)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)
        self._fit()

    def setRowCount(self, rows: int) -> None:
        super().setRowCount(rows)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._spread()
        self._fit_height()  # a narrower window may need the horizontal scroll bar

    def _fit(self) -> None:
        self.resizeColumnsToContents()  # the larger of each header and its cells
        self._spread()
        self._fit_height()

    def _spread(self) -> None:
        """Share the width beyond the contents evenly between the columns."""
        content = [self.sizeHintForColumn(c) for c in range(self.columnCount())]
        header = self.horizontalHeader()
        widths = [max(w, header.sectionSizeHint(c)) for c, w in enumerate(content)]
        spare = self.viewport().width() - sum(widths)
        if spare > 0:
            share, rest = divmod(spare, len(widths))
            widths = [w + share + (1 if c < rest else 0) for c, w in enumerate(widths)]
        for c, w in enumerate(widths):
            header.resizeSection(c, w)

    def _fit_height(self) -> None:
        """Tall enough for the header and every row (and a horizontal scroll bar when
        the window is too narrow for the columns)."""
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        if not self.rowCount():
            rows = self.verticalHeader().defaultSectionSize()  # room for one, empty
        header = self.horizontalHeader()
        too_wide = header.length() > self.viewport().width()
        extra = self.horizontalScrollBar().sizeHint().height() if too_wide else 0
        self.setFixedHeight(header.sizeHint().height() + rows + extra
                            + 2 * self.frameWidth())
