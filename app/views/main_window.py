"""The main window: customer list on the left, dossier on the right."""

from __future__ import annotations

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
from app.views import window_state
from app.views.app_context import AppContext
from app.views.customer_list_panel import CustomerListPanel
from app.views.dossier.dossier_panel import DossierPanel
from app.views.lock_controller import LockController
from app.views.trash_undo import TrashWithUndo


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("Kehu customer file — {0}").format(ctx.db_path.name))
        self.resize(1280, 800)
        self.list_panel = CustomerListPanel(ctx)
        self.dossier = DossierPanel(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.dossier)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self._locked_page())
        self.setCentralWidget(self.stack)
        self.trash_undo = TrashWithUndo(ctx, self.statusBar(), self)
        self.locker = LockController(ctx, self)
        self.file_label = QLabel(str(ctx.db_path))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.file_label, 1)
        self._make_actions()
        self._connect()
        self._restore_state()

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
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        self.addAction(action)  # shortcuts work wherever the focus is
        return action

    def _make_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.act_backup = self._action(self.tr("&Back up now"), self.back_up, None, file_menu)
        self.act_settings = self._action(self.tr("&Settings…"), self.open_settings,
                                         QKeySequence.StandardKey.Preferences, file_menu)
        self.act_password = self._action(self.tr("Change &password…"), self.change_password,
                                         None, file_menu)
        file_menu.addSeparator()
        self.act_lock = self._action(self.tr("&Lock"), self.locker.lock, "Ctrl+L", file_menu)
        self.act_quit = self._action(self.tr("&Quit"), self.close,
                                     QKeySequence.StandardKey.Quit, file_menu)
        cust_menu = self.menuBar().addMenu(self.tr("&Customer"))
        self.act_new = self._action(self.tr("&New customer"), self.new_customer,
                                    QKeySequence.StandardKey.New, cust_menu)
        self.act_find = self._action(self.tr("&Find"), self.list_panel.focus_search,
                                     QKeySequence.StandardKey.Find, cust_menu)
        cust_menu.addSeparator()
        self.act_trash = self._action(self.tr("Move to &trash"), self.trash_selected,
                                      QKeySequence.StandardKey.Delete, cust_menu)
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        for action in (self.act_new, self.act_find, self.act_trash, self.act_lock):
            toolbar.addAction(action)

    def _connect(self) -> None:
        self.list_panel.current_customer_changed.connect(self._current_changed)
        self.list_panel.open_requested.connect(self._open_customer)
        self.dossier.saved.connect(self._saved)
        self.dossier.trash_requested.connect(lambda cid: self._trash([cid]))
        self.dossier.restore_requested.connect(self._restore)
        self.dossier.purge_requested.connect(self._purge)
        self.trash_undo.changed.connect(self._after_bulk_change)
        self.locker.about_to_lock.connect(self.list_panel.shutdown)
        self.locker.locked.connect(self._show_locked)
        self.locker.unlocked.connect(self._show_unlocked)

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
        if self.dossier.has_unsaved_changes() and not self._confirm_discard():
            return
        self.dossier.start_new()

    def _saved(self, customer_id: int) -> None:
        # The dossier emits ctx.data_changed after saving: the list refreshes itself.
        self.list_panel.select_customer(customer_id)
        self.statusBar().showMessage(self.tr("Saved."), 3000)

    def trash_selected(self) -> None:
        self._trash(self.list_panel.selected_ids())

    def _trash(self, ids: list[int]) -> None:
        self._guard(lambda: self.trash_undo.trash(ids))

    def _restore(self, customer_id: int) -> None:
        from app.services.customer_service import restore_from_trash

        def restore() -> None:
            with self.ctx.sessions().begin() as session:
                restore_from_trash(session, [customer_id])
            self._after_bulk_change()

        self._guard(restore)

    def _purge(self, customer_id: int) -> None:
        from app.services.customer_service import purge

        answer = QMessageBox.warning(
            self, self.tr("Delete for good"),
            self.tr("Delete this customer and all their records for good? "
                    "This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def do_purge() -> None:
            with self.ctx.sessions().begin() as session:
                purge(session, [customer_id])
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
        from app.workers import run_task

        self.statusBar().showMessage(self.tr("Backing up…"))
        run_task(self.ctx.vault.backup, "manual", keep=self.ctx.settings.backups_to_keep,
                 on_done=lambda path: self.statusBar().showMessage(
                     self.tr("Backup written to {0}").format(path), 8000),
                 on_error=lambda exc: QMessageBox.warning(self, self.tr("Backup"), str(exc)))

    def open_settings(self) -> None:
        from app.views.dialogs.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.settings_changed.connect(
            lambda: self.locker.idle.set_minutes(self.ctx.settings.idle_lock_minutes))
        dialog.exec()

    def change_password(self) -> None:
        from app.views.dialogs.settings.change_password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.ctx, self).exec()

    # --- lock ----------------------------------------------------------------------
    def _show_locked(self) -> None:
        self.stack.setCurrentIndex(1)
        for action in (self.act_backup, self.act_settings, self.act_password, self.act_new,
                       self.act_find, self.act_trash, self.act_lock):
            action.setEnabled(False)

    def _show_unlocked(self) -> None:
        self.stack.setCurrentIndex(0)
        for action in self.actions():
            action.setEnabled(True)

    # --- state ----------------------------------------------------------------------
    def _restore_state(self) -> None:
        if (geometry := window_state.load("geometry")) is not None:
            self.restoreGeometry(geometry)
        if (state := window_state.load("state")) is not None:
            self.restoreState(state)
        if (split := window_state.load("splitter")) is not None:
            self.splitter.restoreState(split)
        if (header := window_state.load("list_header")) is not None:
            self.list_panel.restore_header_state(header)

    def save_state(self) -> None:
        window_state.save("geometry", self.saveGeometry())
        window_state.save("state", self.saveState())
        window_state.save("splitter", self.splitter.saveState())
        window_state.save("list_header", self.list_panel.header_state())

    def closeEvent(self, event) -> None:
        # Locked or not, unsaved edits are never lost silently.
        if self.dossier.has_unsaved_changes() and not self._confirm_discard():
            event.ignore()
            return
        self.save_state()
        self.list_panel.shutdown()
        self.ctx.lock()
        super().closeEvent(event)
