"""Move customers to the trash with an "Undo" button in the status bar, and restore
them; the same button offers the undo of any other change a view announces
(ctx.undoable: a snooze, …). One undo is pending at a time: the newest replaces it."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QStatusBar

from app.errors import KehuError
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
        self._undo_other = None  # the undo callable of an offered change
        self._timer = QTimer(self, singleShot=True, interval=UNDO_SECONDS * 1000)
        self._timer.timeout.connect(self._expire)

    def trash(self, ids: list[int]) -> None:
        if not ids:
            return
        with self.ctx.sessions().begin() as session:
            move_to_trash(session, ids)
        self._last = list(ids)
        self._undo_other = None
        self.status_bar.showMessage(
            self.tr("%n customer(s) moved to the trash.", "", len(ids)), UNDO_SECONDS * 1000)
        self.undo_button.show()
        self._timer.start()
        self.changed.emit()

    def offer(self, message: str, undo) -> None:
        """Say what was done, with Undo (Ctrl+Z) for UNDO_SECONDS; `undo()` returns
        what it did, in words, or raises a typed error (the change was overtaken)."""
        self._last = []
        self._undo_other = undo
        self.status_bar.showMessage(message, UNDO_SECONDS * 1000)
        self.undo_button.show()
        self._timer.start()

    def undo(self) -> None:
        if self.ctx.is_locked:
            return
        if self._undo_other is not None:
            undo, self._undo_other = self._undo_other, None
            try:
                message = undo()
            except KehuError as exc:
                message = str(exc)
            self.status_bar.showMessage(message, 8000)
            self._expire()
            return
        if not self._last:
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
        self._undo_other = None
        self.undo_button.hide()

    @property
    def pending(self) -> list[int]:
        return list(self._last)
