"""The "Today" page: overdue, due today and upcoming reminders and complaint deadlines,
grouped and counted (AgendaModel), read in a worker (LatestOnlyLoader: newest read wins).

One click on the customer (double-click or Enter anywhere on the row) opens the
customer's dossier: `open_customer(id)`. On a selected reminder, Ctrl+Enter completes
it (the shared CompleteReminderDialog), L asks for a contact to be logged
(`log_requested(id)`), S opens the snooze menu. The clock is injectable (`clock`):
tests move it forward instead of sleeping. The agenda is read again after
ctx.data_changed and unlocking, every few minutes and just after midnight: at once
while the page is shown, else when it is shown next. Locking drops every row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton, QVBoxLayout, QWidget

from app.errors import KehuError
from app.services.customers.listing import distinct_values
from app.services.daily import agenda as agenda_service
from app.services.daily.local_time import start_of_day
from app.services.daily.reminders import get_reminder
from app.views.agenda.agenda_model import (
    COL_CUSTOMER,
    CUSTOMER_ID_ROLE,
    KEY_ROLE,
    REMINDER_ID_ROLE,
    AgendaModel,
)
from app.views.agenda.agenda_view import AgendaView
from app.views.reminders.complete_reminder_dialog import CompleteReminderDialog
from app.views.reminders.snooze_menu import snooze, snooze_menu
from app.views.shell.app_context import AppContext
from app.views.widgets.latest_only_loader import LatestOnlyLoader

REFRESH_MS = 5 * 60 * 1000  # read again every five minutes while shown


def _read_agenda(sessions, now: datetime, owner: str | None):
    with sessions() as session:
        return agenda_service.agenda(session, now=now, owner=owner), \
            distinct_values(session, "owner")


class AgendaPanel(QWidget):
    open_customer = Signal(int)  # the customer's dossier should be shown
    log_requested = Signal(int)  # a contact with this customer should be logged
    loaded = Signal()  # a freshly read agenda is on screen

    def __init__(self, ctx: AppContext, clock: Callable[[], datetime] = datetime.now,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock
        self.model = AgendaModel(self)
        self.model.set_mask(ctx.screen_mask)
        self.complete_dialog = None  # the open CompleteReminderDialog, if any
        self._loader = LatestOnlyLoader(ctx, self)
        self._stale = False
        self._focus_wanted = False  # focus_list() asked before the rows were read
        self._collapsed: set[int] = set()
        self._build()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self._timed_refresh)
        self.refresh_timer.start()
        self.midnight_timer = QTimer(self)
        self.midnight_timer.setSingleShot(True)
        self.midnight_timer.timeout.connect(self._timed_refresh)
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self._timed_refresh)
        ctx.data_changed.connect(self._timed_refresh)
        self.refresh()

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        self.act_open = self._action(self.tr("Open dossier"), self._open_current,
                                     tip=self.tr("Show this customer's dossier (Enter)"))
        self.act_complete = self._action(
            self.tr("Complete…"), self.complete_selected, ("Ctrl+Return", "Ctrl+Enter"),
            self.tr("Record the outcome and mark the reminder done (Ctrl+Enter)"))
        self.act_log = self._action(self.tr("Log contact"), self.log_selected, ("L",),
                                    self.tr("Log a contact with this customer (L)"))
        self.act_snooze = self._action(self.tr("Snooze"), self.show_snooze_menu, ("S",),
                                       self.tr("Move the reminder to later (S)"))
        self.act_reveal = self._action(self.tr("Show phone number"), self.reveal_phone, ("P",),
                                       self.tr("Show this customer's phone number in full; "
                                               "it is written to the audit log (P)"))
        self.act_refresh = self._action(self.tr("Refresh"), self.refresh, ("F5",),
                                        self.tr("Read the agenda again (F5)"))
        self.view = AgendaView(self.model, self, self.act_open, self.act_complete,
                               self.act_log, self.act_snooze, self.act_refresh)
        self.tree = self.view.tree
        self.owner_box = self.view.owner_box
        self.snooze_popup = snooze_menu(self, self._snooze_to)
        self.snooze_popup.setTitle(self.tr("Snooze"))
        self.snooze_button: QToolButton = self.view.snooze_button
        self.snooze_button.setMenu(self.snooze_popup)
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.empty_label = self.view.empty_label
        self.tree.installEventFilter(self)
        for action in (self.act_open, self.act_complete, self.act_log, self.act_snooze,
                       self.act_reveal):
            # keys on a row: only while the agenda's list has the focus (an L typed
            # in the owner box picks an owner, it logs nothing)
            self.removeAction(action)
            self.tree.addAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tree.clicked.connect(self._clicked)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.collapsed.connect(lambda i: self._collapsed.add(i.row()))
        self.tree.expanded.connect(lambda i: self._collapsed.discard(i.row()))
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.owner_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self._update_actions()

    def _action(self, text: str, slot, keys: tuple[str, ...] = (), tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # ------------------------------------------------------------ public API
    def refresh(self) -> None:
        """Read the agenda again (newest request wins; one read at a time)."""
        if self.ctx.is_locked:
            return
        self._stale = False
        self._loader.submit(_read_agenda, self.clock(), self.owner_box.currentData(),
                            on_done=self._loaded, on_error=self._failed)

    def busy(self) -> bool:
        return self._loader.busy()

    def clear(self) -> None:
        """The file locked: no rows, no names, nothing read still on its way."""
        self._loader.invalidate()
        self.midnight_timer.stop()
        self.model.clear()
        self.owner_box.blockSignals(True)
        while self.owner_box.count() > 1:
            self.owner_box.removeItem(1)
        self.owner_box.setCurrentIndex(0)
        self.owner_box.blockSignals(False)
        self.view.show_locked()
        self._update_actions()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Drop what is on its way and wait for the running read (before the file closes)."""
        return self._loader.shutdown(timeout_ms)

    def focus_list(self) -> None:
        """Put the focus in the list of rows, now and once the rows being read are shown
        (the page is shown first, before its rows: after unlocking, at start)."""
        self._focus_wanted = not self.ctx.is_locked
        self.view.focus_list()

    def current_customer_id(self) -> int:
        return int(self.tree.currentIndex().data(CUSTOMER_ID_ROLE) or 0)

    def current_reminder_id(self) -> int:
        return int(self.tree.currentIndex().data(REMINDER_ID_ROLE) or 0)

    def select_key(self, key: tuple[str, int]) -> bool:
        """Make a row current: ("r", reminder id) or ("c", complaint id)."""
        index = self.model.index_of_key(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        return index.isValid()

    # ------------------------------------------------------------ loading
    def _loaded(self, result) -> None:
        agenda, owners = result
        refocus = self._focus_wanted or self.view.list_has_focus()
        self._focus_wanted = False
        self._fill_owners(owners)
        current = self.tree.currentIndex()
        key, group, row = current.data(KEY_ROLE), current.parent().row(), current.row()
        self.model.set_agenda(agenda)
        self.view.after_reset(self._collapsed)
        self._reselect(key, group, row)
        self.view.show_agenda(agenda, self.owner_box.currentData())
        if refocus:  # the tree and the sentence swap places: the focus goes along
            self.view.focus_list()
        self._update_actions()
        self._schedule_midnight(agenda.now)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KehuError):
            QMessageBox.warning(self, self.tr("Agenda"), str(exc))
            return
        raise exc  # unexpected: the crash dialog shows it

    def _fill_owners(self, owners: list[str]) -> None:
        box = self.owner_box
        current = box.currentData()
        if [box.itemData(i) for i in range(1, box.count())] == owners:
            return
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for owner in owners:
            box.addItem(owner, owner)
        if current is not None and box.findData(current) < 0:
            box.addItem(current, current)  # keep the chosen filter even if it is gone
        box.setCurrentIndex(max(box.findData(current), 0) if current is not None else 0)
        box.blockSignals(False)

    def _reselect(self, key, group: int, row: int) -> None:
        """Keep the current row; if it went (completed, snoozed) take its neighbour;
        at first the first row, so Enter / Ctrl+Enter / L work at once."""
        if key is not None and self.select_key(key):
            return
        if group >= 0:
            parent = self.model.group_index(group)
            count = self.model.rowCount(parent)
            if count:
                self.tree.setCurrentIndex(self.model.index(min(row, count - 1), 0, parent))
                return
        for group in range(self.model.rowCount()):
            parent = self.model.group_index(group)
            if self.model.rowCount(parent):
                self.tree.setCurrentIndex(self.model.index(0, 0, parent))
                return

    def _schedule_midnight(self, now: datetime) -> None:
        midnight = start_of_day(now.date() + timedelta(days=1))
        ms = int((midnight - now).total_seconds() * 1000) + 1000
        self.midnight_timer.start(max(1000, min(ms, 24 * 3600 * 1000)))

    def _timed_refresh(self) -> None:
        """On a timer or a change elsewhere: read now if shown, else once shown again."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # read again when shown

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ------------------------------------------------------------ actions
    def _update_actions(self) -> None:
        unlocked = not self.ctx.is_locked
        reminder = unlocked and bool(self.current_reminder_id())
        customer = unlocked and bool(self.current_customer_id())
        for action, on in ((self.act_open, customer), (self.act_log, customer),
                           (self.act_reveal, customer),
                           (self.act_complete, reminder), (self.act_snooze, reminder),
                           (self.act_refresh, unlocked)):
            action.setEnabled(on)
        self.snooze_button.setEnabled(reminder)
        self.owner_box.setEnabled(unlocked)

    def reveal_phone(self) -> None:
        """The current row's phone in full, once the reveal is in the audit log."""
        cid = self.current_customer_id()
        if cid and not self.ctx.is_locked:
            self.ctx.screen_mask.reveal(cid, ["phone"], lambda: self.model.reveal_phone(cid),
                                        parent=self)

    def _open_current(self) -> None:
        if cid := self.current_customer_id():
            self.open_customer.emit(cid)

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == COL_CUSTOMER and (cid := index.data(CUSTOMER_ID_ROLE)):
            self.open_customer.emit(int(cid))

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() != COL_CUSTOMER and (cid := index.data(CUSTOMER_ID_ROLE)):
            self.open_customer.emit(int(cid))

    def log_selected(self) -> None:
        if cid := self.current_customer_id():
            self.log_requested.emit(cid)

    def complete_selected(self) -> None:
        rid = self.current_reminder_id()
        if not rid or self.ctx.is_locked or self.complete_dialog is not None:
            return
        try:  # one row by its key: a millisecond, on the UI thread
            with self.ctx.sessions()() as session:
                row = get_reminder(session, rid)
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Complete reminder"), str(exc))
            self.refresh()
            return
        dialog = CompleteReminderDialog(self.ctx, row, self)
        dialog.clock = self.clock
        dialog.finished.connect(lambda _r: self._complete_closed(dialog))
        self.complete_dialog = dialog
        dialog.open()

    def _complete_closed(self, dialog) -> None:
        if self.complete_dialog is dialog:
            self.complete_dialog = None
        dialog.deleteLater()
        self.view.focus_list()

    def show_snooze_menu(self) -> None:
        """The snooze choices beside the current row (key S)."""
        if not self.current_reminder_id():
            return
        rect = self.tree.visualRect(self.tree.currentIndex())
        self.snooze_popup.popup(self.tree.viewport().mapToGlobal(rect.bottomLeft()))

    def _snooze_to(self, until) -> None:
        rid = self.current_reminder_id()
        if not rid or self.ctx.is_locked:
            return
        try:
            snooze(self.ctx, rid, until)  # emits ctx.data_changed: the agenda reloads
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Snooze"), str(exc))
            self.refresh()

    def _context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        if not index.isValid() or not index.data(CUSTOMER_ID_ROLE):
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.act_open)
        menu.addAction(self.act_complete)
        menu.addAction(self.act_log)
        menu.addAction(self.act_reveal)
        if self.current_reminder_id():
            menu.addMenu(self.snooze_popup)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # ------------------------------------------------------------ keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self._open_current()
                return True
        return super().eventFilter(watched, event)
