"""A small read-only table model over a fully loaded list of frozen rows.

For the short per-customer lists of the dossier (a few hundred rows at most), so a
QSortFilterProxyModel over it is fine (ARCHITECTURE.md rule 3). Each column is a
`Column`: a translated header, a getter for the shown text, the alignment and a sort
key (set the proxy's sortRole to `SORT_ROLE`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.views.widgets.formatting import format_date, format_datetime, format_money

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the frozen row itself

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

_ROOT = QModelIndex()
_LOWEST = -(1 << 62)  # sort key of a missing number or date


@dataclass(frozen=True)
class Column:
    header: str  # already translated
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    sort_key: Callable[[Any], Any] | None = None  # str or number; default: the text
    tooltip: Callable[[Any], str] | None = None


def text_column(header: str, get: Callable[[Any], Any], *, tooltip: bool = False) -> Column:
    """Plain text; with tooltip=True the full text is shown on hover (long summaries)."""
    def text(row) -> str:
        value = get(row)
        return "" if value is None else " ".join(str(value).split())

    def tip(row) -> str:
        value = get(row)
        return "" if value is None else str(value)

    return Column(header, text, LEFT, tooltip=tip if tooltip else None)


def number_column(header: str, get: Callable[[Any], int | None]) -> Column:
    return Column(header, lambda r: "" if get(r) is None else str(get(r)), RIGHT,
                  sort_key=lambda r: _LOWEST if get(r) is None else get(r))


def money_column(header: str, get: Callable[[Any], int | None]) -> Column:
    """Integer fen shown as ¥1,234.50, right-aligned, sorted by amount."""
    return Column(header, lambda r: format_money(get(r)), RIGHT,
                  sort_key=lambda r: _LOWEST if get(r) is None else int(get(r)))


def date_column(header: str, get: Callable[[Any], Any]) -> Column:
    return Column(header, lambda r: format_date(get(r)), LEFT,
                  sort_key=lambda r: format_date(get(r)))


def datetime_column(header: str, get: Callable[[Any], Any]) -> Column:
    return Column(header, lambda r: format_datetime(get(r)), LEFT,
                  sort_key=lambda r: get(r).isoformat() if get(r) else "")


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (), parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows = list(rows)

    # ------------------------------------------------------------ contents
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows(())

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def column(self, section: int) -> Column:
        return self._columns[section]

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        row, col = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align.value)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row) or None
        if role == SORT_ROLE:
            return col.sort_key(row) if col.sort_key else col.text(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self._columns[section].align.value)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren
