"""A table model over a long list that hands the view PAGE rows at a time
(canFetchMore / fetchMore), so a 100k-row dry run opens at once. Subclasses say how
many rows there are (`row_total`) and what each cell shows; `HEADERS` names the
columns."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

PAGE = 500  # rows fetched into the view at a time


class PagedRowsModel(QAbstractTableModel):
    HEADERS: tuple = ()  # QT_TRANSLATE_NOOP(HEADER_CONTEXT, …) each
    HEADER_CONTEXT = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loaded = 0

    def row_total(self) -> int:
        raise NotImplementedError

    def reset_loaded(self) -> None:
        """After the rows changed (inside begin/endResetModel): the first page."""
        self.loaded = min(PAGE, self.row_total())

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.loaded < self.row_total()

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        more = min(PAGE, self.row_total() - self.loaded)
        if parent.isValid() or more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self.loaded, self.loaded + more - 1)
        self.loaded += more
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate(self.HEADER_CONTEXT, self.HEADERS[section])
        return None
