"""The main window: two pages, "Today" (the agenda, shown first) and "Customers" (the
list on the left, the dossier on the right), a notice bar for reminders coming due,
and the menus. Ctrl+1 / Ctrl+2 switch pages; opening a customer from the agenda, the
complaints list or a notification switches to the customers page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.views.agenda.agenda_panel import AgendaPanel
from app.views.agenda.calendar_export import CalendarExport
from app.views.agenda.due_banner import DueBanner
from app.views.agenda.reminder_notifier import ReminderNotifier
from app.views.customers.customer_list_panel import CustomerListPanel
from app.views.customers.customer_table_model import COLUMN_COUNT
from app.views.dossier.dossier_panel import DossierPanel
from app.views.duplicates.actions import DuplicateActions
from app.views.loyalty.actions import LoyaltyActions
from app.views.shell import window_state
from app.views.shell.about import AboutAction
from app.views.shell.app_context import AppContext
from app.views.shell.exchange_actions import ExchangeActions
from app.views.shell.integrity_watch import IntegrityWatch
from app.views.shell.lock_controller import LockController
from app.views.shell.memory_tidy import MemoryTidy
from app.views.shell.page_actions import (
    AGENDA_PAGE,
    CUSTOMERS_PAGE,
    DASHBOARD_PAGE,
    SEGMENTS_PAGE,
    add_page_actions,
)
from app.views.shell.team_actions import TeamActions
from app.views.shell.trash_undo import TrashWithUndo
from app.views.shell.window_shortcuts import WindowShortcuts, plain_label
from app.views.tiers.tier_actions import TierActions
from app.views.widgets.change_watcher import ChangeWatcher
from app.workers import run_task

# Keyed by the column count: a state saved for other columns would scramble the header.
LIST_HEADER_KEY = f"list_header_{COLUMN_COUNT}"


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, clock: Callable[[], datetime] = datetime.now):
        super().__init__()
        self.ctx = ctx
        self.clock = clock
        self.resize(1280, 800)
        # The agenda first: its read (the first page shown) starts in the background
        # while the rest of the window is built.
        self.agenda = AgendaPanel(ctx, clock)
        self.list_panel = CustomerListPanel(ctx)
        self.dossier = DossierPanel(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.dossier)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.agenda)  # AGENDA_PAGE: shown first
        self.pages.addWidget(self.splitter)  # CUSTOMERS_PAGE
        self.dashboard = None  # DashboardPanel, made by _ensure_dashboard()
        self.dashboard_host = QWidget()
        QVBoxLayout(self.dashboard_host).setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.dashboard_host)  # DASHBOARD_PAGE
        self.segments_host, self.segments = QWidget(), None
        QVBoxLayout(self.segments_host).setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.segments_host)  # SEGMENTS_PAGE
        self.banner = DueBanner()
        self.notifier = ReminderNotifier(ctx, clock, self)
        self.notifier.banner = self.banner
        self.calendar_export = CalendarExport(ctx, self, clock)
        self.change_watcher = ChangeWatcher(ctx, parent=self)  # others' changes: lists reload
        self.complaints_dialog = None
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.banner)
        column.addWidget(self.pages, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self._locked_page())
        self.setCentralWidget(self.stack)
        self.trash_undo = TrashWithUndo(ctx, self.statusBar(), self)
        self.locker = LockController(ctx, self)
        self.integrity = IntegrityWatch(ctx, self)  # started after each unlock
        self.memory_tidy = MemoryTidy(ctx, self)  # memory back once the work is done
        self.file_label = QLabel(ctx.store_label)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.file_label, 1)
        self._make_actions()
        self.team.apply()  # the title; file-only actions off on a team database
        self.about = AboutAction(self, self._action)  # Help ▸ About: the version
        self.window_shortcuts = WindowShortcuts(self)
        self._connect()
        self._restore_state()
        self.show_page(AGENDA_PAGE)  # the day's work first

    # --- layout ---------------------------------------------------------------------
    def _locked_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch()
        text = QLabel(self.tr("The customer file is locked."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton(self.tr("Unlock…"))
        button.clicked.connect(lambda: self.locker.ask_to_unlock())
        layout.addWidget(text)
        layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        return page

    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        action.setIconText(plain_label(text))  # tool buttons show no "(T)"
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Window-wide (WindowShortcuts keeps focused text fields from claiming it).
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        self.addAction(action)  # shortcuts work wherever the focus is
        return action

    def _make_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.team = TeamActions(self, self.ctx, self._action, file_menu)
        self.exchange = ExchangeActions(self, self.ctx, self._action, file_menu)
        self.act_ics = self._action(self.tr("Export re&minders to calendar (.ics)…"),
                                    self.calendar_export.start, None, file_menu)
        file_menu.addSeparator()
        self.act_backup = self._action(self.tr("&Back up now"), self.back_up, None, file_menu)
        self.act_settings = self._action(self.tr("&Settings…"), self.open_settings,
                                         "Ctrl+,", file_menu)  # Preferences: no key on Linux
        self.act_password = self._action(self.tr("Change &password…"), self.change_password,
                                         None, file_menu)
        self.act_audit = self._action(self.tr("&Audit log…"), self.open_audit, None, file_menu)
        file_menu.addSeparator()
        self.act_lock = self._action(self.tr("&Lock"), self.locker.lock, "Ctrl+L", file_menu)
        self.act_quit = self._action(self.tr("&Quit"), self.close,
                                     "Ctrl+Q", file_menu)
        cust_menu = self.menuBar().addMenu(self.tr("&Customer"))
        self.act_new = self._action(self.tr("&New customer"), self.new_customer,
                                    QKeySequence.StandardKey.New, cust_menu)
        self.act_find = self._action(self.tr("&Find"), self.find_customer,
                                     QKeySequence.StandardKey.Find, cust_menu)
        cust_menu.addSeparator()
        self.act_trash = self._action(self.tr("Move to &trash"), self.trash_selected,
                                      "Del", cust_menu)  # not also X11's Ctrl+D
        self.act_restore = self._action(self.tr("&Restore from trash"), self.restore_selected,
                                        None, cust_menu)  # in the trash view, instead
        cust_menu.addSeparator()
        self.act_complaints = self._action(self.tr("Com&plaints…"), self.show_complaints,
                                           None, cust_menu)
        self.act_survey_texts = self._action(self.tr("Survey co&mments…"),
                                             self.show_survey_texts, None, cust_menu)
        self.duplicates = DuplicateActions(self, self.ctx, self._action, cust_menu)
        self.act_retention = self._action(self.tr("Retention re&view…"), self.show_retention,
                                          None, cust_menu)
        self.act_campaigns = self._action(self.tr("Campai&gns…"), self.show_campaigns,
                                          None, cust_menu)
        self.loyalty = LoyaltyActions(self, self.ctx, self._action, cust_menu)
        self.tier_actions = TierActions(self, self.ctx, self._action, self.clock)
        add_page_actions(self, self._action)

    def _connect(self) -> None:
        self.list_panel.current_customer_changed.connect(self._current_changed)
        self.list_panel.open_requested.connect(self._open_customer)
        self.dossier.saved.connect(self._saved)
        self.list_panel.current_in_list.connect(self.dossier.set_in_list)  # the notice
        self.dossier.show_in_list_requested.connect(self.list_panel.show_in_list)
        self.dossier.open_requested.connect(self.open_customer)  # a probable duplicate
        self.dossier.trash_requested.connect(lambda cid: self._trash([cid]))
        self.dossier.restore_requested.connect(self._restore)
        self.dossier.purge_requested.connect(self._purge)
        self.trash_undo.changed.connect(self._after_bulk_change)
        self.ctx.undoable.connect(self.trash_undo.offer)
        self.list_panel.trash_button.toggled.connect(lambda _on: self._update_trash_actions())
        self.agenda.open_customer.connect(self.open_customer)
        self.agenda.log_requested.connect(self.log_contact)
        self.notifier.show_agenda_requested.connect(self.show_agenda_from_notice)
        self.banner.activated.connect(self.show_agenda_from_notice)
        for stop in (self.list_panel.shutdown, self.agenda.shutdown, self.notifier.shutdown):
            self.locker.about_to_lock.connect(stop)
        self.locker.locked.connect(self._show_locked)
        self.locker.unlocked.connect(self._show_unlocked)
        self.locker.unlocked.connect(self.integrity.start)
        self.integrity.damage_found.connect(lambda text: self.statusBar().showMessage(text))
        self.ctx.locked.connect(self.banner.dismiss)

    # --- pages ----------------------------------------------------------------------
    def current_page(self) -> int:
        return self.pages.currentIndex()

    def show_page(self, page: int) -> None:
        if page == DASHBOARD_PAGE:
            self._ensure_dashboard()
        if page == SEGMENTS_PAGE:
            self._ensure_segments().refresh()
        self.pages.setCurrentIndex(page)
        {AGENDA_PAGE: self.act_today, CUSTOMERS_PAGE: self.act_customers,
         DASHBOARD_PAGE: self.act_dashboard,
         SEGMENTS_PAGE: self.act_segments}[page].setChecked(True)
        self._update_trash_actions()
        if page == AGENDA_PAGE:  # the keys the page's hints name act on its rows
            self.agenda.focus_list()

    def _update_trash_actions(self) -> None:
        """Move to trash on the customer list; in the trash view, Restore instead."""
        live = self.current_page() == CUSTOMERS_PAGE and not self.ctx.is_locked
        in_trash = self.list_panel.trash_button.isChecked()
        self.act_trash.setEnabled(live and not in_trash)
        self.act_restore.setVisible(in_trash)
        self.act_restore.setEnabled(live and in_trash)

    def _ensure_dashboard(self):
        """The dashboard page, built the first time it is shown (imports matplotlib)."""
        if self.dashboard is None:
            from app.views.dashboard.dashboard_panel import DashboardPanel

            self.dashboard = DashboardPanel(self.ctx, self.clock)
            self.dashboard_host.layout().addWidget(self.dashboard)
            self.dashboard.drill_down.connect(self.show_customers)
            self.locker.about_to_lock.connect(self.dashboard.shutdown)
        return self.dashboard

    def _ensure_segments(self):
        if self.segments is None:
            from app.views.segments.segments_page import SegmentsPage

            self.segments = SegmentsPage(self.ctx)
            self.segments_host.layout().addWidget(self.segments)
            # A group saved as a segment: the list's segment combo offers it.
            self.segments.segments_changed.connect(self.list_panel.reload_choices)
        return self.segments

    def show_agenda_from_notice(self) -> None:
        self.banner.dismiss()
        if self.ctx.is_locked:
            return
        self.show_page(AGENDA_PAGE)
        self.agenda.refresh()
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def show_customers(self, flt, label: str = "") -> None:
        """The customers page narrowed to exactly `flt` (a ListFilter; a drill-down)."""
        self.show_page(CUSTOMERS_PAGE)
        self.list_panel.show_filter(flt, label)

    def open_customer(self, customer_id: int) -> bool:
        """Show a customer on the customers page (from the agenda, the complaints list):
        selected in the list when it is among the rows read, else shown in the dossier
        alone. False when the user kept unsaved edits of another customer."""
        self.show_page(CUSTOMERS_PAGE)
        if customer_id != self.dossier.current_customer_id() and \
                self.dossier.has_unsaved_changes() and not self._confirm_discard():
            return False
        if not self.list_panel.select_customer(customer_id) and \
                self.dossier.current_customer_id() != customer_id:
            self.dossier.show_customer(customer_id)
        self.dossier.setFocus()
        return True

    def log_contact(self, customer_id: int) -> None:
        """Open the customer on the contact timeline tab, where the quick-log bar is, if
        the dossier offers `show_timeline()` (which must also work while the customer's
        dossier is still loading); else just the dossier."""
        if not self.open_customer(customer_id):
            return
        show_timeline = getattr(self.dossier, "show_timeline", None)
        if callable(show_timeline):
            show_timeline()

    def show_survey_texts(self) -> None:
        from app.views.surveys.texts_dialog import SurveyTextsDialog

        now = self.clock()
        dialog = SurveyTextsDialog(self.ctx, now.date(), today=now.date(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_complaints(self) -> None:
        from app.views.complaints.complaints_list import ComplaintsListDialog

        if self.complaints_dialog is None:
            self.complaints_dialog = ComplaintsListDialog(self.ctx, self.clock, self)
            self.complaints_dialog.open_customer.connect(self.open_customer)
            self.locker.about_to_lock.connect(self.complaints_dialog.shutdown)
        self.complaints_dialog.show()
        self.complaints_dialog.raise_()
        self.complaints_dialog.activateWindow()

    def show_campaigns(self) -> None:
        from app.views.campaigns.campaigns_dialog import CampaignsDialog

        self._run_read_dialog(CampaignsDialog)

    def show_retention(self) -> None:
        from app.views.privacy.retention_dialog import RetentionDialog

        self._run_read_dialog(RetentionDialog)

    def _run_read_dialog(self, make) -> None:
        """A modal dialog that reads what it shows first (`reload()`, with its own busy
        window and message on failure) and is shown only when that worked."""
        if self.ctx.is_locked:
            return
        dialog = make(self.ctx, self)
        if dialog.reload():
            dialog.exec()
        dialog.deleteLater()

    # --- customers ------------------------------------------------------------------
    def _current_changed(self, customer_id: int) -> None:
        if not customer_id and self.dossier.has_unsaved_changes():
            return  # a search hid the customer being edited: keep the form as it is
        switching = customer_id != self.dossier.current_customer_id()
        if switching and self.dossier.has_unsaved_changes() and not self._confirm_discard():
            self.list_panel.select_customer(self.dossier.current_customer_id() or 0)
            return
        self.dossier.show_customer(customer_id or None)

    def _open_customer(self, customer_id: int) -> None:
        self._current_changed(customer_id)
        self.dossier.setFocus()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("The customer's profile has unsaved changes. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            self.dossier.discard_changes()
            return True
        return False

    def new_customer(self) -> None:
        self.show_page(CUSTOMERS_PAGE)
        if self.dossier.has_unsaved_changes() and not self._confirm_discard():
            return
        self.dossier.start_new()

    def _saved(self, customer_id: int) -> None:
        # The dossier emits ctx.data_changed after saving: the list refreshes itself.
        self.list_panel.select_customer(customer_id)
        self.statusBar().showMessage(self.tr("Saved."), 3000)

    def find_customer(self) -> None:
        self.show_page(CUSTOMERS_PAGE)
        self.list_panel.focus_search()

    def trash_selected(self) -> None:
        if self.current_page() == CUSTOMERS_PAGE:  # Delete on the agenda trashes nobody
            self._trash(self.list_panel.selected_ids())

    def _trash(self, ids: list[int]) -> None:
        self._guard(lambda: self.trash_undo.trash(ids))

    def restore_selected(self) -> None:
        if self.current_page() == CUSTOMERS_PAGE and self.list_panel.trash_button.isChecked():
            self._guard(lambda: self.trash_undo.restore(self.list_panel.selected_ids()))

    def _restore(self, customer_id: int) -> None:
        self._guard(lambda: self.trash_undo.restore([customer_id]))

    def _purge(self, customer_id: int) -> None:
        from app.services.customers.service import purge
        from app.views.widgets.busy import run_with_busy_dialog

        answer = QMessageBox.warning(
            self, self.tr("Delete for good"),
            self.tr("Delete this customer and all their records for good? "
                    "This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def purge_in_worker(sessions) -> None:
            with sessions.begin() as session:
                purge(session, [customer_id])

        def do_purge() -> None:
            # Purging rewrites the search index (about a second at 100k customers).
            run_with_busy_dialog(purge_in_worker, self.ctx.sessions(),
                                 label=self.tr("Deleting for good…"), parent=self)
            self.dossier.show_customer(None)
            self._after_bulk_change()

        self._guard(do_purge)

    def _after_bulk_change(self) -> None:
        self.ctx.data_changed.emit()  # the list and the dossier reload themselves

    def _guard(self, fn) -> None:
        try:
            fn()
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Kehu"), str(exc))

    # --- file ----------------------------------------------------------------------
    def back_up(self) -> None:
        if self.team.refuse_file_only(self.tr("Backup")):
            return
        self.statusBar().showMessage(self.tr("Backing up…"))
        run_task(self.ctx.vault.backup, "manual", keep=self.ctx.settings.backups_to_keep,
                 on_done=lambda path: self.statusBar().showMessage(
                     self.tr("Backup written to {0}").format(path), 8000),
                 on_error=lambda exc: QMessageBox.warning(self, self.tr("Backup"), str(exc)))

    def open_settings(self) -> None:
        from app.views.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.settings_changed.connect(
            lambda: self.locker.idle.set_minutes(self.ctx.settings.idle_lock_minutes))
        dialog.exec()

    def open_audit(self) -> None:
        if self.ctx.is_locked:
            self.locker.ask_to_unlock()
            return
        from app.views.audit.audit_dialog import AuditDialog

        dialog = AuditDialog(self.ctx, self)
        self.ctx.locked.connect(dialog.reject)  # nothing of the log stays shown when locked
        dialog.exec()
        dialog.deleteLater()

    def change_password(self) -> None:
        if self.team.refuse_file_only(self.tr("Change password")):
            return
        from app.views.settings.change_password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.ctx, self).exec()

    # --- lock ----------------------------------------------------------------------
    def _show_locked(self) -> None:
        self.stack.setCurrentIndex(1)
        for action in self.actions():
            action.setEnabled(action is self.act_quit)

    def _show_unlocked(self) -> None:
        # Back to the page that was shown when the file locked.
        self.stack.setCurrentIndex(0)
        for action in self.actions():
            action.setEnabled(True)
        self.team.apply()
        self.show_page(self.current_page())

    # --- state ----------------------------------------------------------------------
    def _restore_state(self) -> None:
        if (geometry := window_state.load("geometry")) is not None:
            self.restoreGeometry(geometry)
        if (state := window_state.load("state")) is not None:
            self.restoreState(state)
        if (split := window_state.load("splitter")) is not None:
            self.splitter.restoreState(split)
        if (header := window_state.load(LIST_HEADER_KEY)) is not None:
            self.list_panel.restore_header_state(header)

    def save_state(self) -> None:
        window_state.save("geometry", self.saveGeometry())
        window_state.save("state", self.saveState())
        window_state.save("splitter", self.splitter.saveState())
        window_state.save(LIST_HEADER_KEY, self.list_panel.header_state())

    def closeEvent(self, event) -> None:
        # Locked or not, unsaved edits are never lost silently.
        if self.dossier.has_unsaved_changes() and not self._confirm_discard():
            event.ignore()
            return
        self.save_state()
        self.list_panel.shutdown()
        self.agenda.shutdown()
        self.notifier.shutdown()
        self.duplicates.shutdown()
        if self.dashboard is not None:
            self.dashboard.shutdown()
        if self.complaints_dialog is not None:
            self.complaints_dialog.shutdown()
            self.complaints_dialog.close()
        self.ctx.lock()
        super().closeEvent(event)
