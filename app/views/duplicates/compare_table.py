"""The side-by-side compare of a pair: one row per field, customer A and B in fixed
columns, and what the kept customer will hold after the merge (the dry run).

Fields where both have a different value are highlighted; one click on either value
(or Space/Enter on it) chooses it, which becomes merge_customers(take={FIELD: CODE}).
Unchosen fields keep the kept customer's value; its empty ones are filled from the
other (the merge service's rule), so only conflicts need a choice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.services.customers.rows import CustomerRow
from app.services.duplicates.merge import TAKEABLE, MergeResult
from app.views.duplicates.words import FIELDS, UNITED, field_label, translate, value_text

COL_FIELD, COL_A, COL_B, COL_RESULT = range(4)
CONFLICT = QColor("#fff1c2")  # a pale amber: readable in the light theme, not an error red
CHOSEN_MARK = "✓ "


def _value(row: CustomerRow, name: str):
    return row.tags if name == "tags" else getattr(row, name)


def _conflict(a, b) -> bool:
    empty = (None, "", (), False)
    return a not in empty and b not in empty and str(a) != str(b)


class CompareTable(QTableWidget):
    choice_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setObjectName("duplicates_compare")
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        for col in (COL_A, COL_B, COL_RESULT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.a: CustomerRow | None = None
        self.b: CustomerRow | None = None
        self.keep_code = ""
        self.choices: dict[str, str] = {}  # field → code, only what the user chose
        self.choosable = True
        self.mask = None  # the window's ScreenMask: personal values masked as it says
        self.cellClicked.connect(self._clicked)
        self.cellActivated.connect(self._clicked)

    # --- contents -------------------------------------------------------------------
    def set_pair(self, a: CustomerRow, b: CustomerRow, keep_code: str,
                 choosable: bool) -> None:
        if self.a is None or self.b is None or (self.a.id, self.b.id) != (a.id, b.id):
            self.choices = {}  # another pair: nothing chosen yet
        self.a, self.b, self.keep_code, self.choosable = a, b, keep_code, choosable
        self.setRowCount(len(FIELDS))
        self._fill()

    def set_keep(self, code: str) -> None:
        self.keep_code = code
        self._fill()

    def clear_pair(self) -> None:
        self.a = self.b = None
        self.choices = {}
        self.setRowCount(0)

    def conflicts(self) -> list[str]:
        if self.a is None or self.b is None:
            return []
        return [n for n in FIELDS if n in TAKEABLE
                and _conflict(_value(self.a, n), _value(self.b, n))]

    def chosen(self, name: str) -> str:
        """The code whose value the field takes (the kept customer unless chosen)."""
        return self.choices.get(name, self.keep_code)

    def take(self) -> dict[str, str]:
        """merge_customers' `take`: the conflicting fields chosen from the other."""
        return {n: code for n, code in self.choices.items()
                if n in self.conflicts() and code != self.keep_code}

    def choose(self, name: str, code: str) -> None:
        if name not in self.conflicts() or not self.choosable:
            return
        self.choices[name] = code
        self._fill()
        self.choice_changed.emit()

    def set_preview(self, preview: MergeResult | None) -> None:
        """The values after the merge, from the dry run (blank without one)."""
        for row, name in enumerate(FIELDS):
            if preview is None:
                text = ""
            elif name == "tags":
                text = value_text(name, sorted(set(self.a.tags) | set(self.b.tags)), self.mask)
            else:
                text = value_text(name, preview.values.get(name), self.mask)
            self._put(row, COL_RESULT, text)

    # --- drawing --------------------------------------------------------------------
    def _header(self, row: CustomerRow) -> str:
        kept = row.code == self.keep_code and self.choosable
        text = f"{row.code} {row.name}"
        return translate("Duplicates", "{0} (kept)").format(text) if kept else text

    def _fill(self) -> None:
        if self.a is None or self.b is None:
            return
        self.setHorizontalHeaderLabels([
            translate("Duplicates", "Field"), self._header(self.a), self._header(self.b),
            translate("Duplicates", "After the merge")])
        conflicts = set(self.conflicts())
        for row, name in enumerate(FIELDS):
            self._put(row, COL_FIELD, field_label(name))
            for col, customer in ((COL_A, self.a), (COL_B, self.b)):
                text = value_text(name, _value(customer, name), self.mask)
                item = self._put(row, col, text)
                if name in conflicts:
                    item.setBackground(QBrush(CONFLICT))
                    chosen = self.chosen(name) == customer.code
                    if chosen and self.choosable:
                        item.setText(CHOSEN_MARK + text)
                        font = QFont(item.font())
                        font.setBold(True)
                        item.setFont(font)
                    tip = translate("Duplicates", "Click to take this value")
                    item.setToolTip(tip if self.choosable else "")
            field_item = self.item(row, COL_FIELD)
            if name in conflicts:
                field_item.setBackground(QBrush(CONFLICT))
                field_item.setToolTip(
                    translate("Duplicates", "The two differ: click the value to keep"))
            elif name in UNITED:
                field_item.setToolTip(translate("Duplicates", "A merge keeps the tags of both"))
        self.resizeRowsToContents()

    def _put(self, row: int, col: int, text: str) -> QTableWidgetItem:
        item = self.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(row, col, item)
        item.setText(text)
        item.setFont(QFont(self.font()))
        item.setBackground(QBrush())
        item.setToolTip("")
        return item

    def _clicked(self, row: int, col: int) -> None:
        if col not in (COL_A, COL_B) or self.a is None or not 0 <= row < len(FIELDS):
            return
        self.choose(list(FIELDS)[row], (self.a if col == COL_A else self.b).code)

    def keyPressEvent(self, event) -> None:  # Space chooses the value under the cursor
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            self._clicked(self.currentRow(), self.currentColumn())
            return
        super().keyPressEvent(event)
