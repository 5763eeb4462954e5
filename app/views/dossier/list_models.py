"""Qt models of the dossier's working tabs, over frozen service rows.

- MarkedRowModel: a RowTableModel whose marked rows (overdue) are drawn in red.
- TimelineModel: a customer's contacts, newest first, a page at a time. When the view
  scrolls to the end, `fetchMore` asks for the next page by signal (`more_wanted`,
  with the keyset to read before); the owner reads it in a worker and hands it to
  `append_page`. The model itself never touches the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.services.daily.contacts import TimelinePage
from app.views.dossier import dossier_columns
from app.views.widgets.row_table_model import Column, RowTableModel

OVERDUE_COLOR = QColor("#c62828")  # overdue rows, in every list that marks them
_ROOT = QModelIndex()


class MarkedRowModel(RowTableModel):
    """Rows for which `mark(row)` is true are drawn in red (with a tooltip)."""

    def __init__(self, columns: Sequence[Column], mark: Callable[[Any], bool] | None = None,
                 mark_tip: str = "", parent=None):
        super().__init__(columns, parent=parent)
        self._mark = mark or (lambda _row: False)
        self._mark_tip = mark_tip

    def is_marked(self, row: int) -> bool:
        return bool(self._mark(self.row_at(row)))

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.isValid() and 0 <= index.row() < self.rowCount() and \
                    0 <= index.column() < self.columnCount() and self.is_marked(index.row()):
                return QBrush(OVERDUE_COLOR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and self._mark_tip and index.isValid() and \
                0 <= index.row() < self.rowCount() and self.is_marked(index.row()):
            own = super().data(index, role)
            return f"{own}\n{self._mark_tip}" if own else self._mark_tip
        return super().data(index, role)


class TimelineModel(RowTableModel):
    more_wanted = Signal(object)  # (occurred_at, id): read the page before it

    def __init__(self, parent=None, mask=None):
        super().__init__(dossier_columns.contact_columns(mask), parent=parent)
        self._next: tuple[datetime, int] | None = None
        self._fetching = False

    def set_page(self, page: TimelinePage) -> None:
        """The first page (replaces everything)."""
        self._next, self._fetching = page.next_before, False
        self.set_rows(page.rows)

    def append_page(self, before: tuple[datetime, int], page: TimelinePage) -> bool:
        """The page read before `before`; ignored (False) unless it is the one wanted."""
        if before != self._next:
            return False
        self._fetching = False
        self._next = page.next_before
        if page.rows:
            first = self.rowCount()
            self.beginInsertRows(_ROOT, first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        return True

    def fetch_failed(self) -> None:
        """The next page could not be read: stop asking (a reload starts over)."""
        self._fetching, self._next = False, None

    def clear(self) -> None:
        self._next, self._fetching = None, False
        super().clear()

    def has_more(self) -> bool:
        return self._next is not None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._next is not None and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit(self._next)
