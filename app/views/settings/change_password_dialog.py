"""Change the password of the open customer file.

Only the small key file is rewritten (the data key is rewrapped under the new
password); the database itself is untouched and the recovery key keeps working.
Both key derivations run in a worker; a wrong current password is shown in the
dialog, which stays open, and nothing is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)
from sqlalchemy.orm import Session, sessionmaker

from app.errors import KehuError, WrongPassword
from app.security.kdf import MIN_PASSWORD_LENGTH
from app.security.vault import Vault
from app.services import audit
from app.views.shell.app_context import AppContext
from app.views.widgets.password_strength import strength_text
from app.workers import run_task

ERROR_STYLE = "color: #b00020"


def change_password(vault: Vault, sessions: sessionmaker[Session], old: str, new: str) -> None:
    """Check `old`, then rewrap the data key under `new` and record it in the audit log.

    The audit row is flushed before the key file is replaced, so a database that
    cannot be written stops the change before anything on disk is touched."""
    vault.check_password(old)
    with sessions.begin() as session:
        # entity_id keeps 64 characters of the path; the detail keeps all of it
        audit.record(session, "password_change", "file", str(vault.db_path),
                     detail={"path": str(vault.db_path)})
        session.flush()
        vault.change_password(new)


class ChangePasswordDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._busy = False
        self._closed_by_lock = False
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(480)
        note = QLabel(self.tr(
            "The recovery key stays the same and still opens the file. Backups made "
            "before the change keep the password they were made with."))
        note.setWordWrap(True)
        self.current = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.strength = QLabel()
        self.mismatch = QLabel()
        self.mismatch.setStyleSheet(ERROR_STYLE)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Current password:"), self.current)
        form.addRow(self.tr("New password:"), self.password)
        form.addRow("", self.strength)
        form.addRow(self.tr("Repeat new password:"), self.repeat)
        form.addRow("", self.mismatch)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Change password"))
        self.buttons.accepted.connect(self._change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        for edit in (self.current, self.password, self.repeat):
            edit.textChanged.connect(self._update)
        self.current.textEdited.connect(lambda _t: self.error.clear())
        ctx.locked.connect(self._on_locked)
        self._update()
        self.current.setFocus()

    # --- validation ------------------------------------------------------------------
    def _update(self) -> None:
        old, pw, again = self.current.text(), self.password.text(), self.repeat.text()
        self.strength.setText(strength_text(pw))
        if again and pw != again:
            self.mismatch.setText(self.tr("The two new passwords differ."))
        elif pw and pw == old:
            self.mismatch.setText(self.tr("The new password is the same as the current one."))
        else:
            self.mismatch.clear()
        valid = (bool(old) and len(pw) >= MIN_PASSWORD_LENGTH and pw == again and pw != old)
        self.ok.setEnabled(valid and not self._busy and not self.ctx.is_locked)

    # --- the change ------------------------------------------------------------------
    def _change(self) -> None:
        if not self.ok.isEnabled():
            return  # Enter in a field while invalid or busy
        vault, sessions = self.ctx.vault, self.ctx.sessions()
        self._set_busy(True)
        self.error.setStyleSheet("")
        self.error.setText(self.tr("Changing the password…"))
        run_task(change_password, vault, sessions, self.current.text(), self.password.text(),
                 on_done=self._changed, on_error=self._failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.current, self.password, self.repeat):
            widget.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)
        self._update()

    def _changed(self, _result=None) -> None:
        if self._closed_by_lock:
            return
        self._clear()
        self._set_busy(False)
        QMessageBox.information(self, self.tr("Password changed"), self.tr(
            "The password has been changed. The recovery key is unchanged and still "
            "opens the file."))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, WrongPassword):
            self.error.setText(self.tr("The current password is wrong. Nothing was changed."))
            self.current.selectAll()
            self.current.setFocus()
        elif isinstance(exc, KehuError):
            self.error.setText(str(exc))
        else:
            self.error.setText(self.tr("The password could not be changed: {0}").format(exc))

    # --- closing ---------------------------------------------------------------------
    def reject(self) -> None:
        if self._busy:
            return  # the key derivation cannot be interrupted; wait for the result
        self._clear()
        super().reject()

    def _on_locked(self) -> None:
        self._closed_by_lock = True
        self._clear()
        self._busy = False
        super().reject()

    def _clear(self) -> None:
        for edit in (self.current, self.password, self.repeat):
            edit.clear()
