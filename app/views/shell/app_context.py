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
        self._remember_store(vault)
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
        self._remember_store(vault)
        self.unlocked.emit()

    def safety_backup(self, reason: str):
        """The backup taken before an import or its undo: of the file, with the kept
        count of the settings; None on a team database (one transaction on the server,
        whose backups are its administrator's)."""
        vault = self.vault
        if getattr(vault, "is_team", False):
            return None
        return vault.backup(reason, keep=self.settings.backups_to_keep)

    def _remember_store(self, vault) -> None:
        """What stays known while locked: a team server's address (no password) and
        the name to show, so unlocking reconnects to the same server."""
        self.is_team = bool(getattr(vault, "is_team", False))
        self.team_url = vault.url if self.is_team else None
        if self.is_team:
            self.store_label = vault.label
        else:
            self.store_label = str(self.db_path) if self.db_path else ""
