"""The customer list: a search box that filters as you type, quick filters, the count
of matches and the table, fed page by page from SQL.

Typing never waits for the database: a keystroke restarts a short debounce; when it
fires, the count and the first page run in a worker (one at a time, on the panel's
own thread: LatestOnlyLoader). A query asked for while another runs waits for it and
replaces any query still waiting, so only the newest one ever reaches the table:
results of an older one are dropped. Later pages are read as the view shows them. The quick
filters (and the count) are a CustomerFilterBar; its "Save as segment…" is saved
here (customer_segment_saver).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from app.errors import NotFound
from app.services.customers.listing import ListFilter, ListPage, ListQuery, first_page
from app.services.customers.search import Scope, normalize_query
from app.views.customers.customer_filter_bar import Choices, CustomerFilterBar, load_choices
from app.views.customers.customer_segment_saver import save_filter_as_segment
from app.views.customers.customer_table_model import COL_MATCH, SORT_KEYS, CustomerTableModel
from app.views.customers.customer_table_view import CustomerTableView
from app.views.shell.app_context import AppContext, FileLocked
from app.views.widgets.latest_only_loader import LatestOnlyLoader
from app.workers import run_task

DEBOUNCE_MS = 150


class SegmentGone:
    """A first page not read: the query's segment was deleted meanwhile."""

    def __init__(self, name: str):
        self.name = name


def _load_first_page(sessions: sessionmaker[Session], query: ListQuery,
                     rows: int) -> ListPage | SegmentGone:
    with sessions() as session:
        try:
            return first_page(session, query, rows)
        except NotFound:
            if query.flt.segment is None:
                raise
            return SegmentGone(query.flt.segment)


class CustomerListPanel(QWidget):
    current_customer_changed = Signal(int)  # 0 when no customer is current
    # The current customer, and whether the list holds it: a customer stays current
    # (in the dossier) when a filter, a search or a save leaves it out of the list,
    # and the dossier says so (issue 15: nothing vanishes, nothing is shown silently).
    current_in_list = Signal(int, bool)
    open_requested = Signal(int)  # Enter/Return or a double-click on a row
    selection_changed = Signal()
    query_started = Signal()  # a new query was handed to the worker
    results_shown = Signal(int)  # a query's first page is in the table; its total

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = CustomerTableModel(ctx.sessions, self)
        self.model.set_loader(self._submit)
        self.model.set_mask(ctx.screen_mask)
        self._loader = LatestOnlyLoader(ctx, self)  # one query at a time, newest wins
        self._pool = self._loader.pool  # the choices are read on the same thread
        self._refreshing = False
        self._want_select: int | None = None
        self._select_first = False
        self._current_id = 0
        self._applying = False
        self._build()
        self._connect()
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self._reload_all)
        ctx.data_changed.connect(self.refresh)
        self._reload_choices()
        # Sorting on, natural order (no indicator): this also asks for the first page.
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

    # --- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, pinyin, initials, phone or code"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search customers"))
        self.debounce = QTimer(self)  # public: the bench shortens it
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)

        self.filter_bar = CustomerFilterBar()
        bar = self.filter_bar  # its widgets, by their old names too
        self.owner_box, self.region_box, self.tag_box = bar.boxes()
        self.trash_button, self.count_label = bar.trash_button, bar.count_label

        self.table = CustomerTableView(self.model)
        self.empty_label = self.table.empty_label

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()  # the count of matches beside the words
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        layout.addLayout(search_row)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self.debounce.start())
        self.debounce.timeout.connect(self._run_search)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.filter_bar.changed.connect(self._filters_changed)
        self.filter_bar.save_requested.connect(self.save_filters_as_segment)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda *_: self._update_current())
        selection.selectionChanged.connect(self._on_selection_changed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.model.total_changed.connect(lambda _total: self._update_count())

    # --- public API ----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_filter(self, flt: ListFilter, label: str = "") -> None:
        """Narrow the list to `flt` (all its fields), clearing the search words."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if self.model.wanted_query().text:
            self.model.set_query("")
        self.filter_bar.show_filter(flt, label)

    def save_filters_as_segment(self) -> None:
        """Ask for a name and save the chosen filters as a segment, then show it."""
        name = save_filter_as_segment(self, self.ctx, self.filter_bar.current_filter())
        if name is not None:
            self.filter_bar.choose_segment(name)
            self.reload_choices()

    def reload_choices(self) -> None:
        """Read the combos' choices again (a segment saved or deleted elsewhere)."""
        self._reload_choices()

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [cid for cid in (self.model.customer_id(r) for r in rows) if cid]

    def current_customer_id(self) -> int:
        return self._current_id

    def select_customer(self, customer_id: int) -> bool:
        """Make a customer current and selected (0: none), its row found wherever it
        is in the list. While a query runs, it is selected again when its results
        arrive. A customer the list does not show (filtered out, or saved after the
        rows were read) still becomes the current one, with no row selected, and is
        selected by the next results that hold it; returns False then."""
        if not customer_id:
            self._want_select = None
            self.table.selectionModel().clear()
            self._update_current()
            return True
        if self.busy():
            self._want_select = customer_id
        row = self.model.locate(customer_id)
        if row < 0:
            self._applying = True
            try:
                self.table.selectionModel().clear()
            finally:
                self._applying = False
            self._set_current(customer_id)
            self._want_select = customer_id  # the refresh after a save brings its row
            self._report_membership()
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._report_membership()
        return True

    def show_in_list(self, customer_id: int) -> None:
        """Clear the search words and the filters (the sort stays) so that the list
        holds this customer, in the trash view if it is there; then select it."""
        in_trash = self.model.exists(customer_id, Scope.TRASH)
        self.show_filter(ListFilter(scope=Scope.TRASH if in_trash else Scope.ACTIVE))
        self.select_customer(customer_id)

    def refresh(self) -> None:
        """Read the list again (after edits, trash, import), keeping the selection and
        the scroll position where the customers are still there."""
        if self.ctx.is_locked:
            return
        self._refreshing = True
        try:
            self.model.reload()
        finally:
            self._refreshing = False
        self._reload_choices()

    def clear(self) -> None:
        """The file locked: drop every row, the search and the filter values."""
        self._loader.invalidate()  # whatever still runs is stale
        self._want_select = None
        self._select_first = False
        self.debounce.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filter_bar.reset()
        wanted = self.model.wanted_query()  # the sort stays; words and filters go
        self.model.clear(ListQuery(order_by=wanted.order_by, descending=wanted.descending))
        self.empty_label.hide()
        self._update_current()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Drop waiting queries and wait for the running one (before the file closes).
        True if no worker is left."""
        self.debounce.stop()
        return self._loader.shutdown(timeout_ms)

    def busy(self) -> bool:
        """A query is waiting or running."""
        return self._loader.busy() or self.debounce.isActive()

    def header_state(self) -> bytes:
        """Column widths, order and sort, for the main window to remember."""
        return bytes(self.table.horizontalHeader().saveState().data())

    def restore_header_state(self, state: bytes | QByteArray) -> bool:
        header = self.table.horizontalHeader()
        if not header.restoreState(QByteArray(state)):
            return False
        header.setSortIndicatorClearable(True)
        self.table.setColumnHidden(COL_MATCH, not self.model.query().is_search)
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if column not in SORT_KEYS:
            column = -1
            header.blockSignals(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
        if column != self.model.sort_column() or \
                (order == Qt.SortOrder.DescendingOrder) != self.model.wanted_query().descending:
            self.model.sort(column, order)
        return True

    # --- queries -------------------------------------------------------------------------
    def _run_search(self) -> None:
        self.debounce.stop()
        text = self.search.text()
        if normalize_query(text) == normalize_query(self.model.wanted_query().text):
            if self._select_first and not self.busy():
                self._select_first_row()
            return  # a space or a case change: the same query
        self.model.set_query(text)

    def _filters_changed(self) -> None:
        flt = self.filter_bar.current_filter()
        if flt != self.model.wanted_query().flt:
            self.model.set_filter(flt)

    def _reload_all(self) -> None:
        self._reload_choices()
        self.model.request(self.model.wanted_query())

    def _submit(self, query: ListQuery, rows: int) -> None:
        """The model's loader: run `query` in the worker, newest first."""
        keep_scroll = self._refreshing
        self.query_started.emit()
        self._loader.submit(_load_first_page, query, rows, on_error=self._on_failed,
                            on_done=lambda page: self._arrived(page, keep_scroll))

    def _arrived(self, page: ListPage | SegmentGone, keep_scroll: bool) -> None:
        if isinstance(page, SegmentGone):  # the list without it, as for a vanished owner
            self.filter_bar.drop_segment(page.name)
            self._reload_choices()
            return
        self._show(page, keep_scroll=keep_scroll)

    def _on_failed(self, exc: BaseException) -> None:
        self.count_label.setText(self.tr("The list could not be read."))
        raise exc  # unexpected: the crash dialog shows it

    def _show(self, page: ListPage, *, keep_scroll: bool) -> None:
        previous = self._current_id
        selected = set(self.selected_ids())
        scroll = self.table.verticalScrollBar().value()
        explicit = self._want_select  # asked for by select_customer during the query
        target = explicit or previous
        keep = selected if not explicit else set()
        self._want_select = None
        self._applying = True
        try:
            self.model.apply_page(page)
            self.table.setColumnHidden(COL_MATCH, not page.query.is_search)
            self._restore_selection(keep, target)
        finally:
            self._applying = False
        # A paged list in name order: its row found from SQL, and selected.
        if target and self.model.row_of(target) < 0 and self.model.locate(target) >= 0:
            self._applying = True
            try:
                self._restore_selection(set(), target)
            finally:
                self._applying = False
        if keep_scroll and not explicit:
            self.table.verticalScrollBar().setValue(scroll)
        elif self.model.row_of(target) >= 0:
            self.table.scrollTo(self.model.index(self.model.row_of(target), 0))
        else:
            self.table.scrollToTop()
        self._update_count()
        self._update_empty_state()
        if target and self.model.row_of(target) < 0:
            # Stays current though the list does not show it (the dossier says so);
            # only a customer deleted for good is let go.
            self._set_current(target if self.model.exists(target) else 0)
        else:
            self._update_current()
        self._report_membership()
        if selected != set(self.selected_ids()):
            self.selection_changed.emit()
        if self._select_first:
            self._select_first_row()
        self.results_shown.emit(page.total)

    def _restore_selection(self, selected: set[int], current: int) -> None:
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for cid in selected | ({current} if current else set()):
            row = self.model.row_of(cid)
            if row >= 0:
                selection.select(self.model.index(row, 0), flags)
        row = self.model.row_of(current) if current else -1
        if row >= 0:
            selection.setCurrentIndex(self.model.index(row, 0),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)

    def _select_first_row(self) -> None:
        self._select_first = False
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.select_customer(self.model.customer_id(0))

    # --- choices -------------------------------------------------------------------------
    def _reload_choices(self) -> None:
        try:
            sessions = self.ctx.sessions()
        except FileLocked:
            return
        run_task(load_choices, sessions, on_done=self._fill_choices,
                 on_error=self._choices_failed, pool=self._pool)

    def _choices_failed(self, exc: BaseException) -> None:
        if not self.ctx.is_locked and not isinstance(exc, FileLocked):
            raise exc

    def _fill_choices(self, choices: Choices) -> None:
        if not self.ctx.is_locked:
            self.filter_bar.set_choices(choices)

    # --- state shown around the table ------------------------------------------------------
    def _update_count(self) -> None:
        self.count_label.setText(self.model.count_text())

    def _update_empty_state(self) -> None:
        text = "" if self.ctx.is_locked else self.model.empty_text(QKeySequence(
            QKeySequence.StandardKey.New).toString(QKeySequence.SequenceFormat.NativeText))
        self.empty_label.setText(text)
        self.empty_label.setGeometry(self.table.viewport().rect())
        self.empty_label.setVisible(bool(text))

    def _report_membership(self) -> None:
        if self._current_id:
            self.current_in_list.emit(self._current_id, self.model.contains(self._current_id))

    def _update_current(self) -> None:
        if self._applying:
            return
        index = self.table.selectionModel().currentIndex()
        if index.isValid():
            self._want_select = None  # a row picked now wins over one asked for before
        self._set_current(self.model.customer_id(index.row()) if index.isValid() else 0)

    def _set_current(self, customer_id: int) -> None:
        if customer_id != self._current_id:
            self._current_id = customer_id
            self.current_customer_changed.emit(customer_id)

    def _on_selection_changed(self, *_args) -> None:
        if not self._applying:
            self.selection_changed.emit()

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if column >= 0 and column not in SORT_KEYS:  # e.g. tags: put the indicator back
            header = self.table.horizontalHeader()
            wanted = self.model.wanted_query()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(),
                                    Qt.SortOrder.DescendingOrder if wanted.descending
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    def _open(self, row: int) -> None:
        cid = self.model.customer_id(row)
        if cid:
            self.open_requested.emit(cid)

    # --- keys ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_label.setGeometry(self.table.viewport().rect())
        elif event.type() == QEvent.Type.KeyPress:
            key = event.key()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if watched is self.table and enter:
                self._open(self.table.currentIndex().row())
                return True
            if watched is self.search:
                if enter:
                    self._select_first = True
                    self._run_search()
                    return True
                if key == Qt.Key.Key_Down and self.model.rowCount():
                    self.table.setFocus(Qt.FocusReason.TabFocusReason)
                    if not self.table.currentIndex().isValid():
                        self.select_customer(self.model.customer_id(0))
                    return True
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    self._run_search()
                    return True
        return super().eventFilter(watched, event)
