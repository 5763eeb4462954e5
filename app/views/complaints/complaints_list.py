"""Complaints across all customers: filtered by status and "overdue only", overdue ones
marked in red; a double-click (or Enter) opens the customer (`open_customer`).

A small window beside the main one (not modal). The list is read in a worker
(LatestOnlyLoader, newest read wins; complaint_service.list_complaints, at most
LIST_LIMIT rows, so sorting happens in a proxy); it is read again when the data
change and cleared when the file locks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
)

from app.errors import KehuError
from app.services.daily import complaints as complaint_service
from app.services.daily.complaints import LIST_LIMIT, OPEN_STATUSES, ComplaintRow
from app.views.dossier.list_models import MarkedRowModel
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import choices, format_datetime, label
from app.views.widgets.latest_only_loader import LatestOnlyLoader
from app.views.widgets.row_table_model import SORT_ROLE, Column, datetime_column, text_column

ACTIVE = "active"  # the status filter "open or in progress"
_SEVERITY_ORDER = {s: i for i, s in enumerate(("low", "medium", "high", "critical"))}


def _read(sessions, now: datetime, status, overdue_only: bool) -> list[ComplaintRow]:
    with sessions() as session:
        return complaint_service.list_complaints(
            session, now=now, status=status, overdue_only=overdue_only)


class ComplaintsListDialog(QDialog):
    open_customer = Signal(int)
    loaded = Signal(int)  # rows shown

    def __init__(self, ctx: AppContext, clock: Callable[[], datetime] = datetime.now,
                 parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock
        self._loader = LatestOnlyLoader(ctx, self)
        self.setWindowTitle(self.tr("Complaints"))
        self.resize(1280, 600)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("Open or in progress"), ACTIVE)
        self.status_box.addItem(self.tr("All statuses"), None)
        for code, text in choices("complaint_status"):
            self.status_box.addItem(text, code)
        self.overdue_box = QCheckBox(self.tr("Overdue only"))
        self.overdue_box.setToolTip(self.tr("Open or in-progress complaints past their deadline"))
        self.count_label = QLabel()
        filters = QHBoxLayout()
        status_label = QLabel(self.tr("Status:"))
        status_label.setBuddy(self.status_box)
        for widget in (status_label, self.status_box, self.overdue_box):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.model = MarkedRowModel(self._columns(), lambda row: row.overdue, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._make_table()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 24px")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        hint = QLabel(self.tr("Double-click a complaint (or press Enter) to open the customer."))
        hint.setStyleSheet("color: palette(placeholder-text)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)

        self.status_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.overdue_box.toggled.connect(lambda _on: self.refresh())
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        ctx.data_changed.connect(self._data_changed)
        ctx.locked.connect(self._on_locked)  # read when shown (showEvent)

    def _columns(self) -> list[Column]:
        def customer(r: ComplaintRow) -> str:
            return f"{r.customer_name} ({r.customer_code})"

        def overdue(r: ComplaintRow) -> str:
            return self.tr("Overdue") if r.overdue else ""

        return [
            datetime_column(self.tr("Opened"), lambda r: r.opened_at),
            text_column(self.tr("Customer"), customer, tooltip=True),
            text_column(self.tr("Phone"),
                        lambda r: self.ctx.screen_mask.text("phone", r.customer_phone)),
            text_column(self.tr("Category"), lambda r: r.category),
            Column(self.tr("Severity"), lambda r: label("severity", r.severity),
                   sort_key=lambda r: _SEVERITY_ORDER.get(r.severity, -1)),
            Column(self.tr("Status"), lambda r: label("complaint_status", r.status)),
            Column(self.tr("Deadline"), lambda r: format_datetime(r.deadline_at),
                   sort_key=lambda r: r.deadline_at.isoformat() if r.deadline_at else ""),
            Column(self.tr("Overdue"), overdue, sort_key=lambda r: int(r.overdue)),
            text_column(self.tr("Owner"), lambda r: r.owner),
            text_column(self.tr("Description"), lambda r: r.description, tooltip=True),
        ]

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setHighlightSections(False)
        table.installEventFilter(self)
        return table

    # ------------------------------------------------------------ loading
    def status_filter(self):
        value = self.status_box.currentData()
        return list(OPEN_STATUSES) if value == ACTIVE else value

    def refresh(self) -> None:
        if self.ctx.is_locked:
            return
        self._loader.submit(_read, self.clock(), self.status_filter(),
                            self.overdue_box.isChecked(),
                            on_done=self._loaded, on_error=self._failed)

    def busy(self) -> bool:
        return self._loader.busy()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Drop what is on its way and wait for the running read (before the file closes)."""
        return self._loader.shutdown(timeout_ms)

    def _loaded(self, rows: list[ComplaintRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + 12, 220))
        overdue = sum(1 for r in rows if r.overdue)
        if len(rows) >= LIST_LIMIT:
            text = self.tr("The first {0:,} complaints, {1:,} overdue").format(len(rows), overdue)
        elif len(rows) == 1:
            text = self.tr("1 complaint, {0:,} overdue").format(overdue)
        else:
            text = self.tr("{0:,} complaints, {1:,} overdue").format(len(rows), overdue)
        self.count_label.setText(text)
        self.empty.setText(self.tr("No complaints match these filters."))
        self.pages.setCurrentWidget(self.table if rows else self.empty)
        self.loaded.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KehuError):
            QMessageBox.warning(self, self.tr("Complaints"), str(exc))
            return
        raise exc

    def _data_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def _on_locked(self) -> None:
        self._loader.invalidate()
        self.model.clear()
        self.count_label.clear()
        self.close()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    # ------------------------------------------------------------ opening
    def rows(self) -> list[ComplaintRow]:
        """The rows in the order shown."""
        return [self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def _open(self, proxy_row: int) -> None:
        if proxy_row < 0:
            return
        row = self.model.row_at(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row())
        self.open_customer.emit(row.customer_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.table.currentIndex().row())
            return True
        return super().eventFilter(watched, event)
