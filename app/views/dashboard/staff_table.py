"""Staff performance as a small table: one row per person (a few dozen at most, so a
fully loaded QTableWidget), in the service's order (most customers first)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

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
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setMinimumHeight(200)

    def set_rows(self, rows: list[StaffRow], lang: str) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(staff_values(row, lang)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)
