"""The dossier's personal-data actions (PIPL Art. 47) under its "Privacy" button:

- "Erase (PIPL)…": refused at once with the service's message when the customer is
  on hold (or merged into another); else EraseDialog (the customer named, a reason
  required, the backups that still hold the person, the offer to re-take them), then
  privacy.erase in a worker, then, if chosen, one fresh backup in place of the set;
- "Hold…": HoldDialog (reason and end date, both required);
- "Release hold": after a confirmation.

A banner under the header shows a hold in force, with its reason and end date. The
customer's code, name and hold are read in a worker, again on ctx.data_changed. After
a change ctx.data_changed is emitted (the erasure emits `erased` first)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import KehuError
from app.services.privacy.hold import Hold
from app.views.privacy.erase_dialog import EraseDialog
from app.views.privacy.hold_dialog import HoldDialog
from app.views.shell.app_context import AppContext, FileLocked
from app.views.widgets.busy import run_with_busy_dialog
from app.views.widgets.formatting import format_date
from app.workers import run_task


@dataclass(frozen=True)
class PrivacyState:
    customer_id: int
    code: str
    name: str
    hold: Hold | None  # the hold in force, if any


def read_state(sessions: sessionmaker[Session], customer_id: int) -> PrivacyState | None:
    """None: the customer is gone (erased or purged meanwhile)."""
    from app.models import Customer
    from app.services.privacy import hold

    with sessions() as session:
        row = session.execute(select(Customer.code, Customer.name).where(
            Customer.id == customer_id)).first()
        if row is None:
            return None
        return PrivacyState(customer_id, row.code, row.name,
                            hold.active_hold(session, customer_id))


def check_erasable(sessions: sessionmaker[Session], customer_id: int) -> None:
    from app.services.privacy.erase import check_erasable as check

    with sessions() as session:
        check(session, customer_id)


def erase_customer(sessions: sessionmaker[Session], customer_id: int, reason: str):
    from app.services.privacy.erase import erase

    with sessions.begin() as session:
        return erase(session, customer_id, reason=reason)


def release_hold(sessions: sessionmaker[Session], customer_id: int) -> int:
    from app.services.privacy import hold

    with sessions.begin() as session:
        return hold.release(session, customer_id)


def backup_count(db_path) -> int:
    """The backups of this file in its backup directory (a directory listing)."""
    from app.store.backups import list_backups
    from app.store.paths import backup_dir_for

    return len(list_backups(backup_dir_for(db_path), db_path.stem)) if db_path else 0


class HoldBanner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("holdBanner")
        self.setStyleSheet("#holdBanner { background: #eef3fb; border: 1px solid #7d9fd3;"
                           " border-radius: 4px; } QLabel { color: #1d3a66; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.release_button = QPushButton(self.tr("Release hold"))
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.release_button)
        self.hide()

    def show_hold(self, held: Hold | None) -> None:
        if held is None:
            self.text.clear()
            self.hide()
            return
        self.text.setText(self.tr(
            "On a storage-only hold until {0}: {1}. Kept, not processed (no lists, plans, "
            "campaigns or exports); cannot be erased.").format(
            format_date(held.until), held.reason))
        self.show()


class PrivacyActions(QObject):
    state_loaded = Signal()  # the shown customer's hold (and name) are read
    erased = Signal(int)  # the customer erased, before ctx.data_changed

    def __init__(self, ctx: AppContext, parent: QWidget):
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.customer_id: int | None = None
        self.state: PrivacyState | None = None
        self._generation = 0
        self.erase_action = QAction(self.tr("Erase (PIPL)…"), self)
        self.erase_action.setToolTip(self.tr(
            "Remove the person's personal data from the file for good (PIPL Art. 47)"))
        self.hold_action = QAction(self.tr("Hold…"), self)
        self.hold_action.setToolTip(self.tr(
            "Keep the data without processing it, e.g. for a statutory retention"))
        self.release_action = QAction(self.tr("Release hold"), self)
        self.erase_action.triggered.connect(self.erase)
        self.hold_action.triggered.connect(self.put_on_hold)
        self.release_action.triggered.connect(self.release)
        menu = self.menu = QMenu(parent)
        for action in (self.hold_action, self.release_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.erase_action)
        self.button = QToolButton(parent)
        self.button.setText(self.tr("Privacy"))
        self.button.setToolTip(self.tr("The person's copy, hold, release, erase (PIPL)"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(menu)
        self.banner = HoldBanner(parent)
        self.banner.release_button.clicked.connect(self.release)
        ctx.data_changed.connect(self.reload)
        ctx.locked.connect(self._on_locked)
        ctx.unlocked.connect(self.reload)
        self._update()

    # ------------------------------------------------------------ public API
    def add_first(self, action: QAction) -> None:
        """An action at the top of the menu, above a separator (the person's copy)."""
        first = self.menu.actions()[0]
        self.menu.insertAction(first, action)
        self.menu.insertSeparator(first)

    def set_customer(self, customer_id: int | None) -> None:
        if customer_id == self.customer_id:
            return
        self.customer_id, self.state = customer_id, None
        self.banner.show_hold(None)
        self._update()
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        if self.customer_id is None or self.ctx.is_locked:
            return
        generation = self._generation
        run_task(read_state, self.ctx.sessions(), self.customer_id,
                 on_done=lambda state: self._loaded(generation, state),
                 on_error=lambda exc: self._failed(generation, exc))

    # ------------------------------------------------------------ reading
    def _current(self, generation: int) -> bool:
        return generation == self._generation and not self.ctx.is_locked

    def _loaded(self, generation: int, state: PrivacyState | None) -> None:
        if not self._current(generation):
            return
        self.state = state
        self.banner.show_hold(state.hold if state else None)
        self._update()
        self.state_loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not self._current(generation):
            return
        if not isinstance(exc, KehuError):
            raise exc
        self.state = None
        self._update()

    def _on_locked(self) -> None:
        self._generation += 1
        self.state = None
        self.banner.show_hold(None)
        self._update()

    def _update(self) -> None:
        ready = self.state is not None and not self.ctx.is_locked
        self.erase_action.setEnabled(ready)
        self.hold_action.setEnabled(ready)
        self.release_action.setEnabled(ready and self.state.hold is not None)
        self.button.setVisible(self.customer_id is not None)

    # ------------------------------------------------------------ actions
    def _sessions(self):
        try:
            return self.ctx.sessions()
        except FileLocked:
            return None

    def _warn(self, title: str, exc: BaseException) -> None:
        if not isinstance(exc, KehuError):
            raise exc  # unexpected: the crash dialog shows it
        QMessageBox.warning(self.parent_widget, title, str(exc))

    def erase(self) -> None:
        state, sessions = self.state, self._sessions()
        if state is None or sessions is None:
            return
        title = self.tr("Erase (PIPL)")
        try:  # on hold, merged into another: said now, before a reason is asked for
            check_erasable(sessions, state.customer_id)
        except KehuError as exc:
            self._warn(title, exc)
            return
        dialog = EraseDialog(state.name, state.code, backup_count(self.ctx.db_path),
                             self.parent_widget)
        self.ctx.locked.connect(dialog.reject)  # locked meanwhile: nothing is erased
        try:
            if dialog.exec() != EraseDialog.DialogCode.Accepted or self.ctx.is_locked:
                return
            reason, retake = dialog.reason_text(), dialog.retake()
        finally:
            dialog.deleteLater()
        try:
            result = run_with_busy_dialog(erase_customer, sessions, state.customer_id,
                                          reason, label=self.tr("Erasing…"),
                                          parent=self.parent_widget)
        except KehuError as exc:  # e.g. put on hold meanwhile: nothing was erased
            self._warn(title, exc)
            self.reload()
            return
        self.customer_id, self.state = None, None
        self.banner.show_hold(None)
        self._update()
        self.erased.emit(state.customer_id)
        self.ctx.data_changed.emit()
        done = self.tr("{0} ({1}) was erased.").format(state.name, result.code)
        if retake:
            done += " " + self._retake_backups()
        else:
            left = backup_count(self.ctx.db_path)
            if left:
                done += " " + self.tr("%n earlier backup(s) still hold the person until "
                                      "they rotate out.", "", left)
        QMessageBox.information(self.parent_widget, title, done)

    def _retake_backups(self) -> str:
        vault = self.ctx.vault
        if vault is None or self.ctx.is_locked:
            return self.tr("The file was locked: the backups were not re-taken.")
        try:
            _fresh, removed = run_with_busy_dialog(
                vault.retake_backups, "erase", label=self.tr("Re-taking the backups…"),
                parent=self.parent_widget)
        except KehuError as exc:
            return self.tr("The backups could not be re-taken ({0}); the earlier ones are "
                           "kept and still hold the person.").format(exc)
        except OSError as exc:
            return self.tr("The backups could not be re-taken ({0}); the earlier ones are "
                           "kept and still hold the person.").format(exc.strerror or exc)
        return self.tr("%n earlier backup(s) were replaced by one fresh backup without "
                       "the person.", "", removed)

    def put_on_hold(self) -> None:
        if self.state is None or self.ctx.is_locked:
            return
        dialog = HoldDialog(self.ctx, self.state.customer_id, self.parent_widget)
        try:
            dialog.exec()  # written: ctx.data_changed, on which the banner reloads
        finally:
            dialog.deleteLater()

    def release(self) -> None:
        state, sessions = self.state, self._sessions()
        if state is None or sessions is None:
            return
        title = self.tr("Release hold")
        answer = QMessageBox.question(
            self.parent_widget, title,
            self.tr("Release the hold on {0} ({1})? The customer is processed again "
                    "(lists, plans, exports) and can be erased.").format(state.name,
                                                                         state.code),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes or self.ctx.is_locked:
            return
        try:
            release_hold(sessions, state.customer_id)  # one row or two: the UI thread
        except KehuError as exc:
            self._warn(title, exc)
            self.reload()
            return
        self.ctx.data_changed.emit()
