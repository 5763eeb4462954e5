"""Unlock an existing customer file with its password or the recovery key.

The key derivation takes about half a second, so it runs in a worker; a wrong
password is shown in the dialog, which stays open. Nothing is written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.errors import KehuError, WrongPassword
from app.workers import run_task


def _open(db_path: Path, secret: str, use_recovery: bool):
    # Imported here, in the worker: SQLAlchemy and friends cost ~0.4 s at start-up.
    from app.security.vault import Vault

    if use_recovery:
        vault = Vault.open_with_recovery_key(db_path, secret)
    else:
        vault = Vault.open_with_password(db_path, secret)
    # Audited once the integrity check has passed (IntegrityWatch): nothing is written
    # to a file before its pages are known to be whole.
    vault.pending_unlock = ("recovery_key" if use_recovery else "password",
                            datetime.now().isoformat(timespec="seconds"))
    return vault


def audit_unlock(vault) -> None:
    """Write the pending unlock into the audit (PIPL Art. 54). A file that cannot be
    written (full disk, read-only medium) still opens for viewing: the failure to
    record is logged, not turned into a refusal to show the file."""
    pending = getattr(vault, "pending_unlock", None)
    if pending is None:
        return
    vault.pending_unlock = None
    import logging

    from sqlalchemy.exc import SQLAlchemyError

    from app.services import audit

    method, at = pending
    try:
        with vault.sessions.begin() as session:
            audit.record(session, "unlock", "file", vault.db_path.name,
                         {"method": method, "unlocked_at": at})
    except (SQLAlchemyError, OSError) as exc:
        logging.getLogger(__name__).warning("unlock not audited: %s", exc)


class UnlockDialog(QDialog):
    other_file_requested = Signal()
    server_requested = Signal()  # "Open team server…" instead of a file

    def __init__(self, db_path: Path, parent=None, *, allow_other_file: bool = True,
                 recent_files: list[Path] | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.vault = None  # the opened Vault once unlocked
        self._tried_recovery = False
        self.wants_other_file = False
        self.wants_server = False
        self.setWindowTitle(self.tr("Unlock customer file"))
        self.setMinimumWidth(440)
        self.notice = QLabel()  # why the file locked (idle): show_notice()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.where = where = QLabel(self.tr("File: {0}").format(self.db_path))
        where.setWordWrap(True)
        self.recent = QComboBox()
        others = [p for p in recent_files or [] if Path(p) != self.db_path]
        if allow_other_file and others:
            self.recent.addItem(self.tr("Recent files…"), None)
            for path in others:
                self.recent.addItem(Path(path).name, str(path))
                self.recent.setItemData(self.recent.count() - 1, str(path),
                                        Qt.ItemDataRole.ToolTipRole)  # enums: only if shown
            self.recent.activated.connect(self._recent_chosen)
        else:
            self.recent.hide()
        self.secret = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.use_recovery = QCheckBox(self.tr("Use the recovery key instead of the password"))
        self.use_recovery.toggled.connect(self._mode_changed)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.label = QLabel(self.tr("Password:"))
        form = QFormLayout()
        form.addRow(self.label, self.secret)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Unlock"))
        self.buttons.accepted.connect(self._try_unlock)
        self.buttons.rejected.connect(self.reject)
        if allow_other_file:
            other = QPushButton(self.tr("Open another file…"))
            self.buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
            other.clicked.connect(self.other_file_requested.emit)
            self.server_button = QPushButton(self.tr("Open team server…"))
            self.buttons.addButton(self.server_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.server_button.clicked.connect(self.server_requested.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(where)
        layout.addWidget(self.recent)
        layout.addLayout(form)
        layout.addWidget(self.use_recovery)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.secret.setFocus()

    def show_notice(self, text: str) -> None:
        """A line above the file name: why the file locked ("Locked after 10 minutes of
        inactivity.")."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _recent_chosen(self, index: int) -> None:
        path = self.recent.itemData(index)
        if path:
            self.set_file(Path(path))

    def set_file(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.where.setText(self.tr("File: {0}").format(self.db_path))
        self.error.clear()
        self.secret.clear()
        self.secret.setFocus()

    def reject_for_other_file(self) -> None:
        self.wants_other_file = True
        self.reject()

    def reject_for_server(self) -> None:
        self.wants_server = True
        self.reject()

    def _mode_changed(self, recovery: bool) -> None:
        self.label.setText(self.tr("Recovery key:") if recovery else self.tr("Password:"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if recovery
                                else QLineEdit.EchoMode.Password)
        self.secret.clear()
        self.error.clear()

    def _try_unlock(self) -> None:
        if not self.secret.text():
            self.error.setText(self.tr("Enter the password first."))
            return
        self._busy(True)
        self.error.setText(self.tr("Unlocking…"))
        self._tried_recovery = self.use_recovery.isChecked()  # what the error is about
        run_task(_open, self.db_path, self.secret.text(), self._tried_recovery,
                 on_done=self._unlocked, on_error=self._failed)

    def _busy(self, busy: bool) -> None:
        self.ok.setEnabled(not busy)
        self.secret.setEnabled(not busy)
        self.use_recovery.setEnabled(not busy)

    def _unlocked(self, vault) -> None:
        self.vault = vault
        self.secret.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, WrongPassword):
            # The dialog knows which one was typed: say that one, not "password or key".
            self.error.setText(self.tr("Wrong recovery key.") if self._tried_recovery
                               else self.tr("Wrong password."))
        elif isinstance(exc, KehuError):
            self.error.setText(str(exc))
        else:
            self.error.setText(self.tr("Unexpected error: {0}").format(exc))
        self.secret.selectAll()
        self.secret.setFocus()
