"""What every view needs: the open customer file (or none while locked), the
settings, and signals for locking. Views never keep a Session: they ask
`ctx.sessions()` for one per action, in a worker where it may take > 100 ms."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.security.vault import Vault
from app.views.widgets.screen_mask import ScreenMask


class FileLocked(RuntimeError):
    """Raised when a view asks for data while the file is locked."""


class AppContext(QObject):
    locked = Signal()
    unlocked = Signal()
    data_changed = Signal()  # customers were added/edited/trashed: lists refresh
    # A change the user may take back: (what was done, in words; a callable that undoes
    # it and returns what it did, in words). The main window offers it in the status bar.
    undoable = Signal(str, object)

    def __init__(self, vault: Vault | None, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.vault = vault
        self.settings = settings or Settings.load()
        self.db_path = vault.db_path if vault else None
        self.screen_mask = ScreenMask(self, self)  # personal data masked on screen

    @property
    def is_locked(self) -> bool:
        return self.vault is None or self.vault.is_locked

    def sessions(self) -> sessionmaker[Session]:
        if self.is_locked:
            raise FileLocked("the customer file is locked")
        return self.vault.sessions

    def lock(self) -> None:
        if self.vault is not None:
            self.vault.lock()
            self.vault = None
            self.locked.emit()

    def set_unlocked(self, vault: Vault) -> None:
        self.vault = vault
        self.db_path = vault.db_path
        self.unlocked.emit()
