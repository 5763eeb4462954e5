"""After every unlock the file's pages are checked (HMAC of each, `PRAGMA
cipher_integrity_check`) in a worker, while the user works; damage is told at once in a
dialog that names the newest good backup, and from then on nothing is written to the
file in this session (the vault's latch: saving, importing, backing up are refused)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import DamagedFile, KehuError
from app.views.shell.app_context import AppContext
from app.workers import run_task


class IntegrityWatch(QObject):
    checked = Signal(int)  # pages checked, the file is whole
    damage_found = Signal(str)  # the message shown

    def __init__(self, ctx: AppContext, window: QWidget):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.running = False
        self.damage: DamagedFile | None = None

    def start(self) -> None:
        """Check the open file in the background (again after each unlock)."""
        if self.ctx.is_locked or self.running:
            return
        vault = self.ctx.vault
        self.running = True
        run_task(lambda: self._check(vault), on_done=lambda pages: self._done(vault, pages),
                 on_error=lambda exc: self._failed(vault, exc))

    @staticmethod
    def _check(vault) -> int:
        from app.views.files.unlock_dialog import audit_unlock

        pages = vault.check()
        audit_unlock(vault)  # the file is whole: the unlock may be written now
        return pages

    def _still_open(self, vault) -> bool:
        return not self.ctx.is_locked and self.ctx.vault is vault

    def _done(self, vault, pages: int) -> None:
        self.running = False
        if self._still_open(vault):
            self.checked.emit(int(pages))

    def _failed(self, vault, exc: BaseException) -> None:
        self.running = False
        if not self._still_open(vault):
            return  # locked meanwhile: the engine was closed under the check
        if isinstance(exc, DamagedFile):
            self.damage = exc
            self.damage_found.emit(str(exc))
            QMessageBox.critical(self.window, self.tr("The customer file is damaged"),
                                 self.tr("Checking the customer file found damage. Nothing "
                                         "more will be written to it until it is restored."
                                         "\n\n{0}").format(exc))
        elif isinstance(exc, KehuError):  # busy, a disk error: the check could not run
            QMessageBox.warning(self.window, self.tr("Checking the customer file"), str(exc))
        else:
            raise exc  # unexpected: the crash dialog shows it
