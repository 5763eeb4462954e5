"""Move customers to the trash with an "Undo" button in the status bar; restore them."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QStatusBar

from app.services.customers.service import move_to_trash, restore_from_trash
from app.views.shell.app_context import AppContext

UNDO_SECONDS = 15


class TrashWithUndo(QObject):
    changed = Signal()

    def __init__(self, ctx: AppContext, status_bar: QStatusBar, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.status_bar = status_bar
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setShortcut("Ctrl+Z")
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo)
        status_bar.addPermanentWidget(self.undo_button)
        self._last: list[int] = []
        self._timer = QTimer(self, singleShot=True, interval=UNDO_SECONDS * 1000)
        self._timer.timeout.connect(self._expire)

    def trash(self, ids: list[int]) -> None:
        if not ids:
            return
        with self.ctx.sessions().begin() as session:
            move_to_trash(session, ids)
        self._last = list(ids)
        self.status_bar.showMessage(
            self.tr("%n customer(s) moved to the trash.", "", len(ids)), UNDO_SECONDS * 1000)
        self.undo_button.show()
        self._timer.start()
        self.changed.emit()

    def undo(self) -> None:
        if not self._last or self.ctx.is_locked:
            return
        self.restore(self._last)

    def restore(self, ids: list[int]) -> None:
        """Bring customers back from the trash (the trash view's Restore, the Undo)."""
        if not ids or self.ctx.is_locked:
            return
        with self.ctx.sessions().begin() as session:
            restore_from_trash(session, ids)
        self.status_bar.showMessage(
            self.tr("Restored %n customer(s) from the trash.", "", len(ids)), 5000)
        if set(ids) & set(self._last):
            self._expire()
        self.changed.emit()

    def _expire(self) -> None:
        self._last = []
        self.undo_button.hide()

    @property
    def pending(self) -> list[int]:
        return list(self._last)
