"""The common life of the dossier's working tabs (timeline, reminders, complaints):
one customer at a time, read in a worker, read again on ctx.data_changed and after
unlocking, emptied on ctx.locked. A result that arrives after another customer was
chosen, a newer read was started or the file locked is dropped.

A subclass builds its `content` widget, names its empty text, says how to read in
`fetcher` (the function then runs in a worker) and shows the result in `apply`.

RecordListTab adds what the reminders and complaints tabs share: a table of rows with
ids (`self.model`, `self.view`), the selected row, keeping it across a reload (or
selecting the row a dialog just created), and running an action's dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.views.shell.app_context import AppContext
from app.views.widgets.row_table_model import RowTableModel
from app.workers import run_task


def record_table(model: QAbstractItemModel) -> QTableView:
    """A read-only table of whole rows, one selected at a time, fixed row heights."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(200)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


def action_bar() -> QToolBar:
    """A row of text buttons that folds the ones that do not fit into a » menu, so
    a narrow dossier pane still shows every action."""
    bar = QToolBar()
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.setMovable(False)
    bar.setFloatable(False)
    return bar


class LiveTab(QWidget):
    loaded = Signal()  # the current customer's rows are on screen

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.read_only = False
        self._generation = 0
        self._has_data = False
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(placeholder-text); padding: 24px")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.message)
        ctx.data_changed.connect(self.reload)
        ctx.locked.connect(self._on_locked)
        ctx.unlocked.connect(self.reload)

    # ------------------------------------------------------------ for subclasses
    def set_content(self, content: QWidget) -> None:
        self.content = content
        self.pages.insertWidget(0, content)
        self.pages.setCurrentWidget(self.message)

    def lay_out(self, content: QWidget) -> None:
        """The tab as every working tab is: its toolbar (`self.toolbar`) over the
        content (or the message standing in for it)."""
        self.set_content(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.pages, 1)
        self.update_actions()

    def button(self, action: QAction) -> QToolButton:
        """The toolbar's button of an action (tests press it)."""
        return self.toolbar.widgetForAction(action)

    def empty_text(self) -> str:
        raise NotImplementedError

    def fetcher(self) -> Callable:
        """Called on the UI thread: a function of (sessions, customer_id) that reads
        the rows in a worker (plain Python: no widgets, options bound now)."""
        raise NotImplementedError

    def apply(self, result) -> bool:
        """Show `result`; return whether there is anything to show."""
        raise NotImplementedError

    def clear_rows(self) -> None:
        raise NotImplementedError

    def update_actions(self) -> None:
        """Enable or disable buttons for the current state."""

    # ------------------------------------------------------------ public API
    def set_customer(self, customer_id: int | None) -> None:
        """Show this customer's rows (None: nothing)."""
        self.customer_id = customer_id
        self._generation += 1
        self._has_data = False
        self.clear_rows()
        self._show_message(self.loading_text() if customer_id is not None else "")
        self.update_actions()
        self.reload()

    def set_read_only(self, read_only: bool) -> None:
        """Customers in the trash are shown but not changed."""
        self.read_only = read_only
        self.update_actions()

    def reload(self) -> None:
        """Read the current customer's rows again (on ctx.data_changed, after unlocking)."""
        if self.customer_id is None or self.ctx.is_locked:
            return
        self._generation += 1
        generation, cid = self._generation, self.customer_id
        run_task(self.fetcher(), self.ctx.sessions(), cid,
                 on_done=lambda result: self._loaded(generation, result),
                 on_error=lambda exc: self._failed(generation, exc))

    def is_current(self, generation: int) -> bool:
        return generation == self._generation and not self.ctx.is_locked

    def can_change(self) -> bool:
        return self.customer_id is not None and not self.read_only and not self.ctx.is_locked

    @staticmethod
    def loading_text() -> str:
        # Not self.tr(): in a subclass that would look under the subclass's name.
        return QCoreApplication.translate("LiveTab", "Loading…")

    def is_empty_shown(self) -> bool:
        return self.pages.currentWidget() is self.message

    # ------------------------------------------------------------ internals
    def _loaded(self, generation: int, result) -> None:
        if not self.is_current(generation):
            return
        self._has_data = True
        if self.apply(result):
            self.pages.setCurrentWidget(self.content)
        else:
            self._show_message(self.empty_text())
        self.update_actions()
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not self.is_current(generation):
            return
        if not isinstance(exc, KehuError):
            raise exc
        self.clear_rows()
        self._show_message(str(exc))
        self.update_actions()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.pages.setCurrentWidget(self.message)

    def _on_locked(self) -> None:
        self._generation += 1  # results still on their way are dropped
        self._has_data = False
        self.clear_rows()
        self._show_message("")
        self.update_actions()

    def run_action(self, action: Callable[[], object], title: str) -> bool:
        """Run a short write; a typed error is shown in a message box. True when done."""
        try:
            action()
        except KehuError as exc:
            QMessageBox.warning(self, title, str(exc))
            self.reload()  # the row may have changed under us
            return False
        return True


class RecordListTab(LiveTab):
    """A LiveTab whose content shows `self.model` in `self.view` (a record_table); the
    subclass sets both. Rows have an `id`."""

    model: RowTableModel
    view: QTableView

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self._select_after: int | None = None  # a row a dialog created: selected next

    # ------------------------------------------------------------ selection
    def selected_row(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    def select(self, row_id: int | None) -> None:
        """Select this row, else the first one (so the keys act at once)."""
        rows = self.model.rows()
        if rows:
            index = next((i for i, r in enumerate(rows) if r.id == row_id), 0)
            self.view.selectRow(index)
            self.view.scrollTo(self.model.index(index, 0))

    def row_to_keep(self) -> int | None:
        """Before new rows are shown: the row a dialog created, else the selected one."""
        keep, self._select_after = self._select_after or self.selected_id(), None
        return keep

    # ------------------------------------------------------------ actions
    def run_dialog(self, dialog: QDialog, created: SignalInstance | None = None) -> None:
        """Run an action's dialog, then give the focus back to the list. `created`
        (a signal with the new row's id) makes the list select that row next."""
        if created is not None:
            created.connect(self._remember)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self.view.setFocus()

    def _remember(self, row_id: int) -> None:
        self._select_after = row_id  # selected when the list comes back
