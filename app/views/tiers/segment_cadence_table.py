"""The rule `segment_cadence` as a small table: a saved segment and its revisit cadence
per row, first matching row first (the revisit planner takes the first segment a
customer is a member of), with buttons to add, remove and move rows.

A row may name a segment deleted since the rules were saved: it is kept as it is
(saving does not silently drop it) but shown in red with a tooltip; the planner
skips it already (revisits.candidates.segment_cadences)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

COL_SEGMENT, COL_DAYS = 0, 1
DEFAULT_EVERY_DAYS = 30
MAX_EVERY_DAYS = 3650
MISSING_COLOR = QColor("#c62828")


class SegmentCadenceTable(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._segments: list[str] = []
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Segment"), self.tr("Revisit every")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SEGMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_DAYS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_DAYS, 110)  # "3650 天" and the arrows
        self.table.setMinimumHeight(120)
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(lambda: self.remove_row(self.current_row()))
        self.up_button.clicked.connect(lambda: self.move_row(self.current_row(), -1))
        self.down_button.clicked.connect(lambda: self.move_row(self.current_row(), 1))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())
        self.hint = QLabel(self.tr("The first row a customer's segment matches sets their "
                                   "revisit cadence, over their tier's."))
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self._update_buttons()

    # --- values ---------------------------------------------------------------------
    def set_segments(self, names: list[str]) -> None:
        """The saved segments a row can name (segments.service.names)."""
        entries = self.entries()
        self._segments = list(names)
        self._rebuild(entries)

    def set_entries(self, entries: list[dict]) -> None:
        self._rebuild([{"segment": str(e.get("segment", "")),
                        "every_days": int(e.get("every_days") or DEFAULT_EVERY_DAYS)}
                       for e in entries or []])

    def entries(self) -> list[dict]:
        out = []
        for row in range(self.table.rowCount()):
            out.append({"segment": self._combo(row).currentData(),
                        "every_days": self._spin(row).value()})
        return out

    def is_missing(self, row: int) -> bool:
        """Whether the row names a segment that no longer exists."""
        return self._combo(row).currentData() not in self._segments

    # --- editing --------------------------------------------------------------------
    def current_row(self) -> int:
        return self.table.currentRow()

    def add_row(self) -> None:
        """A row for the first segment no row names yet (else the first segment)."""
        if not self._segments:
            return
        used = {e["segment"] for e in self.entries()}
        free = [name for name in self._segments if name not in used]
        entries = [*self.entries(), {"segment": (free or self._segments)[0],
                                     "every_days": DEFAULT_EVERY_DAYS}]
        self._rebuild(entries, select=len(entries) - 1)
        self.changed.emit()

    def remove_row(self, row: int) -> None:
        entries = self.entries()
        if not 0 <= row < len(entries):
            return
        del entries[row]
        self._rebuild(entries, select=min(row, len(entries) - 1))
        self.changed.emit()

    def move_row(self, row: int, step: int) -> None:
        entries = self.entries()
        to = row + step
        if not (0 <= row < len(entries) and 0 <= to < len(entries)):
            return
        entries[row], entries[to] = entries[to], entries[row]
        self._rebuild(entries, select=to)
        self.changed.emit()

    # --- building -------------------------------------------------------------------
    def _combo(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, COL_SEGMENT)

    def _spin(self, row: int) -> QSpinBox:
        return self.table.cellWidget(row, COL_DAYS)

    def _rebuild(self, entries: list[dict], select: int | None = None) -> None:
        # Rows are few: rebuilt whole on every add, remove and move, so the widgets
        # in the cells always follow the list's order.
        self.table.setRowCount(0)
        for entry in entries:
            self._append(entry["segment"], entry["every_days"])
        if select is not None and 0 <= select < self.table.rowCount():
            self.table.setCurrentCell(select, COL_SEGMENT)
        self._update_buttons()

    def _append(self, segment: str, every_days: int) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox()
        for name in self._segments:
            combo.addItem(name, name)
        if segment not in self._segments:  # deleted since: kept, marked
            combo.insertItem(0, segment, segment)
            combo.setItemData(0, MISSING_COLOR, Qt.ItemDataRole.ForegroundRole)
            combo.setItemData(0, self._missing_tip(), Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(combo.findData(segment))
        combo.currentIndexChanged.connect(lambda _i, c=combo: self._mark(c))
        combo.currentIndexChanged.connect(self.changed)
        spin = QSpinBox()
        spin.setRange(1, MAX_EVERY_DAYS)
        spin.setSuffix(self.tr(" days"))
        spin.setValue(max(1, min(MAX_EVERY_DAYS, int(every_days))))
        spin.valueChanged.connect(self.changed)
        self.table.setCellWidget(row, COL_SEGMENT, combo)
        self.table.setCellWidget(row, COL_DAYS, spin)
        self._mark(combo)

    def _missing_tip(self) -> str:
        return self.tr("Segment deleted: the revisit planner skips this row.")

    def _mark(self, combo: QComboBox) -> None:
        missing = combo.currentData() not in self._segments
        if missing:
            palette = QPalette(combo.palette())
            for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
                palette.setColor(role, MISSING_COLOR)
            combo.setPalette(palette)
        else:
            combo.setPalette(QPalette())  # back to the inherited colours
        combo.setToolTip(self._missing_tip() if missing else "")

    def _update_buttons(self) -> None:
        row, rows = self.current_row(), self.table.rowCount()
        self.add_button.setEnabled(bool(self._segments))
        self.add_button.setToolTip("" if self._segments
                                   else self.tr("No saved segments yet."))
        self.remove_button.setEnabled(0 <= row < rows)
        self.up_button.setEnabled(0 < row < rows)
        self.down_button.setEnabled(0 <= row < rows - 1)
